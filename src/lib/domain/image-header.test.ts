import { describe, expect, it } from 'vitest';
import { readImageHeader } from './image-header';

/** Minimal JPEG header: SOI, optional EXIF APP1 with an orientation, SOF0. */
export function jpegHeader(width: number, height: number, orientation?: number): Uint8Array {
	const parts: number[] = [0xff, 0xd8];
	if (orientation) {
		// TIFF (big-endian) with one IFD0 entry: 0x0112 SHORT 1 = orientation.
		const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
		const body = [...'Exif'].map((c) => c.charCodeAt(0)).concat([0, 0], tiff);
		parts.push(0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
	}
	parts.push(0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
	parts.push(0xff, 0xda);
	return Uint8Array.from(parts);
}

function pngHeader(width: number, height: number, colourType: number): Uint8Array {
	const b = new Uint8Array(33);
	b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
	new DataView(b.buffer).setUint32(16, width);
	new DataView(b.buffer).setUint32(20, height);
	b[24] = 8;
	b[25] = colourType;
	return b;
}

describe('readImageHeader', () => {
	it('reads JPEG dimensions from SOF without decoding', () => {
		expect(readImageHeader(jpegHeader(20000, 15000))).toMatchObject({ kind: 'jpeg', width: 20000, height: 15000, orientation: 1 });
	});
	it('swaps width and height for EXIF orientations 5–8', () => {
		expect(readImageHeader(jpegHeader(4000, 3000, 6))).toMatchObject({ width: 3000, height: 4000, orientation: 6 });
		expect(readImageHeader(jpegHeader(4000, 3000, 3))).toMatchObject({ width: 4000, height: 3000, orientation: 3 });
	});
	it('reads PNG size and whether it can be transparent', () => {
		expect(readImageHeader(pngHeader(800, 1040, 6))).toMatchObject({ kind: 'png', width: 800, height: 1040, mayHaveAlpha: true });
		expect(readImageHeader(pngHeader(800, 1040, 2)).mayHaveAlpha).toBe(false);
	});
	it('recognises HEIC by its ftyp brand', () => {
		const b = new Uint8Array(24);
		b.set([0, 0, 0, 24, ...[...'ftypheic'].map((c) => c.charCodeAt(0)), 0, 0, 0, 0, ...[...'mif1heic'].map((c) => c.charCodeAt(0))]);
		expect(readImageHeader(b).kind).toBe('heic');
	});
	it('says unknown for text and for a JPEG cut before its SOF', () => {
		expect(readImageHeader(new TextEncoder().encode('hello, not a picture')).kind).toBe('unknown');
		const cut = readImageHeader(jpegHeader(800, 1040).slice(0, 6));
		expect(cut.kind).toBe('jpeg');
		expect(cut.width).toBeUndefined();
	});
});
