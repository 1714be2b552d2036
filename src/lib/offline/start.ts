/**
 * Starts the offline layer once per tab: sync triggers (connection back, tab
 * visible, login, Background Sync), draft flushing when the page goes away,
 * persistent storage, and the service worker.
 */
import { pb } from '$lib/api/pb';
import { siteStorageWorks } from '$lib/api/auth-store';
import { flushAutosaves } from './autosave';
import { db } from './db';
import { engine, requestSync, syncNow } from './engine';
import { registerPwa } from './pwa';
import { noteStorageFailure, offlineStatus } from './status.svelte';
import { requestPersistentStorage, storageUse } from './storage';

let started: (() => void) | null = null;

export async function refreshStorageStatus() {
	offlineStatus.storage = await storageUse().catch(() => null);
}

const PROBE = '\u0000probe';

/**
 * What this browser lets the app keep: localStorage (a login that survives a
 * reload) and a database it can write to (drafts, queued submissions). The
 * layout's notice says what is missing and what still works.
 */
export async function checkDeviceStore(): Promise<void> {
	offlineStatus.siteData = siteStorageWorks();
	try {
		await db.transaction('rw', db.cache, async () => {
			await db.cache.put({ userId: PROBE, key: PROBE, value: 1, updatedAt: Date.now() });
			await db.cache.delete([PROBE, PROBE]);
		});
		offlineStatus.deviceStore = 'ok';
	} catch (e) {
		noteStorageFailure(e);
	}
}

export function startOffline(): () => void {
	if (started) return started;
	const e = engine();
	offlineStatus.online = navigator.onLine !== false;
	const offState = e.onChange((s) => (offlineStatus.sync = s));

	const online = () => {
		offlineStatus.online = true;
		requestSync();
	};
	const offline = () => (offlineStatus.online = false);
	const visibility = () => {
		if (document.visibilityState === 'visible') requestSync();
		else void flushAutosaves();
	};
	const pagehide = () => void flushAutosaves();
	// A login (also in another tab) after the session had expired sends what waited.
	const offAuth = pb.authStore.onChange(() => {
		if (pb.authStore.isValid) void e.loggedIn().catch(() => {});
	});
	// The service worker relays Background Sync wake-ups; answer when done.
	const swMessage = (ev: MessageEvent) => {
		if (ev.data?.type !== 'SYNC_OUTBOX') return;
		void syncNow()
			.catch(() => {})
			.finally(() => ev.ports[0]?.postMessage({ type: 'SYNC_DONE' }));
	};

	addEventListener('online', online);
	addEventListener('offline', offline);
	addEventListener('pagehide', pagehide);
	document.addEventListener('visibilitychange', visibility);
	navigator.serviceWorker?.addEventListener('message', swMessage);

	void checkDeviceStore();
	void requestPersistentStorage().then((p) => (offlineStatus.persistence = p));
	void refreshStorageStatus();
	void registerPwa();
	requestSync();

	started = () => {
		removeEventListener('online', online);
		removeEventListener('offline', offline);
		removeEventListener('pagehide', pagehide);
		document.removeEventListener('visibilitychange', visibility);
		navigator.serviceWorker?.removeEventListener('message', swMessage);
		offAuth();
		offState();
		e.stop();
		started = null;
	};
	return started;
}
