/**
 * Keeps a login alive while its person works, and ends it when they walk
 * away — for shared computers (网吧) where the next person sits down at the
 * same browser:
 *   - activity (a key, a click, a touch) in any tab counts for all tabs (the
 *     time is shared through localStorage);
 *   - while active and online, the token (one hour, see the session_tokens
 *     migration) is refreshed once it is more than ten minutes old, and once
 *     when the app starts, which also tells a login ended elsewhere (退出所有
 *     设备) from a live one;
 *   - after IDLE_LOGOUT_MS without activity the login ends and drafts stay on
 *     the device for the next login of the same account. Offline it waits:
 *     nobody could log back in without a network.
 * Every dependency is passed in, so the rules are tested without a browser.
 */

export const IDLE_LOGOUT_MS = 30 * 60_000;
/** Refresh a token whose remaining life is below this (tokens last an hour). */
export const REFRESH_BELOW_MS = 50 * 60_000;
export const CHECK_EVERY_MS = 30_000;

export type SessionEnd = 'idle' | 'ended';

export interface KeeperDeps {
	now(): number;
	/** Last activity of any tab (ms), or null when none was recorded. */
	readActivity(): number | null;
	writeActivity(ms: number): void;
	loggedIn(): boolean;
	online(): boolean;
	/** Expiry of the current token (ms), or null. */
	tokenExpiry(): number | null;
	/** Resolves when refreshed; rejects with { status } when the server refused the login. */
	refresh(): Promise<void>;
	/** Ends the login on this device, keeping drafts. */
	end(reason: SessionEnd): Promise<void>;
}

export class SessionKeeper {
	#deps: KeeperDeps;
	#refreshing: Promise<void> | null = null;
	#ending = false;

	constructor(deps: KeeperDeps) {
		this.#deps = deps;
	}

	/** The app opened: confirm the login is still valid and count this as activity. */
	start(): Promise<void> {
		if (!this.#deps.loggedIn()) return Promise.resolve();
		if (this.#idleFor() >= IDLE_LOGOUT_MS) return this.check();
		this.#deps.writeActivity(this.#deps.now());
		return this.#refresh();
	}

	/** A key, click or touch. Cheap: writes the time at most every few seconds. */
	activity(): Promise<void> {
		if (!this.#deps.loggedIn()) return Promise.resolve();
		const now = this.#deps.now();
		const last = this.#deps.readActivity();
		if (last !== null && now - last >= IDLE_LOGOUT_MS) return this.check();
		if (last === null || now - last > 5_000) this.#deps.writeActivity(now);
		const expiry = this.#deps.tokenExpiry();
		if (expiry !== null && expiry - now < REFRESH_BELOW_MS) return this.#refresh();
		return Promise.resolve();
	}

	/** Timer tick, tab shown again: end the login if its person has been away too long. */
	check(): Promise<void> {
		if (!this.#deps.loggedIn() || !this.#deps.online()) return Promise.resolve();
		return this.#idleFor() >= IDLE_LOGOUT_MS ? this.#end('idle') : Promise.resolve();
	}

	#idleFor(): number {
		const last = this.#deps.readActivity();
		return last === null ? 0 : this.#deps.now() - last;
	}

	#refresh(): Promise<void> {
		if (!this.#deps.online()) return Promise.resolve();
		this.#refreshing ??= this.#deps
			.refresh()
			.catch((err: { status?: number }) => {
				// 401/403/404: the login is over (退出所有设备, password changed, account gone); anything else is the network.
				if (err?.status === 401 || err?.status === 403 || err?.status === 404) return this.#end('ended');
			})
			.finally(() => (this.#refreshing = null));
		return this.#refreshing;
	}

	async #end(reason: SessionEnd): Promise<void> {
		if (this.#ending) return;
		this.#ending = true;
		try {
			await this.#deps.end(reason);
		} finally {
			this.#ending = false;
		}
	}
}
