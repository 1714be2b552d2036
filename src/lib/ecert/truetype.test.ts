// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { woffToSfnt } from './fonts';
import { parseTrueType } from './truetype';

// A real slice of the font the PDF embeds: the one holding 云, 建 and 安.
const css = readFileSync('node_modules/@fontsource/noto-sans-sc/400.css', 'utf8');
function sliceWith(ch: string): string {
	const cp = ch.codePointAt(0)!;
	for (const m of css.matchAll(/files\/([\w-]+)\.woff2\)[^;]*;\s*unicode-range:\s*([^;]+);/g)) {
		const hit = m[2].split(',').some((r) => {
			const [lo, hi] = r
				.trim()
				.replace(/^U\+/i, '')
				.split('-')
				.map((h) => parseInt(h, 16));
			return cp >= lo && cp <= (hi ?? lo);
		});
		if (hit) return `node_modules/@fontsource/noto-sans-sc/files/${m[1]}.woff`;
	}
	throw new Error(`no slice has ${ch}`);
}

async function fontWith(ch: string) {
	const woff = readFileSync(sliceWith(ch));
	return parseTrueType(await woffToSfnt(woff.buffer.slice(woff.byteOffset, woff.byteOffset + woff.byteLength)));
}

describe('TrueType for the PDF', () => {
	it('maps characters to glyphs with full-width advances for Han characters', async () => {
		const font = await fontWith('云');
		const g = font.glyphOf('云'.codePointAt(0)!);
		expect(g).toBeGreaterThan(0);
		expect(font.advance(g)).toBe(font.unitsPerEm);
		expect(font.glyphOf(0x10ffff)).toBe(0);
		expect(font.ascent).toBeGreaterThan(0);
		expect(font.descent).toBeLessThan(0);
	});

	it('a subset keeps the used glyphs byte for byte and drops the rest', async () => {
		const woff = readFileSync(sliceWith('云'));
		const sfnt = await woffToSfnt(woff.buffer.slice(woff.byteOffset, woff.byteOffset + woff.byteLength));
		const font = parseTrueType(sfnt);
		const g = font.glyphOf('云'.codePointAt(0)!);
		const subset = font.subset([g]);
		expect(subset.length).toBeLessThan(sfnt.length / 3);
		const tags = (bytes: Uint8Array) => {
			const dv = new DataView(bytes.buffer, bytes.byteOffset);
			return Array.from({ length: dv.getUint16(4) }, (_, i) => String.fromCharCode(...bytes.subarray(12 + i * 16, 16 + i * 16)));
		};
		expect(tags(subset)).toEqual(['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp']);
		// The glyph's outline is the original's: find it through the new (long) loca.
		const table = (bytes: Uint8Array, tag: string) => {
			const dv = new DataView(bytes.buffer, bytes.byteOffset);
			const i = tags(bytes).indexOf(tag);
			return { offset: dv.getUint32(12 + i * 16 + 8), length: dv.getUint32(12 + i * 16 + 12) };
		};
		const sv = new DataView(subset.buffer);
		const loca = table(subset, 'loca').offset;
		const glyf = table(subset, 'glyf').offset;
		const outline = subset.subarray(glyf + sv.getUint32(loca + g * 4), glyf + sv.getUint32(loca + (g + 1) * 4));
		expect(outline.length).toBeGreaterThan(20);
		expect(Buffer.from(sfnt).includes(Buffer.from(outline.subarray(0, outline.length - 3)))).toBe(true);
		// An unused glyph is empty.
		const other = g === 1 ? 2 : 1;
		expect(sv.getUint32(loca + (other + 1) * 4) - sv.getUint32(loca + other * 4)).toBe(0);
	});
});
