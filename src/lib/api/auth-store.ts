/**
 * The login kept in localStorage (shared by tabs), or — when the browser
 * refuses this site's storage (a 网吧 PC set to block site data, Safari's
 * "Block All Cookies", some private modes) — in memory only: the app still
 * starts and logs in, and the login lasts until the page is closed.
 * PocketBase's LocalAuthStore reads localStorage when it is created, which
 * throws in those browsers before a single line of the app has run.
 */
import { BaseAuthStore, type AuthRecord } from 'pocketbase';

function storage(): Storage | null {
	try {
		return typeof window === 'undefined' ? null : window.localStorage;
	} catch {
		return null;
	}
}

/** Whether this site may keep data in the browser (localStorage answers). */
export function siteStorageWorks(): boolean {
	try {
		const s = storage();
		if (!s) return false;
		s.setItem('anguan_probe', '1');
		s.removeItem('anguan_probe');
		return true;
	} catch {
		return false;
	}
}

export class DeviceAuthStore extends BaseAuthStore {
	readonly #key: string;

	constructor(key: string) {
		super();
		this.#key = key;
		const saved = this.#read();
		if (saved) super.save(saved.token, saved.record);
		// Another tab logged in or out.
		if (storage() && typeof window !== 'undefined') {
			window.addEventListener('storage', (e) => {
				if (e.key !== this.#key) return;
				const now = this.#read();
				super.save(now?.token ?? '', now?.record ?? null);
			});
		}
	}

	save(token: string, record?: AuthRecord): void {
		try {
			storage()?.setItem(this.#key, JSON.stringify({ token, record }));
		} catch {
			// Full or refused: the login lives in memory for this page.
		}
		super.save(token, record);
	}

	clear(): void {
		try {
			storage()?.removeItem(this.#key);
		} catch {
			// Nothing stored that could outlive the page.
		}
		super.clear();
	}

	#read(): { token: string; record: AuthRecord } | null {
		try {
			const raw = storage()?.getItem(this.#key);
			const parsed = raw ? JSON.parse(raw) : null;
			return parsed && typeof parsed.token === 'string' ? { token: parsed.token, record: parsed.record ?? parsed.model ?? null } : null;
		} catch {
			return null;
		}
	}
}
