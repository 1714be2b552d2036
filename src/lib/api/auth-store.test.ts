import { afterEach, describe, expect, it } from 'vitest';
import { DeviceAuthStore, siteStorageWorks } from './auth-store';

const g = globalThis as { window?: unknown };
const record = { id: 'user1aaaaaaaaaa', collectionId: 'c', collectionName: 'applicants' };

function windowWith(localStorage: () => Storage) {
	g.window = {
		get localStorage() {
			return localStorage();
		},
		addEventListener() {}
	};
}

function memoryStorage(): Storage {
	const m = new Map<string, string>();
	return {
		getItem: (k) => m.get(k) ?? null,
		setItem: (k, v) => void m.set(k, v),
		removeItem: (k) => void m.delete(k),
		clear: () => m.clear(),
		key: () => null,
		get length() {
			return m.size;
		}
	};
}

afterEach(() => delete g.window);

describe('DeviceAuthStore', () => {
	it('where site data is blocked (localStorage throws), is created, logs in for the page and logs out', () => {
		windowWith(() => {
			throw new DOMException(
				"Failed to read the 'localStorage' property from 'Window': Access is denied for this document.",
				'SecurityError'
			);
		});
		expect(siteStorageWorks()).toBe(false);
		const store = new DeviceAuthStore('anguan_auth');
		expect(store.token).toBe('');
		store.save('token-1', record);
		expect(store.record?.id).toBe(record.id);
		store.clear();
		expect(store.token).toBe('');
		expect(store.record).toBeNull();
	});

	it('where it works, the login outlives the page and 退出 removes it', () => {
		const storage = memoryStorage();
		windowWith(() => storage);
		expect(siteStorageWorks()).toBe(true);
		new DeviceAuthStore('anguan_auth').save('token-2', record);
		expect(new DeviceAuthStore('anguan_auth').token).toBe('token-2');
		new DeviceAuthStore('anguan_auth').clear();
		expect(storage.getItem('anguan_auth')).toBeNull();
		expect(new DeviceAuthStore('anguan_auth').token).toBe('');
	});

	it('a full localStorage keeps the login in memory rather than failing it', () => {
		const storage = memoryStorage();
		storage.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		windowWith(() => storage);
		const store = new DeviceAuthStore('anguan_auth');
		store.save('token-3', record);
		expect(store.token).toBe('token-3');
	});
});
