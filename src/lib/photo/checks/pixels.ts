import type { Pixels, Rect } from './types';

/** Rec. 601 luma, the Y the JPEG encoder itself works in. */
export function luma(r: number, g: number, b: number): number {
	return 0.299 * r + 0.587 * g + 0.114 * b;
}

/** Visits every `step`-th pixel of a rectangle (clipped to the image). */
export function eachPixel(
	img: Pixels,
	rect: Rect,
	step: number,
	fn: (r: number, g: number, b: number, x: number, y: number) => void
): void {
	const x0 = Math.max(0, Math.floor(rect.x));
	const y0 = Math.max(0, Math.floor(rect.y));
	const x1 = Math.min(img.width, Math.ceil(rect.x + rect.width));
	const y1 = Math.min(img.height, Math.ceil(rect.y + rect.height));
	const d = img.data;
	for (let y = y0; y < y1; y += step) {
		for (let x = x0; x < x1; x += step) {
			const i = (y * img.width + x) * 4;
			fn(d[i], d[i + 1], d[i + 2], x, y);
		}
	}
}

/**
 * Where the face normally is in a correctly framed ID photo: the middle
 * half across, from just under the crown to the chin.
 */
export function faceRegion(img: Pixels): Rect {
	return { x: img.width * 0.25, y: img.height * 0.22, width: img.width * 0.5, height: img.height * 0.5 };
}

/** A step that keeps work bounded on big inputs (~60 000 samples). */
export function sampleStep(img: Pixels): number {
	return Math.max(1, Math.floor(Math.sqrt((img.width * img.height) / 60_000)));
}
