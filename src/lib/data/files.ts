/**
 * Protected files (ID photos, scans) are served only with a short-lived file
 * token. One token serves every thumbnail on a page; it is asked for again
 * shortly before PocketBase lets it expire (about three minutes).
 */
import type { RecordModel } from 'pocketbase';
import { pb } from './client';

const REUSE_MS = 120_000;
let current: { token: string; at: number; user: string } | null = null;
let pending: Promise<string> | null = null;

export async function fileToken(): Promise<string> {
	const user = pb.authStore.record?.id ?? '';
	if (current && current.user === user && Date.now() - current.at < REUSE_MS) return current.token;
	pending ??= pb.files
		.getToken({ requestKey: null })
		.then((token) => {
			current = { token, at: Date.now(), user };
			return token;
		})
		.finally(() => (pending = null));
	return pending;
}

export function fileUrl(record: RecordModel, name: string, token: string, thumb?: string): string {
	return pb.files.getURL(record, name, thumb ? { token, thumb } : { token });
}
