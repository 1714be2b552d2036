/// <reference lib="webworker" />
/**
 * The photo pipeline off the main thread: a 12 MP decode and the crop/
 * resize/encode take hundreds of milliseconds, enough to freeze scrolling
 * and the cropper on a phone if they ran on the page.
 */
import { whitener } from './background/white';
import type { FaceDetection } from './checks/index';
import { detectorWithFaceApi, loadFaceApi } from './face-api';
import { decode, openPhoto, processPhoto } from './pipeline';
import type { WorkerReply, WorkerRequest } from './protocol';

let current: { key: string; bitmap: Promise<ImageBitmap>; faces?: FaceDetection | null } | undefined;

/** The decoded source stays here between crops; a new file replaces it. */
function fileFor(key: string, file: Blob) {
	if (current?.key !== key) {
		current?.bitmap.then((b) => b.close()).catch(() => {});
		current = { key, bitmap: decode(file) };
	}
	return current;
}

/** Loads face-api, its models and the wasm backend, and runs it once so the first real photo finds them hot. */
async function warm(urls: { modelsUrl: string; wasmUrl: string }): Promise<boolean> {
	await loadFaceApi(urls);
	const blank = new OffscreenCanvas(64, 64);
	blank.getContext('2d')!.fillRect(0, 0, 64, 64);
	return (await detectorWithFaceApi(urls)(blank)) !== null;
}

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
	const req = ev.data;
	const reply = (msg: WorkerReply) => self.postMessage(msg);
	try {
		if (req.type === 'warm') {
			reply({ id: req.id, type: 'warmed', ok: await warm(req.urls).catch(() => false) });
		} else if (req.type === 'open') {
			const entry = fileFor(req.key, req.file);
			const opened = await openPhoto(await entry.bitmap, req.mayHaveAlpha, detectorWithFaceApi(req.urls ?? {}));
			entry.faces = opened.faces;
			reply({ id: req.id, type: 'opened', ...opened });
		} else if (req.type === 'process') {
			const entry = fileFor(req.key, req.file);
			const urls = { modelsUrl: req.options.modelsUrl ?? '', wasmUrl: req.options.wasmUrl ?? '' };
			const result = await processPhoto(await entry.bitmap, req.source, req.options, {
				detect: detectorWithFaceApi(req.options),
				faces: entry.faces,
				whiten: whitener(urls)
			});
			reply({ id: req.id, type: 'processed', ...result });
		}
	} catch (err) {
		if (req.type === 'open') current = undefined;
		reply({ id: req.id, type: 'error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
	}
};
