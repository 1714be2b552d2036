/**
 * The one PocketBase client, typed by collection: `collection('certificates')`
 * answers CertificateRecord, so a field name mistyped in a page is a type
 * error rather than an empty cell.
 */
import type { RecordService } from 'pocketbase';
import { pb } from '$lib/api/pb';
import type { Collections } from './records';

export function collection<K extends keyof Collections>(name: K): RecordService<Collections[K]> {
	return pb.collection<Collections[K]>(name);
}

/** Id of the logged-in account ('' when nobody is). */
export function myId(): string {
	return pb.authStore.record?.id ?? '';
}

export { pb };

/**
 * Realtime subscriptions of a page, with one cleanup. A subscription that
 * cannot be made (offline) is simply not there: the page refetches on
 * PB_CONNECT when the connection comes back.
 */
export function subscriptions(subs: Promise<() => Promise<void>>[]): () => void {
	const held = subs.map((s) => s.catch(() => null));
	return () => {
		for (const s of held) void s.then((unsub) => unsub?.()).catch(() => {});
	};
}
