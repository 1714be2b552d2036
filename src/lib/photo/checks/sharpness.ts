import { faceRegion, luma } from './pixels';
import type { CheckResult, Pixels } from './types';

/**
 * Variance of the 4-neighbour Laplacian of luma over the face area — the
 * usual focus measure: blur removes the high frequencies it responds to.
 * Thresholds are for the 440–480 px wide output.
 */
export function laplacianVariance(img: Pixels): number {
	const rect = faceRegion(img);
	const x0 = Math.max(1, Math.floor(rect.x));
	const y0 = Math.max(1, Math.floor(rect.y));
	const x1 = Math.min(img.width - 1, Math.ceil(rect.x + rect.width));
	const y1 = Math.min(img.height - 1, Math.ceil(rect.y + rect.height));
	const d = img.data;
	const w = img.width;
	const Y = (x: number, y: number) => {
		const i = (y * w + x) * 4;
		return luma(d[i], d[i + 1], d[i + 2]);
	};
	let n = 0, s = 0, ss = 0;
	for (let y = y0; y < y1; y++) {
		for (let x = x0; x < x1; x++) {
			const l = Y(x - 1, y) + Y(x + 1, y) + Y(x, y - 1) + Y(x, y + 1) - 4 * Y(x, y);
			n++;
			s += l;
			ss += l * l;
		}
	}
	if (n === 0) return 0;
	const m = s / n;
	return ss / n - m * m;
}

export const SHARPNESS_FAIL = 8;
export const SHARPNESS_WARN = 20;

export function checkSharpness(img: Pixels): CheckResult {
	const v = laplacianVariance(img);
	const value = Math.round(v * 10) / 10;
	if (v < SHARPNESS_FAIL) {
		return { id: 'sharpness', level: 'fail', message: '照片模糊，面部不清晰。请对焦后重新拍摄，拍摄时保持手机稳定', value };
	}
	if (v < SHARPNESS_WARN) {
		return { id: 'sharpness', level: 'warn', message: '照片略显模糊，建议重新拍摄更清晰的照片', value };
	}
	return { id: 'sharpness', level: 'pass', message: '清晰', value };
}
