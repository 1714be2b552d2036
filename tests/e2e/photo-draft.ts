/** The photo tool's saved draft, read straight from IndexedDB as the offline layer stored it. */
import type { Page } from '@playwright/test';

export async function readPhotoDraft(page: Page) {
	return page.evaluate(async () => {
		const req = indexedDB.open('anguan-offline');
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
		});
		const get = <T>(store: string, key: IDBValidKey) =>
			new Promise<T>((ok, fail) => {
				const r = db.transaction(store).objectStore(store).get(key);
				r.onsuccess = () => ok(r.result as T);
				r.onerror = () => fail(r.error);
			});
		const userId = JSON.parse(localStorage.getItem('anguan_auth') ?? '{}').record?.id;
		const draft = await get<{ fields: Record<string, unknown>; fileFields: Record<string, string[]> } | undefined>('drafts', [
			userId,
			'photo'
		]);
		if (!draft) return undefined;
		const file = await get<{ name: string; type: string; blob: Blob }>('files', draft.fileFields.photo[0]);
		const blob = file.blob;
		// Colour at the top and bottom middle of the stored picture.
		const bitmap = await createImageBitmap(blob);
		const c = document.createElement('canvas');
		c.width = bitmap.width;
		c.height = bitmap.height;
		const g = c.getContext('2d')!;
		g.drawImage(bitmap, 0, 0);
		const px = (y: number) => Array.from(g.getImageData(bitmap.width / 2, y, 1, 1).data.slice(0, 3));
		db.close();
		return {
			fields: draft.fields,
			name: file.name,
			type: file.type,
			bytes: Array.from(new Uint8Array(await blob.arrayBuffer())),
			top: px(5),
			bottom: px(bitmap.height - 5)
		};
	});
}

/** The JPEG shown as 裁剪结果: its bytes and the colour at its top and bottom middle. */
export async function readResult(page: Page) {
	const src = await page.getByAltText('裁剪结果').getAttribute('src');
	return page.evaluate(async (url) => {
		const blob = await (await fetch(url!)).blob();
		const bitmap = await createImageBitmap(blob);
		const c = new OffscreenCanvas(bitmap.width, bitmap.height);
		const g = c.getContext('2d')!;
		g.drawImage(bitmap, 0, 0);
		const px = (y: number) => Array.from(g.getImageData(bitmap.width / 2, y, 1, 1).data.slice(0, 3));
		return { bytes: Array.from(new Uint8Array(await blob.arrayBuffer())), top: px(5), bottom: px(bitmap.height - 5) };
	}, src);
}
