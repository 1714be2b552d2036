/**
 * Helpers for integration tests: SDK clients for the superuser (a reviewer),
 * for fresh applicants and enterprises, and factories for their records.
 */
import PocketBase, { ClientResponseError, type RecordModel } from 'pocketbase';
import { inject } from 'vitest';
import { defaultPassword, type Category } from '../../src/lib/domain';
import { STRONG_PASSWORD, uniqueCreditCode, uniqueIdNumber } from '../support/identities';
import { superuserClient } from '../support/pocketbase';

export const pbUrl = () => inject('pbUrl');

export function client(): PocketBase {
	const pb = new PocketBase(pbUrl());
	pb.autoCancellation(false);
	return pb;
}

let admin: Promise<PocketBase> | undefined;
/** The reviewer's client, logged in once and shared (concurrent first calls share the login). */
export function adminClient(): Promise<PocketBase> {
	admin ??= superuserClient(pbUrl());
	return admin;
}

export { STRONG_PASSWORD, uniqueCreditCode, uniqueIdNumber };

export interface Account {
	record: RecordModel;
	identity: string;
	password: string;
	/** Logged in (password already changed unless `mustChangePassword` was asked for). */
	pb: PocketBase;
}

interface AccountOptions {
	/** Keep the default password and the forced change, as a fresh account has. */
	mustChangePassword?: boolean;
	data?: Record<string, unknown>;
}

export async function createApplicant(opts: AccountOptions = {}): Promise<Account> {
	const identity = uniqueIdNumber();
	return createAccount(
		'applicants',
		'idNumber',
		identity,
		{ name: '测试申请人', gender: '男', title: '无', position: '无', ...opts.data },
		opts
	);
}

export async function createEnterprise(opts: AccountOptions = {}): Promise<Account> {
	const identity = uniqueCreditCode();
	return createAccount('enterprises', 'uscc', identity, { name: '测试建设工程有限公司', regCity: '昆明市', ...opts.data }, opts);
}

async function createAccount(
	collection: string,
	field: string,
	identity: string,
	data: Record<string, unknown>,
	opts: AccountOptions
): Promise<Account> {
	const a = await adminClient();
	const must = opts.mustChangePassword ?? false;
	const password = must ? defaultPassword(identity) : STRONG_PASSWORD;
	const record = await a
		.collection(collection)
		.create({ [field]: identity, password, passwordConfirm: password, mustChangePassword: must, ...data });
	const pb = client();
	await pb.collection(collection).authWithPassword(identity, password);
	return { record, identity, password, pb };
}

export async function createCertificate(
	holder: string,
	data: Partial<{
		category: Category;
		status: string;
		certNo: string;
		validUntil: string;
		firstIssued: string;
		enterprise: string;
		ecertIssuedAt: string;
	}> = {}
): Promise<RecordModel> {
	const a = await adminClient();
	return a
		.collection('certificates')
		.create({ holder, category: 'C2', status: '有效', firstIssued: '2023-07-01', validUntil: '2029-06-30', ...data });
}

/** Runs `fn`, expecting PocketBase to refuse with `status`; returns the error for more checks. */
export async function refused(fn: () => Promise<unknown>, status?: number): Promise<ClientResponseError> {
	try {
		await fn();
	} catch (e) {
		if (!(e instanceof ClientResponseError)) throw e;
		if (status !== undefined && e.status !== status)
			throw new Error(`expected HTTP ${status}, got ${e.status}: ${JSON.stringify(e.response)}`);
		return e;
	}
	throw new Error('expected the request to be refused, but it succeeded');
}

/** A small valid file for upload fields. */
export function pngFile(name = 'scan.png'): File {
	// 1×1 white PNG.
	const bytes = Uint8Array.from(
		atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=='),
		(c) => c.charCodeAt(0)
	);
	return new File([bytes], name, { type: 'image/png' });
}
