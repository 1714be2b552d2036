/**
 * Logging out on a shared computer (网吧): the user chooses whether this
 * device keeps their unsent drafts. Either way the next person sees none of
 * them — every row is keyed by user id — and the cached server data goes.
 */
import { pb } from '$lib/api/pb';
import { cache } from './cache';
import { db } from './db';
import { currentUserId } from './scope';
import { engine } from './engine';

/** How long 退出 waits for the device's database: one that hangs must not keep anyone logged in. */
const LOCAL_WAIT_MS = 3000;

function bounded<T>(work: Promise<T>): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('本机存储无响应')), LOCAL_WAIT_MS);
		work.then(resolve, reject).finally(() => clearTimeout(t));
	});
}

/** Drafts plus queued or refused submissions of the current user (rejects when the device's database cannot answer). */
export async function unsentCount(userId = currentUserId()): Promise<number> {
	return bounded(
		(async () => {
			const drafts = await db.drafts.where('userId').equals(userId).count();
			const items = await db.outbox
				.where('userId')
				.equals(userId)
				.filter((r) => r.status !== 'done')
				.count();
			return drafts + items;
		})()
	);
}

export async function eraseUserData(userId: string): Promise<void> {
	await db.transaction('rw', db.tables, async () => {
		for (const t of db.tables) await t.where('userId').equals(userId).delete();
	});
}

/**
 * 退出所有设备: the server gives the account a new token key, which ends
 * every login and file link of it (the other computers find out at their next
 * request). Needs the network; this device's own logout follows.
 */
export async function revokeAllSessions(): Promise<void> {
	await pb.send('/api/anguan/sessions/revoke', { method: 'POST' });
}

/**
 * The token goes first: whatever the device's database does (refused,
 * failing, full, hanging), 退出 logs out. Tidying this user's rows follows,
 * as far as the database lets it.
 */
export async function logout({ eraseDrafts }: { eraseDrafts: boolean }): Promise<void> {
	const userId = currentUserId();
	engine().stop();
	pb.authStore.clear();
	if (!userId) return;
	await bounded(eraseDrafts ? eraseUserData(userId) : cache.clear(userId)).catch(() => {});
}
