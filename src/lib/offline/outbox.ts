/**
 * The one write path for every submission, online or not: the item is
 * stored on the device first, then sent by the sync engine. The form's draft
 * stays until the server has accepted the item.
 */
import { db, type OutboxRow, type OutboxStatus, type ProgressRow, type ServerRefusal } from './db';
import { deleteOwnerFiles, putFiles, type FileMap } from './files';
import { newRecordId, RECORD_ID_PATTERN } from './ids';
import { toPlain } from './plain';
import { currentUserId, liveForUser, type Live } from './scope';
import { noteStorageFailure } from './status.svelte';
import { requestSync } from './engine';

export interface SubmitInput {
	collection: string;
	/** client id for create (taken from the draft when omitted); the existing id for update */
	id?: string;
	op: 'create' | 'update';
	formKey: string;
	/** shown in the list, e.g. '变更申请' */
	title: string;
	fields: Record<string, unknown>;
	files: FileMap;
}

export interface OutboxItem {
	id: string;
	formKey: string;
	collection: string;
	op: 'create' | 'update';
	recordId: string;
	title: string;
	status: OutboxStatus;
	/** 待同步 / 同步中 / 已提交 / 失败 */
	statusLabel: string;
	error?: ServerRefusal;
	note?: string;
	attempts: number;
	retryAt: number;
	createdAt: number;
	updatedAt: number;
	doneAt?: number;
	files: { field: string; name: string; size: number }[];
	progress?: ProgressRow;
}

export const STATUS_LABELS: Record<OutboxStatus, string> = {
	pending: '待同步',
	syncing: '同步中',
	done: '已提交',
	failed: '失败'
};

/** Changes to one's own record (联系方式, 手机号码): the server applies them at once, nothing goes to review. */
const SAVED_DIRECTLY = ['applicants', 'enterprises'];

function statusLabel(row: Pick<OutboxRow, 'status' | 'collection'>): string {
	return row.status === 'done' && SAVED_DIRECTLY.includes(row.collection) ? '已保存' : STATUS_LABELS[row.status];
}

export class SubmitError extends Error {}

/** Same fields and same files (by name, size, date) — a second click or a stale tab. */
function signature(fields: Record<string, unknown>, files: FileMap): string {
	const f = Object.keys(fields)
		.sort()
		.map((k) => [k, fields[k] instanceof Date ? (fields[k] as Date).toISOString() : fields[k]]);
	const b = Object.keys(files)
		.sort()
		.map((k) => [k, files[k].map((x) => [x.name, x.size, x.lastModified])]);
	return JSON.stringify([f, b]);
}

const DUPLICATE_WINDOW_MS = 10 * 60_000;

export async function submit(input: SubmitInput): Promise<OutboxItem> {
	const userId = currentUserId();
	if (!userId) throw new SubmitError('请先登录后再提交。');
	if (input.op === 'update' && !input.id) throw new SubmitError('缺少要修改的记录。');
	if (input.id && !RECORD_ID_PATTERN.test(input.id)) throw new SubmitError('记录编号格式不正确。');
	const fields = toPlain(input.fields);
	const sig = signature(fields, input.files);
	let row: OutboxRow;
	try {
		row = await db.transaction('rw', [db.outbox, db.files, db.drafts], async () => {
			const now = Date.now();
			const same = await db.outbox.where('[userId+formKey]').equals([userId, input.formKey]).toArray();
			const open = same.find((r) => r.status !== 'done');
			if (open?.status === 'syncing') {
				if (open.signature === sig) return open;
				throw new SubmitError('上一次提交正在同步，请等它完成后再提交。');
			}
			if (open?.status === 'pending' && open.signature === sig) return open;
			const recent = same.find((r) => r.status === 'done' && r.signature === sig && now - (r.doneAt ?? 0) < DUPLICATE_WINDOW_MS);
			if (recent) return recent;

			const draft = await db.drafts.get([userId, input.formKey]);
			const recordId = input.id ?? open?.recordId ?? draft?.recordId ?? newRecordId();
			if (draft && input.op === 'create' && !draft.recordId) await db.drafts.update([userId, input.formKey], { recordId });
			const id = open?.id ?? newRecordId();
			const owner = `outbox:${id}`;
			if (open) await deleteOwnerFiles(userId, owner);
			const fileFields = await putFiles(userId, owner, input.files);
			const next: OutboxRow = {
				id,
				userId,
				formKey: input.formKey,
				collection: input.collection,
				op: input.op,
				recordId,
				title: input.title,
				fields,
				fileFields,
				signature: sig,
				status: 'pending',
				attempts: 0,
				retryAt: 0,
				createdAt: open?.createdAt ?? now,
				updatedAt: now
			};
			await db.outbox.put(next);
			return next;
		});
	} catch (e) {
		if (e instanceof SubmitError) throw e;
		throw noteStorageFailure(e);
	}
	requestSync();
	return toItem(row);
}

/** Try a failed item again as it is (e.g. after the deadline was extended). */
export async function retry(itemId: string): Promise<void> {
	try {
		await db.outbox.update(itemId, { status: 'pending', error: undefined, attempts: 0, retryAt: 0, updatedAt: Date.now() });
	} catch (e) {
		throw noteStorageFailure(e);
	}
	requestSync();
}

/** Remove an item that will not be sent; the draft stays. */
export async function discard(itemId: string): Promise<void> {
	try {
		await db.transaction('rw', [db.outbox, db.files, db.progress], async () => {
			const row = await db.outbox.get(itemId);
			if (!row || row.status === 'syncing') return;
			await db.outbox.delete(itemId);
			await db.progress.delete(itemId);
			await deleteOwnerFiles(row.userId, `outbox:${itemId}`);
		});
	} catch (e) {
		throw noteStorageFailure(e);
	}
}

async function fileSummary(row: OutboxRow) {
	const out: OutboxItem['files'] = [];
	for (const [field, ids] of Object.entries(row.fileFields)) {
		for (const f of await db.files.bulkGet(ids)) if (f) out.push({ field, name: f.name, size: f.size });
	}
	return out;
}

function toItem(row: OutboxRow, files: OutboxItem['files'] = [], progress?: ProgressRow): OutboxItem {
	return {
		id: row.id,
		formKey: row.formKey,
		collection: row.collection,
		op: row.op,
		recordId: row.recordId,
		title: row.title,
		status: row.status,
		statusLabel: statusLabel(row),
		error: row.error,
		note: row.note,
		attempts: row.attempts,
		retryAt: row.retryAt,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		doneAt: row.doneAt,
		files,
		progress
	};
}

export async function listOutbox(userId = currentUserId(), formKey?: string): Promise<OutboxItem[]> {
	const rows =
		formKey === undefined
			? await db.outbox.where('userId').equals(userId).toArray()
			: await db.outbox.where('[userId+formKey]').equals([userId, formKey]).toArray();
	rows.sort((a, b) => b.createdAt - a.createdAt);
	const progress = await db.progress.bulkGet(rows.map((r) => r.id));
	return Promise.all(rows.map(async (r, i) => toItem(r, await fileSummary(r), progress[i] ?? undefined)));
}

/** Every outbox item of the current user, newest first, with upload progress. */
export function liveOutbox(): Live<OutboxItem[]> {
	return liveForUser((userId) => listOutbox(userId));
}

/** The newest item submitted from one form, or undefined — for showing status and field errors on the form. */
export function liveOutboxItem(formKey: string): Live<OutboxItem | undefined> {
	return liveForUser(async (userId) => (await listOutbox(userId, formKey))[0]);
}

/** Counts for a badge: how many are waiting, sending, refused. */
export function liveOutboxCounts(): Live<Record<OutboxStatus, number>> {
	return liveForUser(async (userId) => {
		const counts: Record<OutboxStatus, number> = { pending: 0, syncing: 0, done: 0, failed: 0 };
		await db.outbox
			.where('userId')
			.equals(userId)
			.each((r) => void counts[r.status]++);
		return counts;
	});
}
