/**
 * Keeping the device's copy alive: persistent storage, quota warnings and a
 * readable error when the disk is full.
 */
export const QUOTA_MESSAGE =
	'本机存储空间不足，草稿未能保存。请删除手机或电脑上不用的文件、清理浏览器缓存，或先在“草稿”页导出草稿，然后重试。';

/** Storage errors surface as QuotaExceededError, or as an AbortError carrying it in `.inner` (Dexie). */
export function isQuotaError(e: unknown): boolean {
	for (let err = e as { name?: string; inner?: unknown } | undefined, depth = 0; err && depth < 4; depth++) {
		if (err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
		err = err.inner as typeof err;
	}
	return false;
}

export class OfflineStorageError extends Error {
	constructor(message: string, readonly cause?: unknown) {
		super(message);
		this.name = 'OfflineStorageError';
	}
}

/** Rethrows storage failures as an error whose message the UI can show as is. */
export function storageFailure(e: unknown): Error {
	if (isQuotaError(e)) return new OfflineStorageError(QUOTA_MESSAGE, e);
	if (e instanceof OfflineStorageError) return e;
	return new OfflineStorageError('本机存储出错，草稿可能未保存。请刷新页面后重试；如仍失败，请在“草稿”页导出草稿。', e);
}

export type Persistence = 'persisted' | 'granted' | 'denied' | 'unsupported';

/** Ask the browser not to evict our data under storage pressure. Chrome decides silently. */
export async function requestPersistentStorage(): Promise<Persistence> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	if (!storage?.persist) return 'unsupported';
	try {
		if (await storage.persisted()) return 'persisted';
		return (await storage.persist()) ? 'granted' : 'denied';
	} catch {
		return 'unsupported';
	}
}

export interface StorageUse {
	usage: number;
	quota: number;
	/** true when less than 15% or 50 MB is left */
	low: boolean;
}

export async function storageUse(): Promise<StorageUse | null> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	if (!storage?.estimate) return null;
	const { usage = 0, quota = 0 } = await storage.estimate();
	if (!quota) return null;
	const left = quota - usage;
	return { usage, quota, low: left < quota * 0.15 || left < 50 * 2 ** 20 };
}

