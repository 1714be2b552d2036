/**
 * Reads an image's type and pixel size from the first bytes of the file,
 * before anything is decoded: a 20000×15000 picture would take ~1.2 GB as a
 * bitmap and kill a phone's tab, so it must be refused on its header alone.
 * Pure and DOM-free: the photo tool reads it before decoding, and the hooks
 * re-check uploaded photos with the same code.
 */

export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'heic' | 'avif' | 'unknown';

export interface ImageHeader {
	kind: ImageKind;
	/** Pixel size as displayed (EXIF orientation 5–8 swaps width and height). */
	width?: number;
	height?: number;
	/** EXIF orientation 1–8 (JPEG only; 1 when absent). */
	orientation?: number;
	/** The format can carry transparency (PNG colour type 4/6 or tRNS, WebP alpha). */
	mayHaveAlpha?: boolean;
}

/** How many leading bytes `readImageHeader` needs in practice (EXIF can hold a big thumbnail). */
export const HEADER_BYTES = 256 * 1024;

/**
 * Bytes by index: a Uint8Array in the browser; in the hooks the Go byte slice
 * itself, so only the few bytes the header needs cross into JavaScript.
 */
export type Bytes = ArrayLike<number>;

export function readImageHeader(buf: ArrayBuffer | Bytes): ImageHeader {
	const b = buf instanceof ArrayBuffer ? new Uint8Array(buf) : buf;
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return readJpeg(b);
	if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return readPng(b);
	if (b.length >= 10 && ascii(b, 0, 4) === 'GIF8') return { kind: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
	if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return readWebp(b);
	if (b.length >= 26 && ascii(b, 0, 2) === 'BM') {
		return { kind: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
	}
	if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
		const brands = ascii(b, 8, Math.min(u32be(b, 0), b.length) - 8);
		if (/avif|avis/.test(brands)) return { kind: 'avif' };
		if (/hei[cxms]|hev[cx]|mif1|msf1/.test(brands)) return { kind: 'heic' };
	}
	return { kind: 'unknown' };
}

function readJpeg(b: Bytes): ImageHeader {
	const out: ImageHeader = { kind: 'jpeg', orientation: 1 };
	let i = 2;
	while (i + 4 <= b.length) {
		if (b[i] !== 0xff) {
			i++; // tolerate fill bytes / garbage between segments
			continue;
		}
		const marker = b[i + 1];
		if (marker === 0xff) {
			i++;
			continue;
		}
		// Markers without a length field.
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			i += 2;
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) break; // EOI / start of scan: no SOF seen
		const len = u16be(b, i + 2);
		if (len < 2) break;
		const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isSof && i + 9 <= b.length) {
			const height = u16be(b, i + 5);
			const width = u16be(b, i + 7);
			const swap = (out.orientation ?? 1) >= 5;
			out.width = swap ? height : width;
			out.height = swap ? width : height;
			return out;
		}
		if (marker === 0xe1 && i + 10 <= b.length && ascii(b, i + 4, 4) === 'Exif') {
			out.orientation = exifOrientation(b, i + 10, Math.min(b.length, i + 2 + len)) ?? 1;
		}
		i += 2 + len;
	}
	return out;
}

/** Orientation tag (0x0112) of IFD0 in a TIFF block starting at `t`. */
function exifOrientation(b: Bytes, t: number, end: number): number | undefined {
	if (t + 8 > end) return undefined;
	const le = b[t] === 0x49; // 'II' little-endian, 'MM' big-endian
	const r16 = (o: number) => (le ? u16le(b, o) : u16be(b, o));
	const r32 = (o: number) => (le ? u32le(b, o) : u32be(b, o));
	const ifd = t + r32(t + 4);
	if (ifd + 2 > end) return undefined;
	const n = r16(ifd);
	for (let k = 0; k < n; k++) {
		const e = ifd + 2 + k * 12;
		if (e + 12 > end) return undefined;
		if (r16(e) === 0x0112) {
			const v = r16(e + 8);
			return v >= 1 && v <= 8 ? v : undefined;
		}
	}
	return undefined;
}

function readPng(b: Bytes): ImageHeader {
	if (b.length < 26 || ascii(b, 12, 4) !== 'IHDR') return { kind: 'png' };
	const colourType = b[25];
	let mayHaveAlpha = colourType === 4 || colourType === 6;
	// A tRNS chunk before IDAT gives palette/grey/RGB images transparency too.
	let i = 8;
	while (!mayHaveAlpha && i + 8 <= b.length) {
		const len = u32be(b, i);
		const type = ascii(b, i + 4, 4);
		if (type === 'tRNS') mayHaveAlpha = true;
		if (type === 'IDAT' || type === 'IEND') break;
		i += 12 + len;
	}
	return { kind: 'png', width: u32be(b, 16), height: u32be(b, 20), mayHaveAlpha };
}

function readWebp(b: Bytes): ImageHeader {
	const chunk = ascii(b, 12, 4);
	if (chunk === 'VP8X' && b.length >= 30) {
		return {
			kind: 'webp',
			width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)),
			height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)),
			mayHaveAlpha: (b[20] & 0x10) !== 0
		};
	}
	if (chunk === 'VP8L' && b.length >= 25) {
		const bits = u32le(b, 21);
		return { kind: 'webp', width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff), mayHaveAlpha: true };
	}
	if (chunk === 'VP8 ' && b.length >= 30) {
		return { kind: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff, mayHaveAlpha: false };
	}
	return { kind: 'webp' };
}

function ascii(b: Bytes, at: number, n: number): string {
	let s = '';
	for (let k = at; k < at + n && k < b.length; k++) s += String.fromCharCode(b[k]);
	return s;
}
const u16be = (b: Bytes, o: number) => (b[o] << 8) | b[o + 1];
const u16le = (b: Bytes, o: number) => b[o] | (b[o + 1] << 8);
const u32be = (b: Bytes, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
const u32le = (b: Bytes, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const i32le = (b: Bytes, o: number) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
