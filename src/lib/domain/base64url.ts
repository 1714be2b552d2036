/**
 * UTF-8 and base64url (RFC 4648 §5, no padding) on plain byte arrays, for the
 * e-certificate's QR payload. Written out rather than TextEncoder/atob so the
 * same code runs in PocketBase's JS VM, which has neither.
 */

export function utf8(text: string): number[] {
	const out: number[] = [];
	for (const ch of text) {
		const c = ch.codePointAt(0)!;
		if (c < 0x80) out.push(c);
		else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
		else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
		else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
	}
	return out;
}

/** Strict UTF-8 decoding; null on malformed input. */
export function fromUtf8(bytes: number[]): string | null {
	let out = '';
	for (let i = 0; i < bytes.length;) {
		const b = bytes[i];
		const n = b < 0x80 ? 0 : b >> 5 === 6 ? 1 : b >> 4 === 14 ? 2 : b >> 3 === 30 ? 3 : -1;
		if (n < 0) return null;
		let c = n === 0 ? b : b & (0x3f >> n);
		for (let k = 1; k <= n; k++) {
			const cont = bytes[i + k];
			if (cont === undefined || cont >> 6 !== 2) return null;
			c = (c << 6) | (cont & 63);
		}
		if (c > 0x10ffff) return null;
		out += String.fromCodePoint(c);
		i += n + 1;
	}
	return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64url(bytes: number[]): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
		if (i + 1 < bytes.length) out += B64[(n >> 6) & 63];
		if (i + 2 < bytes.length) out += B64[n & 63];
	}
	return out;
}

export function fromBase64url(text: string): number[] | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
	const out: number[] = [];
	let acc = 0;
	let bits = 0;
	for (const ch of text) {
		acc = (acc << 6) | B64.indexOf(ch);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out.push((acc >> bits) & 255);
		}
	}
	return out;
}

export const toHex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
