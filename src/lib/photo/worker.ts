/// <reference lib="webworker" />
/**
 * The photo pipeline off the main thread: a 12 MP decode and the crop/
 * resize/encode take hundreds of milliseconds, enough to freeze scrolling
 * and the cropper on a phone if they ran on the page.
 */
import { detectorWithFaceApi } from './face-api';
import { decode, hasTransparency, processPhoto } from './pipeline';
import type { WorkerReply, WorkerRequest } from './protocol';

let current: { key: string; bitmap: Promise<ImageBitmap> } | undefined;

/** The decoded source stays here between crops; a new file replaces it. */
function bitmapFor(key: string, file: Blob): Promise<ImageBitmap> {
	if (current?.key !== key) {
		current?.bitmap.then((b) => b.close()).catch(() => {});
		current = { key, bitmap: decode(file) };
	}
	return current.bitmap;
}

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
	const req = ev.data;
	const reply = (msg: WorkerReply, transfer: Transferable[] = []) => self.postMessage(msg, { transfer });
	try {
		if (req.type === 'open') {
			const bitmap = await bitmapFor(req.key, req.file);
			reply({ id: req.id, type: 'opened', width: bitmap.width, height: bitmap.height, transparent: req.mayHaveAlpha && hasTransparency(bitmap) });
		} else if (req.type === 'process') {
			const bitmap = await bitmapFor(req.key, req.file);
			const result = await processPhoto(bitmap, req.source, req.options, detectorWithFaceApi(req.options));
			reply({ id: req.id, type: 'processed', ...result });
		}
	} catch (err) {
		if (req.type === 'open') current = undefined;
		reply({ id: req.id, type: 'error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
	}
};
