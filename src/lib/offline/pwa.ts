/**
 * Service-worker registration and updates. A new version waits until the
 * user clicks "有新版本，点击刷新"; drafts are written before the reload, so an
 * update never costs what was typed.
 */
import { dev } from '$app/environment';
import type { Workbox } from 'workbox-window';
import { flushAutosaves } from './autosave';
import { offlineStatus } from './status.svelte';

let wb: Workbox | null = null;

export async function registerPwa(): Promise<void> {
	if (wb || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	const { Workbox } = await import('workbox-window');
	wb = new Workbox('/service-worker.js', { type: dev ? 'module' : 'classic' });
	wb.addEventListener('waiting', () => (offlineStatus.updateReady = true));
	try {
		await wb.register();
	} catch (e) {
		// WeChat on iOS and private modes have no service worker: the app still works online.
		console.warn('离线功能不可用', e);
		return;
	}
	// Long-lived tabs (a phone that keeps the app open for days) check for updates now and then.
	setInterval(() => void wb?.update().catch(() => {}), 60 * 60_000);
}

export async function applyUpdate(): Promise<void> {
	await flushAutosaves();
	if (!wb) return location.reload();
	wb.addEventListener('controlling', () => location.reload());
	wb.messageSkipWaiting();
}
