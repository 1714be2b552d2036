import { describe, expect, it } from 'vitest';
import { QUOTA_MESSAGE, STORAGE_ERROR_MESSAGE, UNAVAILABLE_MESSAGE, storageFailure } from './storage';

const err = (name: string, inner?: unknown) => Object.assign(new Error(name), { name, inner });

describe('a storage failure names its real cause', () => {
	it('a full disk, also when Dexie wraps it in an AbortError', () => {
		for (const e of [err('QuotaExceededError'), err('AbortError', err('QuotaExceededError'))]) {
			expect(storageFailure(e)).toMatchObject({ kind: 'full', message: QUOTA_MESSAGE });
		}
	});

	it('a browser that gives this site no database: blocked site data, private modes, no IndexedDB', () => {
		for (const e of [
			err('OpenFailedError', err('UnknownError')), // Chromium with site data blocked
			err('OpenFailedError', err('InvalidStateError')), // Firefox private windows
			err('SecurityError'), // indexedDB.open throwing
			err('MissingAPIError'),
			err('DatabaseClosedError')
		]) {
			const f = storageFailure(e);
			expect(f).toMatchObject({ kind: 'unavailable', message: UNAVAILABLE_MESSAGE });
			expect(f.message).not.toContain('空间');
		}
	});

	it('anything else, without blaming the phone', () => {
		expect(storageFailure(err('DataCloneError'))).toMatchObject({ kind: 'error', message: STORAGE_ERROR_MESSAGE });
		expect(storageFailure(storageFailure(err('QuotaExceededError'))).kind).toBe('full');
	});
});
