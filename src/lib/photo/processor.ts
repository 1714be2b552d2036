/**
 * The page's handle on the photo pipeline: vets a file by its header, then
 * hands decoding and every crop to the worker — or, where OffscreenCanvas
 * is missing, runs the same pipeline on the main thread.
 */
import { PHOTO_RULES } from '../domain/photo';
import { HEADER_BYTES, readImageHeader, type ImageHeader } from '../domain/image-header';
import type { OpenResult, ProcessOptions, ProcessResult, SourceInfo } from './pipeline';
import type { WorkerReply, WorkerRequest } from './protocol';
import type { Rect } from './checks/types';

export type OpenOutcome =
	| ({ ok: true; header: ImageHeader; preview: NonNullable<OpenResult['preview']>; crop: Rect } & OpenResult)
	| { ok: false; message: string };

export const OPEN_MESSAGES = {
	empty: '所选文件是空的（0 字节），请重新选择照片',
	notImage: '所选文件不是图片，请选择 JPG 格式的证件照片',
	heic: '此浏览器无法打开 HEIC/HEIF 格式的照片。请在手机“设置 › 相机 › 格式”中选择“兼容性最佳”后重拍，或先把照片转存为 JPG 再打开',
	corrupt: '图片文件已损坏或不完整，无法打开。请重新拍摄或重新导出照片后再试',
	transparent: '图片含透明背景，无法判断是否为白底。请使用白底的 JPG 照片',
	tooBig: (w: number, h: number) =>
		`图片尺寸过大（${w}×${h}像素），超出可处理范围。请先把照片缩小到长边不超过${PHOTO_RULES.maxSourceSide}像素后再打开`,
	tooSmall: (w: number, h: number) =>
		`图片只有${w}×${h}像素，低于${PHOTO_RULES.minWidth}×${PHOTO_RULES.minHeight}像素的要求，裁剪后无法达到要求。请使用分辨率更高的照片`
} as const;

/** Header-level verdict, before anything is decoded. Pure, so unit-tested. */
export function vetHeader(h: ImageHeader, bytes: number): string | undefined {
	if (bytes === 0) return OPEN_MESSAGES.empty;
	if (h.kind === 'unknown') return OPEN_MESSAGES.notImage;
	if (h.width !== undefined && h.height !== undefined) {
		const { width: w, height: hh } = h;
		if (w > PHOTO_RULES.maxSourceSide || hh > PHOTO_RULES.maxSourceSide || w * hh > PHOTO_RULES.maxSourcePixels) {
			return OPEN_MESSAGES.tooBig(w, hh);
		}
		if (w < PHOTO_RULES.minWidth || hh < PHOTO_RULES.minHeight) return OPEN_MESSAGES.tooSmall(w, hh);
	} else if (h.kind === 'jpeg' || h.kind === 'png') {
		// These always state their size up front; without it the file is cut short.
		return OPEN_MESSAGES.corrupt;
	}
	return undefined;
}

/** A JPEG ends with EOI (FFD9); a download cut short does not, though browsers would still paint its top half. */
function endsLikeJpeg(tail: Uint8Array): boolean {
	for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
	return false;
}

const WORKER_CRASHED = 'worker crashed';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface Urls {
	modelsUrl?: string;
	wasmUrl?: string;
}

export class PhotoProcessor {
	#worker: Worker | undefined;
	#pending = new Map<number, (r: WorkerReply) => void>();
	#nextId = 1;
	#file: File | undefined;
	#key = '';
	#bitmap: Promise<ImageBitmap> | undefined;
	#workerEverAnswered = false;
	/** Turns false for good if the worker cannot start (e.g. its script failed to load). */
	offMainThread: boolean;
	#warming: Promise<boolean> | undefined;

	constructor(private urls: Urls = {}) {
		this.offMainThread = typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined';
	}

	/** 换白底 runs with the worker's tfjs; the main-thread fallback has none. */
	get canWhiten(): boolean {
		return this.offMainThread;
	}

	/**
	 * Starts the worker and loads the face model before any file is chosen, so
	 * the first photo is checked as fast as the next. True once face detection
	 * is ready; false where it cannot run (checks then say 未检测).
	 */
	warm(): Promise<boolean> {
		if (!this.offMainThread || !this.urls.modelsUrl || !this.urls.wasmUrl) return Promise.resolve(false);
		const urls = { modelsUrl: this.urls.modelsUrl, wasmUrl: this.urls.wasmUrl };
		this.#warming ??= this.#call({ type: 'warm', urls }).then((r) => r.type === 'warmed' && r.ok);
		// A failed warm-up (offline before the first visit) may work on the next page visit.
		return this.#warming;
	}

	#call(req: WithoutId<WorkerRequest>): Promise<WorkerReply> {
		if (!this.#worker) {
			this.#worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
			this.#worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
				this.#pending.get(ev.data.id)?.(ev.data);
				this.#pending.delete(ev.data.id);
			};
			this.#worker.onerror = () => {
				// A worker that failed to load or crashed (out of memory) answers
				// nothing: fail what waits, start afresh next time.
				for (const [id, done] of this.#pending) done({ id, type: 'error', message: WORKER_CRASHED });
				this.#pending.clear();
				this.#worker?.terminate();
				this.#worker = undefined;
			};
		}
		const id = this.#nextId++;
		return new Promise((resolve) => {
			this.#pending.set(id, resolve);
			this.#worker!.postMessage({ ...req, id } as WorkerRequest);
		});
	}

	async open(file: File): Promise<OpenOutcome> {
		const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
		const header = readImageHeader(head);
		const refused = vetHeader(header, file.size);
		if (refused) return { ok: false, message: refused };
		if (header.kind === 'jpeg' && !endsLikeJpeg(new Uint8Array(await file.slice(-1024).arrayBuffer()))) {
			return { ok: false, message: OPEN_MESSAGES.corrupt };
		}
		const undecodable = header.kind === 'heic' || header.kind === 'avif' ? OPEN_MESSAGES.heic : OPEN_MESSAGES.corrupt;
		const key = `${file.name}:${file.size}:${file.lastModified}:${this.#nextId}`;
		let opened: OpenResult;
		let bitmap: ImageBitmap | undefined;
		// JPEG has no alpha; only other formats need the (12 MP-wide) transparency scan.
		const mayHaveAlpha = header.kind !== 'jpeg' && header.mayHaveAlpha !== false;
		const urls = this.urls.modelsUrl && this.urls.wasmUrl ? { modelsUrl: this.urls.modelsUrl, wasmUrl: this.urls.wasmUrl } : undefined;
		if (this.offMainThread) {
			const source: SourceInfo = { name: file.name, type: file.type, bytes: file.size };
			const r = await this.#call({ type: 'open', key, file, source, mayHaveAlpha, urls });
			if (r.type === 'error' && r.message === WORKER_CRASHED && !this.#workerEverAnswered) {
				// The worker never came up: do the same work on this thread from now on.
				this.offMainThread = false;
				return this.open(file);
			}
			if (r.type !== 'opened') return { ok: false, message: undecodable };
			this.#workerEverAnswered = true;
			opened = r;
		} else {
			try {
				const p = await import('./pipeline');
				bitmap = await p.decode(file);
				opened = await p.openPhoto(bitmap, mayHaveAlpha);
			} catch {
				return { ok: false, message: undecodable };
			}
		}
		const refusedAfterDecode = opened.transparent
			? OPEN_MESSAGES.transparent
			: opened.width < PHOTO_RULES.minWidth || opened.height < PHOTO_RULES.minHeight
				? OPEN_MESSAGES.tooSmall(opened.width, opened.height)
				: undefined;
		if (refusedAfterDecode || !opened.preview || !opened.crop) {
			bitmap?.close();
			return { ok: false, message: refusedAfterDecode ?? undecodable };
		}
		if (bitmap) {
			this.#bitmap?.then((b) => b.close()).catch(() => {});
			this.#bitmap = Promise.resolve(bitmap);
		}
		// Only a file that opened replaces the current one: a bad pick leaves the last good photo in place.
		this.#file = file;
		this.#key = key;
		return { ok: true, header, ...opened, preview: opened.preview, crop: opened.crop };
	}

	/** Crops the open file; `rect` is in source pixels. */
	async process(rect: Rect, extra: Partial<ProcessOptions> = {}): Promise<ProcessResult> {
		const file = this.#file;
		if (!file) throw new Error('no file open');
		const source: SourceInfo = { name: file.name, type: file.type, bytes: file.size };
		const options: ProcessOptions = { rect, ...this.urls, ...extra };
		if (this.offMainThread) {
			const r = await this.#call({ type: 'process', key: this.#key, file, source, options });
			if (r.type === 'processed') return { jpeg: r.jpeg, report: r.report, timings: r.timings };
			throw new Error(r.type === 'error' ? r.message : 'unexpected reply');
		}
		const p = await import('./pipeline');
		return p.processPhoto(await this.#bitmap!, source, options);
	}

	dispose(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
		this.#bitmap?.then((b) => b.close()).catch(() => {});
		this.#bitmap = undefined;
	}
}
