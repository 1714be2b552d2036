/**
 * A TrueType font in a PDF as the standard asks for CJK text: a Type0 font
 * with Identity-H encoding over a CIDFontType2 whose CIDs are the glyph ids,
 * the glyphs used embedded as a subset, and a ToUnicode map so the text can
 * be selected, copied and searched. Text is shown by glyph id — no shaping,
 * which horizontal Chinese, digits and Latin letters do not need.
 */
import { PDFDocument, PDFHexString, PDFString, type PDFRef } from 'pdf-lib';
import type { TrueTypeFont } from './truetype';

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export class PdfCjkFont {
	readonly #font: TrueTypeFont;
	readonly #ref: PDFRef;
	readonly #used = new Map<number, string>();
	/** the font's name in the page resources */
	readonly key: string;

	constructor(pdf: PDFDocument, font: TrueTypeFont, key: string) {
		this.#font = font;
		this.#ref = pdf.context.nextRef();
		this.key = key;
	}

	get ref(): PDFRef {
		return this.#ref;
	}

	width(text: string, size: number): number {
		let units = 0;
		for (const ch of text) units += this.#font.advance(this.#font.glyphOf(ch.codePointAt(0)!));
		return (units * size) / this.#font.unitsPerEm;
	}

	/** The text as glyph ids for the Tj operator; remembers them for the subset and ToUnicode. */
	encode(text: string): PDFHexString {
		let hex = '';
		for (const ch of text) {
			const g = this.#font.glyphOf(ch.codePointAt(0)!);
			this.#used.set(g, ch);
			hex += hex4(g);
		}
		return PDFHexString.of(hex);
	}

	/** Writes the font objects once everything is drawn. */
	finish(pdf: PDFDocument, tag: string): void {
		const ctx = pdf.context;
		const f = this.#font;
		const scale = 1000 / f.unitsPerEm;
		const name = `${tag}+NotoSansSC`;
		const program = f.subset(this.#used.keys());
		const glyphs = [...this.#used.keys()].sort((a, b) => a - b);
		const widths: (number | number[])[] = [];
		for (const g of glyphs) widths.push(g, [Math.round(f.advance(g) * scale)]);
		const descriptor = ctx.register(
			ctx.obj({
				Type: 'FontDescriptor',
				FontName: name,
				Flags: 4,
				FontBBox: f.bbox.map((v) => Math.round(v * scale)),
				ItalicAngle: 0,
				Ascent: Math.round(f.ascent * scale),
				Descent: Math.round(f.descent * scale),
				CapHeight: Math.round(f.ascent * scale),
				StemV: 80,
				FontFile2: ctx.register(ctx.flateStream(program, { Length1: program.length }))
			})
		);
		const cidFont = ctx.register(
			ctx.obj({
				Type: 'Font',
				Subtype: 'CIDFontType2',
				BaseFont: name,
				CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
				FontDescriptor: descriptor,
				W: widths,
				CIDToGIDMap: 'Identity'
			})
		);
		ctx.assign(
			this.#ref,
			ctx.obj({
				Type: 'Font',
				Subtype: 'Type0',
				BaseFont: name,
				Encoding: 'Identity-H',
				DescendantFonts: [cidFont],
				ToUnicode: ctx.register(ctx.flateStream(toUnicode(this.#used)))
			})
		);
	}
}

function utf16(text: string): string {
	let hex = '';
	for (let i = 0; i < text.length; i++) hex += hex4(text.charCodeAt(i));
	return hex;
}

/** CMap from glyph ids back to Unicode (at most 100 entries per block, as the format asks). */
function toUnicode(used: Map<number, string>): string {
	const entries = [...used].sort(([a], [b]) => a - b).map(([g, ch]) => `<${hex4(g)}> <${utf16(ch)}>`);
	const blocks: string[] = [];
	for (let i = 0; i < entries.length; i += 100) {
		const part = entries.slice(i, i + 100);
		blocks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
	}
	return [
		'/CIDInit /ProcSet findresource begin',
		'12 dict begin',
		'begincmap',
		'/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
		'/CMapName /Adobe-Identity-UCS def',
		'/CMapType 2 def',
		'1 begincodespacerange',
		'<0000> <FFFF>',
		'endcodespacerange',
		...blocks,
		'endcmap',
		'CMapName currentdict /CMap defineresource pop',
		'end',
		'end'
	].join('\n');
}
