/**
 * The new ID photo on its way from the photo tool to an application: one
 * local draft under one key, holding the JPEG and its check report. The tool
 * saves it, the application form reads it and deletes it once sent.
 */
import { deleteDraft, loadDraft, saveDraft } from '../offline/drafts';
import type { PhotoCheckReport } from './checks/index';

export const PHOTO_DRAFT_KEY = 'photo';

export interface PhotoDraft {
	file: File;
	/** The report saved with the photo (field photoCheck), or null for a draft without one. */
	check: PhotoCheckReport | null;
	/** When it was saved: a newer photo made meanwhile must not be deleted with the old one. */
	savedAt: number;
}

export async function loadPhotoDraft(): Promise<PhotoDraft | undefined> {
	const d = await loadDraft(PHOTO_DRAFT_KEY);
	const file = d?.files.photo?.[0];
	if (!d || !file) return undefined;
	return { file, check: (d.fields.photoCheck as PhotoCheckReport | undefined) ?? null, savedAt: d.updatedAt };
}

export async function savePhotoDraft(jpeg: Blob, check: PhotoCheckReport, href: string): Promise<void> {
	const file = new File([jpeg], 'photo.jpg', { type: 'image/jpeg' });
	await saveDraft(PHOTO_DRAFT_KEY, { files: { photo: [file] }, fields: { photoCheck: check }, title: '证件照片', href });
}

/** Deletes the photo draft unless a newer one replaced the one saved at `savedAt`. */
export async function deletePhotoDraft(savedAt?: number): Promise<void> {
	if (savedAt !== undefined && (await loadDraft(PHOTO_DRAFT_KEY))?.updatedAt !== savedAt) return;
	await deleteDraft(PHOTO_DRAFT_KEY);
}
