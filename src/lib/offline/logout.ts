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

/** Drafts plus queued or refused submissions of the current user. */
export async function unsentCount(userId = currentUserId()): Promise<number> {
	const drafts = await db.drafts.where('userId').equals(userId).count();
	const items = await db.outbox.where('userId').equals(userId).filter((r) => r.status !== 'done').count();
	return drafts + items;
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

export async function logout({ eraseDrafts }: { eraseDrafts: boolean }): Promise<void> {
	const userId = currentUserId();
	engine().stop();
	if (userId) {
		if (eraseDrafts) await eraseUserData(userId);
		else await cache.clear(userId);
	}
	pb.authStore.clear();
}
