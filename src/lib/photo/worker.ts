/// <reference lib="webworker" />
/**
 * The photo pipeline off the main thread: a 12 MP decode and the crop/
 * resize/encode take hundreds of milliseconds, enough to freeze scrolling
 * and the cropper on a phone if they ran on the page.
 */
import { whitener } from './background/white';
import type { FaceDetection } from './checks/index';
import { detectorWithFaceApi, loadFaceApi } from './face-api';
import { decode, openPhoto, processPhoto, type ProcessOptions, type ProcessResult } from './pipeline';
import type { WorkerReply, WorkerRequest } from './protocol';

interface OpenFile {
	key: string;
	bitmap: Promise<ImageBitmap>;
	faces?: FaceDetection | null;
	/** The placed first crop, started as soon as it is known: the page asks for it right after 'opened'. */
	first?: { options: ProcessOptions; result: Promise<ProcessResult> };
}
let current: OpenFile | undefined;

const sameOptions = (a: ProcessOptions, b: ProcessOptions) => JSON.stringify(a) === JSON.stringify(b);

function process(entry: OpenFile, bitmap: ImageBitmap, source: Parameters<typeof processPhoto>[1], options: ProcessOptions) {
	const urls = { modelsUrl: options.modelsUrl ?? '', wasmUrl: options.wasmUrl ?? '' };
	return processPhoto(bitmap, source, options, { detect: detectorWithFaceApi(options), faces: entry.faces, whiten: whitener(urls) });
}

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
			const t0 = performance.now();
			const entry = fileFor(req.key, req.file);
			const bitmap = await entry.bitmap;
			const decoded = performance.now() - t0;
			const opened = await openPhoto(bitmap, req.mayHaveAlpha, detectorWithFaceApi(req.urls ?? {}));
			opened.timings = { decode: Math.round(decoded * 10) / 10, ...opened.timings };
			entry.faces = opened.faces;
			reply({ id: req.id, type: 'opened', ...opened });
			if (opened.crop) {
				const options: ProcessOptions = { rect: opened.crop, ...req.urls };
				const result = process(entry, bitmap, req.source, options);
				result.catch(() => {});
				entry.first = { options, result };
			}
		} else if (req.type === 'process') {
			const entry = fileFor(req.key, req.file);
			const first = entry.first;
			entry.first = undefined;
			const result =
				first && sameOptions(first.options, req.options)
					? await first.result
					: await process(entry, await entry.bitmap, req.source, req.options);
			reply({ id: req.id, type: 'processed', ...result });
		}
	} catch (err) {
		if (req.type === 'open') current = undefined;
		reply({ id: req.id, type: 'error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
	}
};
