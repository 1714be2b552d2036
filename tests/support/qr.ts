/**
 * Decoding QR codes in tests with jsQR — a decoder independent of the `qr`
 * library the app encodes with — from RGBA pixels or a JPEG screenshot.
 */
import jsQR from 'jsqr';
import jpeg from 'jpeg-js';

export function decodeQrPixels(data: Uint8ClampedArray | Uint8Array, width: number, height: number): string | null {
	const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height);
	return code?.data ?? null;
}

export function decodeQrJpeg(bytes: Buffer): string | null {
	const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
	return decodeQrPixels(img.data, img.width, img.height);
}
