/** Attachment Blobs, stored once per owner (a draft or an outbox item). */
import { db, type FileRow } from './db';
import { newRecordId } from './ids';

export type FileMap = Record<string, File[]>;

function sameFile(row: FileRow, file: File): boolean {
	return row.name === file.name && row.size === file.size && row.type === file.type && row.lastModified === file.lastModified;
}

/**
 * Store the lists of `files` for `owner`, replacing each listed field's
 * previous files. A file already stored under that field is kept as is, so
 * autosaving the same list again does not rewrite megabytes. Call inside a
 * transaction over db.files.
 */
export async function putFiles(
	userId: string,
	owner: string,
	files: FileMap,
	previous: Record<string, string[]> = {}
): Promise<Record<string, string[]>> {
	const result: Record<string, string[]> = {};
	for (const [field, list] of Object.entries(files)) {
		const oldIds = previous[field] ?? [];
		const oldRows = (await db.files.bulkGet(oldIds)).filter((r): r is FileRow => !!r);
		const keep = new Set<string>();
		const ids: string[] = [];
		for (const file of list) {
			const reuse = oldRows.find((r) => !keep.has(r.id) && sameFile(r, file));
			if (reuse) {
				keep.add(reuse.id);
				ids.push(reuse.id);
				continue;
			}
			const id = newRecordId();
			await db.files.add({
				id,
				userId,
				owner,
				field,
				name: file.name,
				type: file.type,
				size: file.size,
				lastModified: file.lastModified,
				blob: file
			});
			ids.push(id);
		}
		await db.files.bulkDelete(oldIds.filter((id) => !keep.has(id)));
		result[field] = ids;
	}
	return result;
}

export async function getFiles(fileFields: Record<string, string[]>): Promise<FileMap> {
	const out: FileMap = {};
	for (const [field, ids] of Object.entries(fileFields)) {
		const rows = await db.files.bulkGet(ids);
		out[field] = rows
			.filter((r): r is FileRow => !!r)
			.map((r) => new File([r.blob], r.name, { type: r.type, lastModified: r.lastModified }));
	}
	return out;
}

export async function deleteOwnerFiles(userId: string, owner: string): Promise<void> {
	await db.files.where('[userId+owner]').equals([userId, owner]).delete();
}
