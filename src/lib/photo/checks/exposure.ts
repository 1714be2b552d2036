import { eachPixel, faceRegion, luma, sampleStep } from './pixels';
import type { CheckResult, Pixels } from './types';

/**
 * Exposure of the face area (OFIQ's luminance measures look at the face,
 * not the frame: a white background would make every photo look bright).
 */
export function checkExposure(img: Pixels): CheckResult {
	let n = 0,
		sum = 0,
		dark = 0,
		clipped = 0;
	eachPixel(img, faceRegion(img), sampleStep(img), (r, g, b) => {
		const y = luma(r, g, b);
		n++;
		sum += y;
		if (y < 40) dark++;
		if (y > 250) clipped++;
	});
	const mean = sum / n;
	const value = Math.round(mean);
	// Measured on where a face usually is: a heuristic, so it warns at worst.
	if (mean < 60 || dark / n > 0.5) {
		return { id: 'exposure', level: 'warn', message: '照片过暗，面部看不清。请在光线充足处重新拍摄', value };
	}
	if (mean > 235 || clipped / n > 0.4) {
		return { id: 'exposure', level: 'warn', message: '照片过亮（曝光过度），面部细节丢失。请避开强光或闪光灯重新拍摄', value };
	}
	if (mean < 85) return { id: 'exposure', level: 'warn', message: '照片偏暗，建议在光线更好的地方重拍', value };
	if (mean > 215) return { id: 'exposure', level: 'warn', message: '照片偏亮，建议避开强光重拍', value };
	return { id: 'exposure', level: 'pass', message: '曝光正常', value };
}
