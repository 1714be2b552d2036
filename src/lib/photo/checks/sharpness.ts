import { faceRegion, luma } from './pixels';
import type { CheckResult, Pixels } from './types';

/** Face-area brightness the thresholds below were set at; darker pictures are scaled up to it. */
const REFERENCE_LUMA = 150;

/**
 * Variance of the 4-neighbour Laplacian of luma over the face area — the
 * usual focus measure: blur removes the high frequencies it responds to.
 * Darkness scales every edge down with it (a photo at half brightness has a
 * quarter of the variance), so a dark picture is measured as if it were lit
 * normally: darkness is the exposure check's business, not blur.
 * Thresholds are for the 440–480 px wide output.
 */
export function laplacianVariance(img: Pixels): number {
	const rect = faceRegion(img);
	// The region plus a one-pixel border, so every inner pixel has four neighbours.
	const x0 = Math.max(0, Math.floor(rect.x) - 1);
	const y0 = Math.max(0, Math.floor(rect.y) - 1);
	const x1 = Math.min(img.width, Math.ceil(rect.x + rect.width) + 1);
	const y1 = Math.min(img.height, Math.ceil(rect.y + rect.height) + 1);
	const w = x1 - x0;
	const h = y1 - y0;
	if (w < 3 || h < 3) return 0;
	// Luma once per pixel, not five times.
	const Y = new Float32Array(w * h);
	const d = img.data;
	for (let y = 0; y < h; y++) {
		let i = ((y + y0) * img.width + x0) * 4;
		for (let x = 0; x < w; x++, i += 4) Y[y * w + x] = luma(d[i], d[i + 1], d[i + 2]);
	}
	let n = 0,
		s = 0,
		ss = 0;
	for (let y = 1; y < h - 1; y++) {
		for (let x = 1; x < w - 1; x++) {
			const k = y * w + x;
			const l = Y[k - 1] + Y[k + 1] + Y[k - w] + Y[k + w] - 4 * Y[k];
			n++;
			s += l;
			ss += l * l;
		}
	}
	const m = s / n;
	let mean = 0;
	for (let k = 0; k < Y.length; k++) mean += Y[k];
	mean /= Y.length;
	const gain = REFERENCE_LUMA / Math.max(16, Math.min(REFERENCE_LUMA, mean));
	return (ss / n - m * m) * gain * gain;
}

export const SHARPNESS_FAIL = 8;
export const SHARPNESS_WARN = 20;

export function checkSharpness(img: Pixels): CheckResult {
	const v = laplacianVariance(img);
	const value = Math.round(v * 10) / 10;
	if (v < SHARPNESS_FAIL) {
		return { id: 'sharpness', level: 'warn', message: '照片模糊，面部不清晰。请对焦后重新拍摄，拍摄时保持手机稳定', value };
	}
	if (v < SHARPNESS_WARN) {
		return { id: 'sharpness', level: 'warn', message: '照片略显模糊，建议重新拍摄更清晰的照片', value };
	}
	return { id: 'sharpness', level: 'pass', message: '清晰', value };
}
