/**
 * Test pictures for the photo tool, made in Node: drawn figures (never a
 * real person), plus the broken and awkward files people actually pick.
 */
import { deflateSync } from 'node:zlib';
import { makeJpeg, type Painter } from '../support/jpeg';

/** A white background with a head-and-shoulders figure, framed like an ID photo in a wider shot. */
export function figure(width: number, height: number): Painter {
	const cx = width / 2;
	const cy = height * 0.42;
	const rx = Math.min(width, height) * 0.16;
	const ry = rx * 1.3;
	return (x, y) => {
		const dx = (x - cx) / rx;
		const dy = (y - cy) / ry;
		if (dx * dx + dy * dy < 1) {
			// Skin with a little texture so the sharpness check sees detail.
			const t = ((x * 13 + y * 7) % 11) - 5;
			const eye = Math.abs(dy + 0.2) < 0.08 && Math.abs(Math.abs(dx) - 0.4) < 0.12;
			return eye ? [40, 30, 30] : [226 + t, 178 + t, 148 + t];
		}
		if (y > cy + ry * 1.2 && Math.abs(x - cx) < rx * 2.6) return [45, 60, 95];
		return [252, 252, 252];
	};
}

export const validJpeg = (w = 1600, h = 1200) => Buffer.from(makeJpeg(w, h, figure(w, h), 90));

/**
 * `jpeg` with an EXIF APP1 segment carrying `orientation`, inserted right
 * after SOI — what phone cameras write instead of rotating the pixels.
 */
export function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
	const tiff = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
	const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
	const len = body.length + 2;
	const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, len >> 8, len & 0xff]), body]);
	return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

/** Left half red, right half blue as stored: with orientation 6 (90° clockwise) red ends up on top. */
export function sidewaysJpeg(): Buffer {
	const stored = Buffer.from(makeJpeg(1300, 1000, (x) => (x < 650 ? [220, 30, 30] : [30, 30, 220]), 90));
	return withExifOrientation(stored, 6);
}

/** Only the header of a 20000×15000 JPEG: enough for the size to be read, never decoded. */
export function enormousJpegHeader(): Buffer {
	const w = 20000;
	const h = 15000;
	return Buffer.from([
		0xff,
		0xd8,
		0xff,
		0xc0,
		0,
		17,
		8,
		h >> 8,
		h & 0xff,
		w >> 8,
		w & 0xff,
		3,
		1,
		0x22,
		0,
		2,
		0x11,
		1,
		3,
		0x11,
		1,
		0xff,
		0xda,
		0,
		12,
		3,
		1,
		0,
		2,
		0x11,
		3,
		0x11,
		0,
		0x3f,
		0,
		0xff,
		0xd9
	]);
}

/** The front of a HEIC file (ftyp box, brand heic) and some payload: Chromium cannot decode it. */
export function heicFile(): Buffer {
	const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
	return Buffer.concat([ftyp, Buffer.alloc(4096, 7)]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
function crc32(buf: Buffer): number {
	let c = 0xffffffff;
	for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

/** An RGBA PNG whose background is fully transparent (a cut-out portrait). */
export function transparentPng(width = 600, height = 780): Buffer {
	const paint = figure(width, height);
	const raw = Buffer.alloc((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * 4 + 1);
		for (let x = 0; x < width; x++) {
			const [r, g, b] = paint(x, y);
			const background = r > 250 && g > 250 && b > 250;
			raw.set([r, g, b, background ? 0 : 255], row + 1 + x * 4);
		}
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** Size from the first SOF segment and whether any APP1 (EXIF/XMP) segment is present. */
export function inspectJpeg(bytes: Uint8Array): { width: number; height: number; hasApp1: boolean } {
	let i = 2;
	let hasApp1 = false;
	while (i + 4 <= bytes.length) {
		const marker = bytes[i + 1];
		const len = (bytes[i + 2] << 8) | bytes[i + 3];
		if (marker === 0xe1) hasApp1 = true;
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8], hasApp1 };
		}
		i += 2 + len;
	}
	throw new Error('no SOF in JPEG');
}
