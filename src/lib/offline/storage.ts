/**
 * Keeping the device's copy alive: persistent storage, quota warnings and a
 * readable error when the disk is full.
 */
export const QUOTA_MESSAGE =
	'本机存储空间不足，草稿未能保存。请删除手机或电脑上不用的文件、清理浏览器缓存，或先在“草稿”页导出草稿，然后重试。';

/** Said when the browser refuses this site a database (blocked site data, private modes) — not a full disk. */
export const UNAVAILABLE_MESSAGE =
	'此浏览器不允许本网站在本机保存数据（可能是无痕/隐私模式，或设置了“阻止网站保存数据”），草稿和附件无法保存在本机。';

export const STORAGE_ERROR_MESSAGE = '本机存储出错，草稿可能未保存。请刷新页面后重试；如仍失败，请在“草稿”页导出草稿。';

/** Errors one level down: Dexie wraps the browser's in `.inner`. */
function* chain(e: unknown) {
	for (let err = e as { name?: string; inner?: unknown } | undefined, depth = 0; err && depth < 4; depth++) {
		yield err;
		err = err.inner as typeof err;
	}
}

/** Storage errors surface as QuotaExceededError, or as an AbortError carrying it in `.inner` (Dexie). */
export function isQuotaError(e: unknown): boolean {
	for (const err of chain(e)) if (err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
	return false;
}

/**
 * The browser gives this site no database at all: no IndexedDB, opening it
 * throws (SecurityError) or fails (UnknownError when site data is blocked,
 * InvalidStateError in some private modes).
 */
export function isUnavailableError(e: unknown): boolean {
	const names = [
		'MissingAPIError',
		'OpenFailedError',
		'DatabaseClosedError',
		'SecurityError',
		'InvalidStateError',
		'UnknownError',
		'InvalidAccessError'
	];
	for (const err of chain(e)) if (names.includes(err.name ?? '')) return true;
	return false;
}

export type StorageFailureKind = 'full' | 'unavailable' | 'error';

export class OfflineStorageError extends Error {
	constructor(
		message: string,
		readonly kind: StorageFailureKind = 'error',
		readonly cause?: unknown
	) {
		super(message);
		this.name = 'OfflineStorageError';
	}
}

/** Rethrows storage failures as an error whose message names the real cause and can be shown as is. */
export function storageFailure(e: unknown): OfflineStorageError {
	if (e instanceof OfflineStorageError) return e;
	if (isQuotaError(e)) return new OfflineStorageError(QUOTA_MESSAGE, 'full', e);
	if (isUnavailableError(e)) return new OfflineStorageError(UNAVAILABLE_MESSAGE, 'unavailable', e);
	return new OfflineStorageError(STORAGE_ERROR_MESSAGE, 'error', e);
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
