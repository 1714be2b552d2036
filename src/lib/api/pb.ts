/**
 * The one PocketBase client of the app. The PWA is served by PocketBase
 * itself, so the API is on the same origin.
 */
import PocketBase, { type RecordModel } from 'pocketbase';
import type { AccountKind } from '$lib/domain';
import { DeviceAuthStore } from './auth-store';

// Never LocalAuthStore: it throws at creation where site data is blocked, and the app would not start.
export const pb = new PocketBase(
	typeof location === 'undefined' ? 'http://127.0.0.1:8090' : location.origin,
	new DeviceAuthStore('anguan_auth')
);

// Route effects re-run often; stale requests are cancelled explicitly by requestKey where it matters.
pb.autoCancellation(false);

export type AccountRecord = RecordModel & { mustChangePassword?: boolean };

export function accountKind(record: RecordModel | null = pb.authStore.record): AccountKind | null {
	if (!record) return null;
	if (record.collectionName === 'applicants') return 'applicant';
	if (record.collectionName === 'enterprises') return 'enterprise';
	return null;
}
