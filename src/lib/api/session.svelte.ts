/**
 * Who is logged in, as reactive state for the UI. PocketBase's auth store
 * (localStorage, shared by tabs) stays the source of truth; this mirrors it.
 */
import type { RecordModel } from 'pocketbase';
import { accountKind, pb, type AccountRecord } from './pb';
import { ACCOUNT_COLLECTIONS, normalizeIdentity, type AccountKind } from '$lib/domain';

class Session {
	#record = $state<AccountRecord | null>(pb.authStore.record as AccountRecord | null);

	constructor() {
		pb.authStore.onChange((_token, record) => (this.#record = record as AccountRecord | null));
	}

	get user(): AccountRecord | null {
		return this.#record;
	}
	get kind(): AccountKind | null {
		return accountKind(this.#record);
	}
	get mustChangePassword(): boolean {
		return !!this.#record?.mustChangePassword;
	}
	get displayName(): string {
		return (this.#record?.name as string | undefined) ?? '';
	}
}

export const session = new Session();

export async function login(kind: AccountKind, identity: string, password: string): Promise<RecordModel> {
	const auth = await pb.collection(ACCOUNT_COLLECTIONS[kind]).authWithPassword(normalizeIdentity(kind, identity), password);
	return auth.record;
}

/** Changing the password invalidates the token, so log in again with the new one. */
export async function changePassword(oldPassword: string, password: string): Promise<void> {
	const record = pb.authStore.record;
	const kind = accountKind(record);
	if (!record || !kind) throw new Error('请先登录');
	const identity = kind === 'applicant' ? record.idNumber : record.uscc;
	await pb.collection(ACCOUNT_COLLECTIONS[kind]).update(record.id, { oldPassword, password, passwordConfirm: password });
	await login(kind, identity, password);
}

/**
 * The logged-in account's record as just read from the server: the header
 * and the route guard follow an approved rename (or ID change) at once.
 */
export function refreshSessionRecord(record: RecordModel): void {
	if (pb.authStore.record?.id === record.id && pb.authStore.record?.collectionName === record.collectionName) {
		pb.authStore.save(pb.authStore.token, record);
	}
}

export function homePath(kind: AccountKind | null): string {
	return kind === 'enterprise' ? '/enterprise' : '/';
}
