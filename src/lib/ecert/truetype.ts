/**
 * Just enough TrueType for embedding CJK text in a PDF: character → glyph
 * (cmap formats 4 and 12), advance widths, metrics, and a subset that keeps
 * only the glyphs used (others emptied, glyph ids unchanged, so the PDF can
 * name glyphs by id). This replaces a general font engine (fontkit, ~700 KB
 * of JavaScript that every PDF had to load and warm up) for the one thing
 * the certificate needs: horizontal CJK and Latin text without shaping.
 */

export interface TrueTypeFont {
	unitsPerEm: number;
	ascent: number;
	descent: number;
	bbox: [number, number, number, number];
	/** glyph id of a code point; 0 (.notdef) when the font has none */
	glyphOf(codePoint: number): number;
	/** advance width of a glyph in font units */
	advance(glyph: number): number;
	/** the font with only `glyphs` (plus .notdef and their components) kept */
	subset(glyphs: Iterable<number>): Uint8Array;
}

interface Table {
	offset: number;
	length: number;
}

export function parseTrueType(bytes: Uint8Array): TrueTypeFont {
	const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (dv.getUint32(0) !== 0x00010000) throw new Error('not a TrueType (glyf) font');
	const tables = new Map<string, Table>();
	for (let i = 0, n = dv.getUint16(4); i < n; i++) {
		const o = 12 + i * 16;
		const tag = String.fromCharCode(bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]);
		tables.set(tag, { offset: dv.getUint32(o + 8), length: dv.getUint32(o + 12) });
	}
	const table = (tag: string) => {
		const t = tables.get(tag);
		if (!t) throw new Error(`font has no ${tag} table`);
		return t;
	};
	const head = table('head').offset;
	const hhea = table('hhea').offset;
	const unitsPerEm = dv.getUint16(head + 18);
	const bbox: [number, number, number, number] = [
		dv.getInt16(head + 36),
		dv.getInt16(head + 38),
		dv.getInt16(head + 40),
		dv.getInt16(head + 42)
	];
	const longLoca = dv.getInt16(head + 50) === 1;
	const numGlyphs = dv.getUint16(table('maxp').offset + 4);
	const numHMetrics = dv.getUint16(hhea + 34);
	const hmtx = table('hmtx').offset;
	const loca = table('loca').offset;
	const glyf = table('glyf');
	const cmap = readCmap(dv, table('cmap').offset);

	const glyphStart = (g: number) => (longLoca ? dv.getUint32(loca + g * 4) : dv.getUint16(loca + g * 2) * 2);

	/** Glyph ids a composite glyph draws from. */
	function components(g: number): number[] {
		const start = glyphStart(g);
		if (glyphStart(g + 1) === start) return [];
		let o = glyf.offset + start;
		if (dv.getInt16(o) >= 0) return [];
		o += 10;
		const out: number[] = [];
		for (;;) {
			const flags = dv.getUint16(o);
			out.push(dv.getUint16(o + 2));
			o += 4 + (flags & 0x0001 ? 4 : 2);
			if (flags & 0x0008) o += 2;
			else if (flags & 0x0040) o += 4;
			else if (flags & 0x0080) o += 8;
			if (!(flags & 0x0020)) return out;
		}
	}

	function subset(glyphs: Iterable<number>): Uint8Array {
		const keep = new Set<number>([0]);
		const todo = [...glyphs];
		while (todo.length) {
			const g = todo.pop()!;
			if (g >= numGlyphs || keep.has(g)) continue;
			keep.add(g);
			todo.push(...components(g));
		}
		// glyf with only the kept glyphs' outlines (4-byte aligned), loca in the long form.
		const newLoca = new DataView(new ArrayBuffer((numGlyphs + 1) * 4));
		const parts: Uint8Array[] = [];
		let size = 0;
		for (let g = 0; g < numGlyphs; g++) {
			newLoca.setUint32(g * 4, size);
			if (!keep.has(g)) continue;
			const data = bytes.subarray(glyf.offset + glyphStart(g), glyf.offset + glyphStart(g + 1));
			parts.push(data);
			size += (data.length + 3) & ~3;
		}
		newLoca.setUint32(numGlyphs * 4, size);
		const newGlyf = new Uint8Array(size);
		let at = 0;
		for (const p of parts) {
			newGlyf.set(p, at);
			at += (p.length + 3) & ~3;
		}
		const newHead = bytes.slice(head, head + table('head').length);
		new DataView(newHead.buffer).setInt16(50, 1);
		const copy = (tag: string) => bytes.subarray(table(tag).offset, table(tag).offset + table(tag).length);
		return writeSfnt([
			['glyf', newGlyf],
			['head', newHead],
			['hhea', copy('hhea')],
			['hmtx', copy('hmtx')],
			['loca', new Uint8Array(newLoca.buffer)],
			['maxp', copy('maxp')]
		]);
	}

	return {
		unitsPerEm,
		ascent: dv.getInt16(hhea + 4),
		descent: dv.getInt16(hhea + 6),
		bbox,
		glyphOf: (cp) => cmap(cp),
		advance: (g) => dv.getUint16(hmtx + 4 * Math.min(g, numHMetrics - 1)),
		subset
	};
}

/** The best Unicode subtable: format 12 (full range) or 4 (BMP). */
function readCmap(dv: DataView, cmap: number): (cp: number) => number {
	let best = -1;
	let bestFormat = 0;
	for (let i = 0, n = dv.getUint16(cmap + 2); i < n; i++) {
		const platform = dv.getUint16(cmap + 4 + i * 8);
		const encoding = dv.getUint16(cmap + 6 + i * 8);
		const offset = cmap + dv.getUint32(cmap + 8 + i * 8);
		const format = dv.getUint16(offset);
		const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
		if (unicode && (format === 12 || (format === 4 && bestFormat !== 12))) {
			best = offset;
			bestFormat = format;
		}
	}
	if (best < 0) return () => 0;
	const t = best;
	if (bestFormat === 12) {
		const groups = dv.getUint32(t + 12);
		return (cp) => {
			for (let lo = 0, hi = groups - 1; lo <= hi;) {
				const mid = (lo + hi) >> 1;
				const o = t + 16 + mid * 12;
				if (cp < dv.getUint32(o)) hi = mid - 1;
				else if (cp > dv.getUint32(o + 4)) lo = mid + 1;
				else return dv.getUint32(o + 8) + cp - dv.getUint32(o);
			}
			return 0;
		};
	}
	const segs = dv.getUint16(t + 6) / 2;
	const ends = t + 14;
	const starts = ends + segs * 2 + 2;
	const deltas = starts + segs * 2;
	const ranges = deltas + segs * 2;
	return (cp) => {
		if (cp > 0xffff) return 0;
		for (let i = 0; i < segs; i++) {
			if (cp > dv.getUint16(ends + i * 2)) continue;
			const start = dv.getUint16(starts + i * 2);
			if (cp < start) return 0;
			const rangeOffset = dv.getUint16(ranges + i * 2);
			if (rangeOffset === 0) return (cp + dv.getInt16(deltas + i * 2)) & 0xffff;
			const g = dv.getUint16(ranges + i * 2 + rangeOffset + (cp - start) * 2);
			return g === 0 ? 0 : (g + dv.getInt16(deltas + i * 2)) & 0xffff;
		}
		return 0;
	};
}

/** An sfnt file of the given tables (sorted by tag as the format asks). */
function writeSfnt(tables: [string, Uint8Array][]): Uint8Array {
	tables.sort(([a], [b]) => (a < b ? -1 : 1));
	const n = tables.length;
	let size = 12 + 16 * n;
	for (const [, data] of tables) size += (data.length + 3) & ~3;
	const out = new Uint8Array(size);
	const dv = new DataView(out.buffer);
	let log2 = 0;
	while (1 << (log2 + 1) <= n) log2++;
	dv.setUint32(0, 0x00010000);
	dv.setUint16(4, n);
	dv.setUint16(6, (1 << log2) * 16);
	dv.setUint16(8, log2);
	dv.setUint16(10, n * 16 - (1 << log2) * 16);
	let at = 12 + 16 * n;
	tables.forEach(([tag, data], i) => {
		const o = 12 + 16 * i;
		for (let k = 0; k < 4; k++) out[o + k] = tag.charCodeAt(k);
		let sum = 0;
		const padded = new Uint8Array((data.length + 3) & ~3);
		padded.set(data);
		const pv = new DataView(padded.buffer);
		for (let k = 0; k < padded.length; k += 4) sum = (sum + pv.getUint32(k)) >>> 0;
		dv.setUint32(o + 4, sum);
		dv.setUint32(o + 8, at);
		dv.setUint32(o + 12, data.length);
		out.set(data, at);
		at += padded.length;
	});
	return out;
}
