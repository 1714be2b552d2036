import { describe, expect, it } from 'vitest';
import { base64url, fromBase64url, fromUtf8, toHex, utf8 } from './base64url';

describe('base64url', () => {
	it('RFC 4648 vectors, without padding', () => {
		const vectors: [string, string][] = [
			['', ''],
			['f', 'Zg'],
			['fo', 'Zm8'],
			['foo', 'Zm9v'],
			['foob', 'Zm9vYg'],
			['fooba', 'Zm9vYmE'],
			['foobar', 'Zm9vYmFy']
		];
		for (const [plain, encoded] of vectors) {
			expect(base64url(utf8(plain))).toBe(encoded);
			expect(fromUtf8(fromBase64url(encoded)!)).toBe(plain);
		}
		// The URL-safe alphabet: 0xfb 0xff → '-_8'.
		expect(base64url([0xfb, 0xff])).toBe('-_8');
		expect(fromBase64url('a+b/')).toBeNull();
		expect(fromBase64url('abcde')).toBeNull();
	});

	it('UTF-8 of Chinese and astral characters, matching the platform encoder; malformed bytes are refused', () => {
		for (const text of ['云建安B（2023）', '𠀋王', 'a|b']) expect(utf8(text)).toEqual([...new TextEncoder().encode(text)]);
		expect(toHex(utf8('云'))).toBe('e4ba91');
		expect(fromUtf8([0xe4, 0xba])).toBeNull();
		expect(fromUtf8([0xff])).toBeNull();
	});
});
