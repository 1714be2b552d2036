/**
 * Who is logged in, as reactive state for the UI. PocketBase's auth store
 * (localStorage, shared by tabs) stays the source of truth; this mirrors it.
 */
import { getTokenPayload, type RecordModel } from 'pocketbase';
import { accountKind, pb, type AccountRecord } from './pb';
import { CHECK_EVERY_MS, SessionKeeper, type SessionEnd } from './session-keeper';
import { ACCOUNT_COLLECTIONS, normalizeIdentity, type AccountKind } from '$lib/domain';
import { logout } from '$lib/offline/logout';

class Session {
	#record = $state<AccountRecord | null>(pb.authStore.record as AccountRecord | null);

	constructor() {
		pb.authStore.onChange((_token, record) => (this.#record = record as AccountRecord | null));
	}

	get user(): AccountRecord | null {
		return this.#record;
	}
	get kind(): AccountKind | null {
		return accountKind(this.#record);
	}
	get mustChangePassword(): boolean {
		return !!this.#record?.mustChangePassword;
	}
	get displayName(): string {
		return (this.#record?.name as string | undefined) ?? '';
	}
}

export const session = new Session();

export async function login(kind: AccountKind, identity: string, password: string): Promise<RecordModel> {
	const auth = await pb.collection(ACCOUNT_COLLECTIONS[kind]).authWithPassword(normalizeIdentity(kind, identity), password);
	markActive();
	return auth.record;
}

/** Changing the password invalidates the token, so log in again with the new one. */
export async function changePassword(oldPassword: string, password: string): Promise<void> {
	const record = pb.authStore.record;
	const kind = accountKind(record);
	if (!record || !kind) throw new Error('请先登录');
	const identity = kind === 'applicant' ? record.idNumber : record.uscc;
	await pb.collection(ACCOUNT_COLLECTIONS[kind]).update(record.id, { oldPassword, password, passwordConfirm: password });
	await login(kind, identity, password);
}

/**
 * The logged-in account's record as just read from the server: the header
 * and the route guard follow an approved rename (or ID change) at once.
 */
export function refreshSessionRecord(record: RecordModel): void {
	if (pb.authStore.record?.id === record.id && pb.authStore.record?.collectionName === record.collectionName) {
		pb.authStore.save(pb.authStore.token, record);
	}
}

export function homePath(kind: AccountKind | null): string {
	return kind === 'enterprise' ? '/enterprise' : '/';
}

const ACTIVITY_KEY = 'anguan_last_activity';

/**
 * Token refresh while the person is active and logout after 30 idle minutes
 * (session-keeper.ts), wired to this browser: activity events, a timer, the
 * tab becoming visible. onEnded runs after the login ended on this device
 * (drafts kept) with why: 'idle', or 'ended' when the server no longer knows
 * the login (退出所有设备 elsewhere). Returns the stop function.
 */
export function startSessionKeeper(onEnded: (reason: SessionEnd) => void): () => void {
	const keeper = new SessionKeeper({
		now: () => Date.now(),
		readActivity: () => {
			const v = Number(safeStorage(() => localStorage.getItem(ACTIVITY_KEY)) ?? pageActivity);
			return v > 0 ? v : null;
		},
		writeActivity: (ms) => {
			pageActivity = ms;
			safeStorage(() => localStorage.setItem(ACTIVITY_KEY, String(ms)));
		},
		loggedIn: () => !!accountKind(pb.authStore.record),
		online: () => navigator.onLine,
		tokenExpiry: () => {
			const exp = getTokenPayload(pb.authStore.token).exp;
			return typeof exp === 'number' ? exp * 1000 : null;
		},
		refresh: async () => {
			const record = pb.authStore.record;
			if (record) await pb.collection(record.collectionName).authRefresh({ requestKey: 'session-refresh' });
		},
		end: async (reason) => {
			await logout({ eraseDrafts: false });
			onEnded(reason);
		}
	});
	const onActivity = () => void keeper.activity();
	const onVisible = () => document.visibilityState === 'visible' && void keeper.check();
	const events = ['pointerdown', 'keydown', 'touchstart'] as const;
	for (const ev of events) addEventListener(ev, onActivity, { passive: true, capture: true });
	document.addEventListener('visibilitychange', onVisible);
	const timer = setInterval(() => void keeper.check(), CHECK_EVERY_MS);
	void keeper.start();
	return () => {
		for (const ev of events) removeEventListener(ev, onActivity, { capture: true });
		document.removeEventListener('visibilitychange', onVisible);
		clearInterval(timer);
	};
}

/** A fresh login counts as activity, so the idle clock starts now. */
export function markActive(): void {
	pageActivity = Date.now();
	safeStorage(() => localStorage.setItem(ACTIVITY_KEY, String(pageActivity)));
}

/** The last activity as this page knows it, for browsers that keep no site data. */
let pageActivity: number | null = null;

/** Where the browser blocks site data (localStorage throws), the idle clock is this page's alone. */
function safeStorage<T>(use: () => T): T | null {
	try {
		return use();
	} catch {
		return null;
	}
}
