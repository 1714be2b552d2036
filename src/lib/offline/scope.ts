/**
 * Whose rows a query sees. Everything offline is keyed by the logged-in
 * user's id; live views re-run when the login changes (also from another tab,
 * which LocalAuthStore reports through the storage event).
 */
import { liveQuery } from 'dexie';
import { pb } from '$lib/api/pb';

export function currentUserId(): string {
	return pb.authStore.record?.id ?? '';
}

/** Callable and with .unsubscribe(): fits Svelte stores, fromStore() and RxJS-style callers alike. */
export type Unsubscribe = (() => void) & { unsubscribe(): void };

export interface Live<T> {
	subscribe(next: (value: T) => void): Unsubscribe;
}

/** A Dexie live query for the current user; satisfies Svelte's store contract. */
export function liveForUser<T>(query: (userId: string) => Promise<T>): Live<T> {
	return {
		subscribe(next) {
			let sub: { unsubscribe(): void } | undefined;
			let userId: string | undefined;
			const start = () => {
				const id = currentUserId();
				if (id === userId && sub) return;
				userId = id;
				sub?.unsubscribe();
				sub = liveQuery(() => query(id)).subscribe({
					next,
					error: (e) => console.error('离线数据读取失败', e)
				});
			};
			start();
			const off = pb.authStore.onChange(start);
			const stop = () => {
				off();
				sub?.unsubscribe();
			};
			return Object.assign(stop, { unsubscribe: stop });
		}
	};
}
