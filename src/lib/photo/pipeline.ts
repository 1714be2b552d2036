/**
 * Decode → crop → resize → encode → check, for one photo. Runs inside the
 * Web Worker (OffscreenCanvas) and, where OffscreenCanvas is missing (older
 * iOS WebViews), on the main thread with a regular canvas — the same code
 * either way, so both paths are tested by the one e2e suite.
 */
import { PHOTO_RULES, photoOutputSize } from '../domain/photo';
import type { Whiten } from './background/white';
import {
	checkDecodable,
	checkFace,
	checkImage,
	checkRatio,
	checkResolution,
	type FaceDetection,
	type PhotoCheckReport
} from './checks/index';
import type { Rect } from './checks/types';
import { nativeDetect, type DetectFaces } from './face';
import { initialCrop } from './placement';

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;
type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

export interface SourceInfo {
	name: string;
	type: string;
	bytes: number;
}

export interface OpenResult {
	width: number;
	height: number;
	/** Some pixel is see-through: there is no background colour to judge. */
	transparent: boolean;
	/** What the cropper shows: a downscaled JPEG, so drawing it never stalls the page. */
	preview?: { blob: Blob; width: number; height: number };
	/** Faces found in the whole photo, in source pixels (null: no detector could run). */
	faces?: FaceDetection | null;
	/** The first crop box, in source pixels: placed from the face when there is one. */
	crop?: Rect;
	/** Milliseconds per step, for the benchmark. */
	timings?: Record<string, number>;
}

export interface ProcessOptions {
	/** Crop in pixels of the decoded (EXIF-rotated) source. */
	rect: Rect;
	maxBytes?: number;
	/** Absolute URL of the folder holding the face-api models (…/models/); used by the worker. */
	modelsUrl?: string;
	/** Absolute URL of the tfjs wasm files (…/tfjs/); used by the worker. */
	wasmUrl?: string;
	/** Skip face detection (benchmarks measure the image path alone). */
	skipFace?: boolean;
	/** 换白底: segment the person and put them on white before checking. */
	whiteBackground?: boolean;
}

export interface ProcessResult {
	jpeg?: Blob;
	report: PhotoCheckReport;
	/** Milliseconds per step, for the benchmark. */
	timings?: Record<string, number>;
}

export function makeCanvas(width: number, height: number): AnyCanvas {
	if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
	const c = document.createElement('canvas');
	c.width = width;
	c.height = height;
	return c;
}

function context(c: AnyCanvas): Ctx2D {
	const ctx = c.getContext('2d', { willReadFrequently: false }) as Ctx2D | null;
	if (!ctx) throw new Error('canvas 2d context unavailable');
	return ctx;
}

function encode(c: AnyCanvas, quality: number): Promise<Blob> {
	if ('convertToBlob' in c) return c.convertToBlob({ type: PHOTO_RULES.mime, quality });
	return new Promise((resolve, reject) =>
		c.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), PHOTO_RULES.mime, quality)
	);
}

/**
 * Highest JPEG quality whose file fits `maxBytes`: one encode when the
 * first try fits (the usual case for 480×624), else a binary search.
 */
export async function encodeUnder(c: AnyCanvas, maxBytes: number): Promise<{ blob: Blob; quality: number }> {
	const first = await encode(c, 0.92);
	if (first.size <= maxBytes) return { blob: first, quality: 0.92 };
	let lo = 0.3;
	let hi = 0.92;
	let best: { blob: Blob; quality: number } | undefined;
	for (let i = 0; i < 6; i++) {
		const q = (lo + hi) / 2;
		const blob = await encode(c, q);
		if (blob.size <= maxBytes) {
			best = { blob, quality: q };
			lo = q;
		} else hi = q;
	}
	if (best) return best;
	const floor = await encode(c, lo);
	if (floor.size > maxBytes) throw new Error('cannot fit the size bound');
	return { blob: floor, quality: lo };
}

/**
 * Crop `rect` of `src` and scale it to `out`. The last step uses 'high'
 * smoothing (mipmapped, antialiased in Chromium and WebKit). Crops more than
 * four times the output are first halved: an exact halving with bilinear
 * sampling averages 2×2 blocks, a proper box filter, and it keeps the final
 * ratio small where a browser's 'high' is merely bilinear and would alias.
 */
export function cropAndResize(src: CanvasImageSource, rect: Rect, out: { width: number; height: number }): AnyCanvas {
	let sx = rect.x,
		sy = rect.y,
		sw = rect.width,
		sh = rect.height;
	let source: CanvasImageSource = src;
	while (sw / 2 >= out.width * 2) {
		const w = Math.round(sw / 2);
		const h = Math.round(sh / 2);
		const step = makeCanvas(w, h);
		const ctx = context(step);
		ctx.imageSmoothingEnabled = true;
		ctx.imageSmoothingQuality = 'low';
		ctx.drawImage(source, sx, sy, sw, sh, 0, 0, w, h);
		source = step;
		sx = 0;
		sy = 0;
		sw = w;
		sh = h;
	}
	const canvas = makeCanvas(out.width, out.height);
	const ctx = context(canvas);
	// JPEG has no alpha: flatten onto white, as the photo's background should be.
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, out.width, out.height);
	ctx.imageSmoothingEnabled = true;
	ctx.imageSmoothingQuality = 'high';
	ctx.drawImage(source, sx, sy, sw, sh, 0, 0, out.width, out.height);
	return canvas;
}

/** Keeps the rectangle inside the image (the cropper itself does not). */
export function clampRect(r: Rect, width: number, height: number): Rect {
	const w = Math.min(r.width, width);
	const h = Math.min(r.height, height);
	return {
		x: Math.min(Math.max(0, r.x), width - w),
		y: Math.min(Math.max(0, r.y), height - h),
		width: w,
		height: h
	};
}

/** Looks for see-through pixels on a small copy: cheap even for a 40 MP PNG. */
export function hasTransparency(bitmap: ImageBitmap): boolean {
	const k = Math.min(1, 256 / Math.max(bitmap.width, bitmap.height));
	const w = Math.max(1, Math.round(bitmap.width * k));
	const h = Math.max(1, Math.round(bitmap.height * k));
	const c = makeCanvas(w, h);
	const ctx = context(c);
	ctx.drawImage(bitmap, 0, 0, w, h);
	const d = ctx.getImageData(0, 0, w, h).data;
	for (let i = 3; i < d.length; i += 4) if (d[i] < 250) return true;
	return false;
}

/** Long side of the cropper's picture: sharp on a phone's stage at 2–3× pixel density, cheap to draw. */
export const PREVIEW_SIDE = 1600;
/** Long side the face detector gets when it looks for faces in the whole photo: an applicant's face fills much of it. */
export const OPEN_DETECT_SIDE = 256;

function scaled(bitmap: CanvasImageSource & { width: number; height: number }, side: number): AnyCanvas {
	const k = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
	const c = makeCanvas(Math.max(1, Math.round(bitmap.width * k)), Math.max(1, Math.round(bitmap.height * k)));
	const ctx = context(c);
	ctx.imageSmoothingEnabled = true;
	ctx.imageSmoothingQuality = 'medium';
	ctx.drawImage(bitmap, 0, 0, c.width, c.height);
	return c;
}

/** Milliseconds per step, for the benchmark: `lap(name)` records the time since the previous lap. */
function stopwatch() {
	const timings: Record<string, number> = {};
	let t = performance.now();
	const lap = (name: string) => {
		const now = performance.now();
		timings[name] = Math.round((now - t) * 10) / 10;
		t = now;
	};
	return { timings, lap };
}

/** Every face moved by `shift` then scaled by `k`: from one picture's pixels to another's. */
function mapFaces(d: FaceDetection, k: number, shift = { x: 0, y: 0 }): FaceDetection {
	const p = (q: { x: number; y: number }) => ({ x: (q.x - shift.x) * k, y: (q.y - shift.y) * k });
	return {
		detector: d.detector,
		faces: d.faces.map((f) => ({
			...f,
			box: { ...p(f.box), width: f.box.width * k, height: f.box.height * k },
			...(f.leftEye && { leftEye: p(f.leftEye) }),
			...(f.rightEye && { rightEye: p(f.rightEye) }),
			...(f.chin && { chin: p(f.chin) })
		}))
	};
}

/** The largest face: with several, the applicant is most likely the one nearest the camera. */
function mainFace(d: FaceDetection | null | undefined) {
	return d?.faces.reduce<FaceDetection['faces'][number] | undefined>((a, f) => (!a || f.box.width > a.box.width ? f : a), undefined);
}

/**
 * What the page needs once a file has opened: a downscaled picture for the
 * cropper and the first crop box, placed from the faces found in the whole
 * photo (kept for the crops that follow, see facesInCrop).
 */
export async function openPhoto(bitmap: ImageBitmap, mayHaveAlpha: boolean, detect: DetectFaces = nativeDetect): Promise<OpenResult> {
	const transparent = mayHaveAlpha && hasTransparency(bitmap);
	const { width, height } = bitmap;
	if (transparent || width < PHOTO_RULES.minWidth || height < PHOTO_RULES.minHeight) return { width, height, transparent };
	const { timings, lap } = stopwatch();
	const preview = scaled(bitmap, PREVIEW_SIDE);
	lap('preview');
	const small = scaled(preview, OPEN_DETECT_SIDE);
	// The smallest network input: this detection is on the way to the first checks, and an
	// applicant's face is large in the photo. If it finds none, each crop is searched instead.
	const found = await detect(small, { side: OPEN_DETECT_SIDE, inputSize: 160 }).catch(() => null);
	lap('detect');
	const blob = encode(preview, 0.85);
	const faces = found && mapFaces(found, width / small.width);
	return {
		width,
		height,
		transparent,
		preview: { blob: await blob, width: preview.width, height: preview.height },
		faces,
		crop: initialCrop(width, height, mainFace(faces)),
		timings: { ...timings, previewEncode: (lap('previewEncode'), timings.previewEncode) }
	};
}

/**
 * The faces of the whole photo as they fall in a crop scaled to `out`: a face
 * counts when the middle of its box is inside. Saves a detection per crop and
 * keeps verdicts steady while the box moves.
 */
export function facesInCrop(d: FaceDetection, rect: Rect, out: { width: number; height: number }): FaceDetection {
	const moved = mapFaces(d, out.width / rect.width, rect);
	const faces = moved.faces.filter((f) => {
		const cx = f.box.x + f.box.width / 2;
		const cy = f.box.y + f.box.height / 2;
		return cx >= 0 && cy >= 0 && cx <= out.width && cy <= out.height;
	});
	return { detector: d.detector, faces };
}

export async function decode(file: Blob): Promise<ImageBitmap> {
	// 'from-image' applies the EXIF orientation, as <img> does on screen, so
	// the crop rectangle measured on screen matches the bitmap.
	return createImageBitmap(file, { imageOrientation: 'from-image' });
}

export interface ProcessTools {
	/** Defaults to the browser's FaceDetector alone: the main-thread fallback must not pull 1.3 MB of tfjs onto the page. */
	detect?: DetectFaces;
	/** Faces found when the photo opened: when there are any, crops reuse them instead of detecting again. */
	faces?: FaceDetection | null;
	/** 换白底; only the worker has it. */
	whiten?: Whiten;
}

export async function processPhoto(
	bitmap: ImageBitmap,
	source: SourceInfo,
	opts: ProcessOptions,
	tools: ProcessTools = {}
): Promise<ProcessResult> {
	const detect = tools.detect ?? nativeDetect;
	const rect = clampRect(opts.rect, bitmap.width, bitmap.height);
	const report: PhotoCheckReport = {
		version: 1,
		checkedAt: new Date().toISOString(),
		source: { ...source, width: bitmap.width, height: bitmap.height },
		crop: {
			x: Math.round(rect.x),
			y: Math.round(rect.y),
			width: Math.round(rect.width),
			height: Math.round(rect.height)
		},
		faceDetector: null,
		results: [checkDecodable({ ok: true })]
	};
	const resolution = checkResolution(rect.width, rect.height);
	report.results.push(resolution);
	const out = photoOutputSize(rect.width, rect.height);
	if (!out) return { report };

	const { timings, lap } = stopwatch();
	const canvas = cropAndResize(bitmap, rect, out);
	let pixels = context(canvas).getImageData(0, 0, out.width, out.height);
	lap('resize');
	if (opts.whiteBackground) {
		if (!tools.whiten) throw new Error('white background unavailable here');
		pixels = await tools.whiten(pixels);
		context(canvas).putImageData(pixels, 0, 0);
		report.backgroundReplaced = true;
		lap('whiten');
	}
	// The encoder runs off this thread; check and detect faces meanwhile.
	const encoded = encodeUnder(canvas, opts.maxBytes ?? PHOTO_RULES.maxBytes);
	report.results.push(checkRatio(out.width, out.height), ...checkImage(pixels));
	lap('checks');
	const known = tools.faces?.faces.length ? facesInCrop(tools.faces, rect, out) : undefined;
	const detection = opts.skipFace ? null : (known ?? (await detect(canvas).catch(() => null)));
	report.faceDetector = detection?.detector ?? null;
	report.results.push(...checkFace(detection, out.width, out.height));
	lap('face');
	const { blob, quality } = await encoded;
	lap('encode');
	report.output = { width: out.width, height: out.height, bytes: blob.size, quality: Math.round(quality * 100) / 100 };
	return { jpeg: blob, report, timings };
}
