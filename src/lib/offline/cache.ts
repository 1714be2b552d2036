/**
 * The user's server data kept on the device (我的证书, applications,
 * enterprise record), so a cold start offline still shows it.
 *
 *   const { data, fromCache, updatedAt } = await cachedQuery('certificates', () =>
 *     pb.collection('certificates').getFullList({ sort: '-validUntil' }));
 *
 * Values must be plain data (records from the SDK are).
 */
import { db, type CacheRow } from './db';
import { toPlain } from './plain';
import { currentUserId, liveForUser, type Live } from './scope';

export interface Cached<T> {
	data: T;
	fromCache: boolean;
	/** when the data came from the server */
	updatedAt: number;
}

/** No answer from the server (rather than a refusal): worth falling back to the cache. */
function isNoAnswer(e: unknown): boolean {
	const status = (e as { status?: number })?.status;
	return status === 0 || status === undefined || status >= 500 || e instanceof TypeError;
}

export const cache = {
	async get<T>(key: string): Promise<{ value: T; updatedAt: number } | undefined> {
		const row = await db.cache.get([currentUserId(), key]);
		return row && { value: row.value as T, updatedAt: row.updatedAt };
	},
	async put<T>(key: string, value: T): Promise<void> {
		const userId = currentUserId();
		if (!userId) return;
		await db.cache.put({ userId, key, value: toPlain(value), updatedAt: Date.now() });
	},
	async delete(key: string): Promise<void> {
		await db.cache.delete([currentUserId(), key]);
	},
	/** Drop every cached value of the current user (logout). */
	async clear(userId = currentUserId()): Promise<void> {
		await db.cache.where('userId').equals(userId).delete();
	}
};

/**
 * Ask the server; remember the answer. Without an answer, give the remembered
 * one (fromCache: true). A refusal (e.g. 403) is rethrown, not masked.
 */
export async function cachedQuery<T>(key: string, fetcher: () => Promise<T>): Promise<Cached<T>> {
	try {
		const data = await fetcher();
		await cache.put(key, data).catch(() => {});
		return { data, fromCache: false, updatedAt: Date.now() };
	} catch (e) {
		if (!isNoAnswer(e)) throw e;
		const hit = await cache.get<T>(key);
		if (!hit) throw e;
		return { data: hit.value, fromCache: true, updatedAt: hit.updatedAt };
	}
}

/** A cached value as it changes (e.g. after another tab refreshed it); undefined until cached. */
export function liveCache<T>(key: string): Live<{ value: T; updatedAt: number } | undefined> {
	return liveForUser(async (userId) => {
		const row: CacheRow | undefined = await db.cache.get([userId, key]);
		return row && { value: row.value as T, updatedAt: row.updatedAt };
	});
}
