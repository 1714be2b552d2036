/** What the offline layer shows: connection, sync, storage and app-update state of this tab. */
import type { SyncState } from './sync';
import { storageFailure, type OfflineStorageError, type Persistence, type StorageUse } from './storage';

/** What this browser lets the app keep on the device; null until the first check. */
export type DeviceStore = 'ok' | 'unavailable' | 'full' | null;

class OfflineStatus {
	online = $state(true);
	sync = $state<SyncState>({ running: false, needsLogin: false, retryAt: null, lastRunAt: null });
	persistence = $state<Persistence | null>(null);
	storage = $state<StorageUse | null>(null);
	/** the last failure to store a draft, in words for the user */
	storageError = $state<string | null>(null);
	/** whether drafts and queued submissions can be kept: a database refused, or a full disk */
	deviceStore = $state<DeviceStore>(null);
	/** whether the browser lets this site keep anything (localStorage): a login survives a reload */
	siteData = $state(true);
	/** a new version of the app is installed and waits for a reload */
	updateReady = $state(false);

	reset() {
		this.online = true;
		this.sync = { running: false, needsLogin: false, retryAt: null, lastRunAt: null };
		this.persistence = null;
		this.storage = null;
		this.storageError = null;
		this.deviceStore = null;
		this.siteData = true;
		this.updateReady = false;
	}
}

export const offlineStatus = new OfflineStatus();

/** A storage failure in words that name its cause, remembered for the notices. Rethrow what this returns. */
export function noteStorageFailure(e: unknown): OfflineStorageError {
	const failure = storageFailure(e);
	offlineStatus.storageError = failure.message;
	if (failure.kind !== 'error') offlineStatus.deviceStore = failure.kind;
	return failure;
}

/** A write went through: whatever was full has room again. */
export function noteStorageWorks(): void {
	offlineStatus.storageError = null;
	if (offlineStatus.deviceStore !== 'unavailable') offlineStatus.deviceStore = 'ok';
}

/**
 * Why the photo tool could not keep a photo, by its real cause: a browser that
 * keeps no site data is not a full phone. The photo travels to the application
 * through the device's drafts, so without them it cannot be used.
 */
export function photoSaveError(e: unknown): string {
	const failure = noteStorageFailure(e);
	const then =
		failure.kind === 'unavailable'
			? '新照片要先保存在本机，才能随变更申请一起提交：请换用允许本网站保存数据的浏览器（不要用无痕模式）后重新保存。'
			: '';
	return `保存失败：${failure.message}${then}`;
}
