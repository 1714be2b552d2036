/**
 * The app's sync engine, wired to the browser: the PocketBase client's
 * token, XHR uploads, Web Locks, Background Sync. Tests build their own
 * SyncEngine with fakes and install it with useEngine().
 */
import { pb } from '$lib/api/pb';
import { SyncEngine, type SessionCheck, type SyncDeps } from './sync';
import { xhrTransport } from './transport';

export const BACKGROUND_SYNC_TAG = 'anguan-outbox';

async function checkSession(): Promise<SessionCheck> {
	const record = pb.authStore.record;
	if (!record) return 'expired';
	try {
		await pb.collection(record.collectionName).authRefresh({ requestKey: null });
		return 'ok';
	} catch (e) {
		const status = (e as { status?: number }).status ?? 0;
		if (status === 401 || status === 403 || status === 404) {
			// Drop the dead token but keep the record: the app stays usable offline, the
			// queue stays this user's, and the login page (which skips valid logins) opens.
			pb.authStore.save('', record);
			return 'expired';
		}
		return 'offline';
	}
}

function wakeOnReconnect() {
	if (typeof navigator === 'undefined' || !navigator.serviceWorker?.controller) return;
	void navigator.serviceWorker.ready
		.then((reg) =>
			(reg as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register(BACKGROUND_SYNC_TAG)
		)
		.catch(() => {});
}

export function browserDeps(): SyncDeps {
	return {
		baseUrl: pb.baseURL.replace(/\/$/, ''),
		transport: xhrTransport,
		auth: () => ({
			userId: pb.authStore.record?.id ?? '',
			token: pb.authStore.token,
			valid: pb.authStore.isValid,
			blocked: !!pb.authStore.record?.mustChangePassword
		}),
		checkSession,
		isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
		now: () => Date.now(),
		random: Math.random,
		locks: typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null,
		setTimer: (fn, ms) => setTimeout(fn, ms),
		clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
		wakeOnReconnect
	};
}

let current: SyncEngine | null = null;

export function engine(): SyncEngine {
	current ??= new SyncEngine(browserDeps());
	return current;
}

/** Tests: run submissions through an engine with fake dependencies (or none with null). */
export function useEngine(e: SyncEngine | null) {
	current?.stop();
	current = e;
}

let suspended = false;

/** Tests of the outbox alone: queue without sending. */
export function suspendAutoSync(value: boolean) {
	suspended = value;
}

/** Start sending soon (a new item, the connection came back, a button). */
export function requestSync(): void {
	if (!suspended)
		void engine()
			.run()
			.catch((e) => console.error('同步出错', e));
}

/** The 立即同步 button. */
export function syncNow(): Promise<void> {
	return engine().run();
}
