/**
 * Drafts of every form, attachments included, for the logged-in user.
 * A form saves as the user types; reopening the app — offline, after a
 * reload or a crash — gets back exactly what was there.
 */
import { db, type DraftRow } from './db';
import { deleteOwnerFiles, getFiles, putFiles, type FileMap } from './files';
import { newRecordId } from './ids';
import { toPlain } from './plain';
import { currentUserId, liveForUser, type Live } from './scope';
import { noteStorageFailure } from './status.svelte';

export interface DraftPatch {
	fields?: Record<string, unknown>;
	files?: FileMap;
	/** shown in the 草稿 list, e.g. '变更申请' */
	title?: string;
	/** where the form lives, for 继续填写 */
	href?: string;
}

export interface Draft {
	formKey: string;
	fields: Record<string, unknown>;
	files: FileMap;
	updatedAt: number;
	title?: string;
	href?: string;
	recordId?: string;
}

export interface DraftSummary {
	formKey: string;
	title: string;
	href?: string;
	updatedAt: number;
	fileCount: number;
	fieldCount: number;
}

export const draftOwner = (formKey: string) => `draft:${formKey}`;

/** Merge `patch` into the draft: each field or file list given replaces that key. */
export async function saveDraft(formKey: string, patch: DraftPatch): Promise<void> {
	const userId = currentUserId();
	const fields = patch.fields ? toPlain(patch.fields) : undefined;
	try {
		await db.transaction('rw', db.drafts, db.files, async () => {
			const now = Date.now();
			const old = await db.drafts.get([userId, formKey]);
			const row: DraftRow = old ?? {
				userId,
				formKey,
				fields: {},
				fileFields: {},
				recordId: newRecordId(),
				createdAt: now,
				updatedAt: now
			};
			if (fields) row.fields = { ...row.fields, ...fields };
			if (patch.files) {
				const stored = await putFiles(userId, draftOwner(formKey), patch.files, row.fileFields);
				row.fileFields = { ...row.fileFields, ...stored };
			}
			if (patch.title) row.title = patch.title;
			if (patch.href) row.href = patch.href;
			row.updatedAt = now;
			await db.drafts.put(row);
		});
	} catch (e) {
		throw noteStorageFailure(e);
	}
}

/** The saved draft, or undefined; a device that keeps no drafts throws an OfflineStorageError naming why. */
export async function loadDraft(formKey: string): Promise<Draft | undefined> {
	const userId = currentUserId();
	try {
		return await db.transaction('r', db.drafts, db.files, async () => {
			const row = await db.drafts.get([userId, formKey]);
			if (!row) return undefined;
			return {
				formKey,
				fields: row.fields,
				files: await getFiles(row.fileFields),
				updatedAt: row.updatedAt,
				title: row.title,
				href: row.href,
				recordId: row.recordId
			};
		});
	} catch (e) {
		throw noteStorageFailure(e);
	}
}

export async function deleteDraft(formKey: string): Promise<void> {
	const userId = currentUserId();
	try {
		await db.transaction('rw', db.drafts, db.files, async () => {
			await db.drafts.delete([userId, formKey]);
			await deleteOwnerFiles(userId, draftOwner(formKey));
		});
	} catch (e) {
		throw noteStorageFailure(e);
	}
}

export async function listDrafts(userId = currentUserId()): Promise<DraftSummary[]> {
	const rows = await db.drafts.where('userId').equals(userId).toArray();
	return rows
		.sort((a, b) => b.updatedAt - a.updatedAt)
		.map((r) => ({
			formKey: r.formKey,
			title: r.title ?? r.formKey,
			href: r.href,
			updatedAt: r.updatedAt,
			fileCount: Object.values(r.fileFields).reduce((n, ids) => n + ids.length, 0),
			fieldCount: Object.keys(r.fields).length
		}));
}

/** The current user's drafts, newest first; a Svelte store (`$drafts`) or `fromStore(liveDrafts())`. */
export function liveDrafts(): Live<DraftSummary[]> {
	return liveForUser(listDrafts);
}
