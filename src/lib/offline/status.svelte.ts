/** What the offline layer shows: connection, sync, storage and app-update state of this tab. */
import type { SyncState } from './sync';
import type { Persistence, StorageUse } from './storage';

class OfflineStatus {
	online = $state(true);
	sync = $state<SyncState>({ running: false, needsLogin: false, retryAt: null, lastRunAt: null });
	persistence = $state<Persistence | null>(null);
	storage = $state<StorageUse | null>(null);
	/** the last failure to store a draft, in words for the user */
	storageError = $state<string | null>(null);
	/** a new version of the app is installed and waits for a reload */
	updateReady = $state(false);

	reset() {
		this.online = true;
		this.sync = { running: false, needsLogin: false, retryAt: null, lastRunAt: null };
		this.persistence = null;
		this.storage = null;
		this.storageError = null;
		this.updateReady = false;
	}
}

export const offlineStatus = new OfflineStatus();
