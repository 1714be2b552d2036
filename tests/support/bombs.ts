/**
 * Files whose headers promise more than the server should ever decode: a
 * small real JPEG or PNG with its frame size rewritten (the header is all the
 * server reads), and a PDF with many page objects. Shared by the integration
 * tests and bench:scans.
 */
import { makeJpeg } from './jpeg';

/** A real JPEG whose SOF header says width×height (the pixels stay those of a 16×16 image). */
export function jpegClaiming(width: number, height: number): Uint8Array<ArrayBuffer> {
	const bytes = makeJpeg(16, 16);
	for (let i = 2; i + 9 < bytes.length;) {
		const marker = bytes[i + 1];
		const length = (bytes[i + 2] << 8) | bytes[i + 3];
		if (marker >= 0xc0 && marker <= 0xc2) {
			bytes[i + 5] = height >> 8;
			bytes[i + 6] = height & 0xff;
			bytes[i + 7] = width >> 8;
			bytes[i + 8] = width & 0xff;
			return bytes;
		}
		i += 2 + length;
	}
	throw new Error('no SOF marker');
}

/** A PNG signature and IHDR chunk saying width×height, then an empty image. */
export function pngClaiming(width: number, height: number): Uint8Array<ArrayBuffer> {
	const b = new Uint8Array(8 + 25 + 12);
	b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const v = new DataView(b.buffer);
	v.setUint32(8, 13);
	b.set([0x49, 0x48, 0x44, 0x52], 12); // IHDR
	v.setUint32(16, width);
	v.setUint32(20, height);
	b.set([8, 2, 0, 0, 0], 24);
	v.setUint32(33, 0);
	b.set([0x49, 0x45, 0x4e, 0x44], 37); // IEND
	return b;
}

/** A PDF with `pages` page objects under one page tree. */
export function pdfWithPages(pages: number): Uint8Array<ArrayBuffer> {
	const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
	let text = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[${kids}]/Count ${pages}>>endobj\n`;
	for (let i = 0; i < pages; i++) text += `${i + 3} 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n`;
	text += 'trailer<</Root 1 0 R>>\n%%EOF\n';
	return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}
