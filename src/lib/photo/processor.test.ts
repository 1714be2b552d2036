import { describe, expect, it } from 'vitest';
import { OPEN_MESSAGES, vetHeader } from './processor';
import { clampRect } from './pipeline';

describe('vetHeader (before any decoding)', () => {
	it('refuses an enormous picture by its header alone', () => {
		expect(vetHeader({ kind: 'jpeg', width: 20000, height: 15000 }, 1000)).toContain('20000×15000');
	});
	it('refuses a picture too small to crop 440×572 from', () => {
		expect(vetHeader({ kind: 'jpeg', width: 400, height: 600 }, 1000)).toContain('440×572');
	});
	it('refuses non-images, empty files and JPEGs without a frame header', () => {
		expect(vetHeader({ kind: 'unknown' }, 10)).toBe(OPEN_MESSAGES.notImage);
		expect(vetHeader({ kind: 'jpeg' }, 0)).toBe(OPEN_MESSAGES.empty);
		expect(vetHeader({ kind: 'jpeg' }, 10)).toBe(OPEN_MESSAGES.corrupt);
	});
	it('lets a normal photo and a HEIC (decodable on Safari) through to the decoder', () => {
		expect(vetHeader({ kind: 'jpeg', width: 4000, height: 3000 }, 3_000_000)).toBeUndefined();
		expect(vetHeader({ kind: 'heic' }, 3_000_000)).toBeUndefined();
	});
});

describe('clampRect', () => {
	it('pulls a crop back inside the image without changing its size', () => {
		expect(clampRect({ x: -10, y: 50, width: 500, height: 650 }, 1000, 680)).toEqual({ x: 0, y: 30, width: 500, height: 650 });
	});
});
