import { eachPixel, sampleStep } from './pixels';
import type { CheckResult, Pixels } from './types';

/**
 * Greyscale pictures have (almost) no spread between R, G and B anywhere;
 * a colour portrait on white still has skin, hair and clothes with colour.
 * Looks at the 95th percentile of per-pixel chroma so a white background
 * filling most of the frame does not hide the face's colour.
 */
export function checkColour(img: Pixels): CheckResult {
	const hist = new Uint32Array(256);
	let n = 0;
	eachPixel(img, { x: 0, y: 0, width: img.width, height: img.height }, sampleStep(img), (r, g, b) => {
		hist[Math.max(r, g, b) - Math.min(r, g, b)]++;
		n++;
	});
	let acc = 0;
	let p95 = 0;
	for (let c = 0; c < 256; c++) {
		acc += hist[c];
		if (acc >= n * 0.95) {
			p95 = c;
			break;
		}
	}
	if (p95 < 12) {
		return { id: 'colour', level: 'fail', message: '照片是黑白（灰度）的，请使用彩色照片', value: p95 };
	}
	return { id: 'colour', level: 'pass', message: '彩色照片', value: p95 };
}
