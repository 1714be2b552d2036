import { describe, expect, it } from 'vitest';
import { photoOutputSize, photoRatioOk, photoRuleError, PHOTO_RULES } from './photo';

describe('photo rules', () => {
	it('ratio 1.3 within one pixel', () => {
		expect(photoRatioOk(440, 572)).toBe(true);
		expect(photoRatioOk(441, 573)).toBe(true);
		expect(photoRatioOk(440, 600)).toBe(false);
	});
	it('output never upscales and is exactly 1.3 in integer pixels', () => {
		expect(photoOutputSize(440, 572)).toEqual({ width: 440, height: 572 });
		expect(photoOutputSize(2000, 2600)).toEqual({ width: PHOTO_RULES.maxOutputWidth, height: PHOTO_RULES.maxOutputWidth * 1.3 });
		expect(photoOutputSize(457.3, 594.5)).toEqual({ width: 450, height: 585 });
		expect(photoOutputSize(439.4, 571.2)).toEqual({ width: 440, height: 572 });
		expect(photoOutputSize(400, 520)).toBeUndefined();
	});
	it('names the first broken rule', () => {
		expect(photoRuleError({ isJpeg: true, width: 440, height: 572, bytes: 1000 })).toBeUndefined();
		expect(photoRuleError({ isJpeg: false, width: 440, height: 572, bytes: 1000 })).toBe('not_jpeg');
		expect(photoRuleError({ isJpeg: true, width: 300, height: 390, bytes: 1000 })).toBe('too_small');
		expect(photoRuleError({ isJpeg: true, width: 600, height: 600, bytes: 1000 })).toBe('ratio');
		expect(photoRuleError({ isJpeg: true, width: 440, height: 572, bytes: PHOTO_RULES.maxBytes + 1 })).toBe('too_large_file');
	});
});
