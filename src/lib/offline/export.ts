/**
 * The worst case: the browser is about to lose its storage, or the user must
 * move to another device. Everything not yet accepted by the server — drafts
 * and queued submissions with their files — goes into one ZIP file.
 */
import { db, type FileRow } from './db';
import { currentUserId } from './scope';
import { zip, type ZipEntry } from './zip';

// eslint-disable-next-line no-control-regex -- file names may not hold control characters
const safe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 80) || '_';

export async function exportUnsent(userId = currentUserId()): Promise<{ blob: Blob; count: number }> {
	const drafts = await db.drafts.where('userId').equals(userId).toArray();
	const items = (await db.outbox.where('userId').equals(userId).toArray()).filter((r) => r.status !== 'done');
	const entries: ZipEntry[] = [];
	const manifest: unknown[] = [];
	const addFiles = async (dir: string, fileFields: Record<string, string[]>) => {
		const out: Record<string, string[]> = {};
		for (const [field, ids] of Object.entries(fileFields)) {
			const rows = (await db.files.bulkGet(ids)).filter((r): r is FileRow => !!r);
			out[field] = [];
			for (const [i, r] of rows.entries()) {
				const path = `${dir}/${safe(field)}/${i + 1}-${safe(r.name)}`;
				entries.push({ name: path, data: new Uint8Array(await r.blob.arrayBuffer()), date: new Date(r.lastModified) });
				out[field].push(path);
			}
		}
		return out;
	};
	for (const d of drafts) {
		const dir = `草稿/${safe(d.title ?? d.formKey)}-${safe(d.formKey)}`;
		manifest.push({
			类型: '草稿',
			title: d.title,
			formKey: d.formKey,
			保存时间: new Date(d.updatedAt).toISOString(),
			fields: d.fields,
			files: await addFiles(dir, d.fileFields)
		});
	}
	for (const it of items) {
		const dir = `待提交/${safe(it.title)}-${safe(it.id)}`;
		manifest.push({
			类型: it.status === 'failed' ? '提交失败' : '待同步',
			title: it.title,
			formKey: it.formKey,
			collection: it.collection,
			recordId: it.recordId,
			原因: it.error?.message,
			fields: it.fields,
			files: await addFiles(dir, it.fileFields)
		});
	}
	const json = new TextEncoder().encode(JSON.stringify({ 导出时间: new Date().toISOString(), 用户: userId, 内容: manifest }, null, 2));
	entries.unshift({ name: '草稿清单.json', data: json });
	return { blob: zip(entries), count: manifest.length };
}

/** Save the export through the browser's download. */
export async function downloadUnsent(): Promise<number> {
	const { blob, count } = await exportUnsent();
	const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
	const a = document.createElement('a');
	a.href = URL.createObjectURL(blob);
	a.download = `安管证照-未提交草稿-${stamp}.zip`;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
	return count;
}
