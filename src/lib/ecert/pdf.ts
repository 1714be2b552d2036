/**
 * The e-certificate as a one-page A4 PDF, made in the browser with real,
 * selectable Chinese text: Noto Sans SC, only the glyphs used, embedded by
 * pdf-font.ts (fonts.ts fetches the font slices the text needs). This module
 * and pdf-lib load on demand, so visitors who never download a PDF never load
 * them. The QR code is vector squares, crisp at any zoom and in print.
 */
import {
	beginText,
	endText,
	moveText,
	PDFDocument,
	PDFName,
	popGraphicsState,
	pushGraphicsState,
	rgb,
	setFillingRgbColor,
	setFontAndSize,
	showText,
	type PDFPage,
	type RGB
} from 'pdf-lib';
import type { EcertDocument } from './document';
import { fontsFor, type FontSlice, type LoadedFonts } from './fonts';
import { PdfCjkFont } from './pdf-font';
import { qrModules, qrPath, QUIET_ZONE } from './qr';
import { parseTrueType } from './truetype';

export const A4: [number, number] = [595.28, 841.89];

export interface Writer {
	width(text: string, size: number): number;
	draw(text: string, x: number, y: number, size: number, color?: RGB): void;
}

export function writer(page: PDFPage, loaded: LoadedFonts, fonts: Map<FontSlice, PdfCjkFont>, black: RGB): Writer {
	/** Runs of consecutive characters that one font slice covers; characters no slice has are left out. */
	const runs = (text: string) => {
		const out: { font: PdfCjkFont; text: string }[] = [];
		for (const ch of text) {
			const slice = loaded.sliceOf(ch);
			const font = slice && fonts.get(slice);
			if (!font) continue;
			const last = out[out.length - 1];
			if (last && last.font === font) last.text += ch;
			else out.push({ font, text: ch });
		}
		return out;
	};
	return {
		width: (text, size) => runs(text).reduce((w, r) => w + r.font.width(r.text, size), 0),
		draw(text, x, y, size, color = black) {
			const ops = [pushGraphicsState(), beginText(), setFillingRgbColor(color.red, color.green, color.blue), moveText(x, y)];
			for (const r of runs(text)) {
				ops.push(setFontAndSize(r.font.key, size), showText(r.font.encode(r.text)));
			}
			ops.push(endText(), popGraphicsState());
			page.pushOperators(...ops);
		}
	};
}

function dataUrlBytes(url: string): { bytes: Uint8Array; type: string } | null {
	const m = /^data:([^;,]+);base64,(.*)$/.exec(url);
	if (!m) return null;
	return { type: m[1], bytes: Uint8Array.from(atob(m[2]), (c) => c.charCodeAt(0)) };
}

export function footnote(origin: string): string[] {
	return ['本电子证书由发证机关以 SM2/SM3 数字签名。扫描二维码，或打开', `${origin}/verify，可离线核验签名，联网时同时查询证书最新状态。`];
}

function textOf(doc: EcertDocument, origin: string): string {
	return [
		doc.title,
		'电子证书',
		'扫码核验',
		stateLine(doc),
		...footnote(origin),
		...doc.rows.flat(),
		'：',
		`发证机关：${doc.issuer}`,
		`颁发日期：${doc.issued}`
	].join('');
}

const stateLine = (doc: EcertDocument) => `证照状态：${doc.state}（第 ${doc.version} 版电子证书）`;

let prepared: { text: string; work: Promise<LoadedFonts> } | null = null;

/**
 * Starts fetching the font slices for this document, so a click on 下载 PDF
 * finds them ready; the document page calls it when idle. ecertPdf() shares
 * the work in flight.
 */
export function preparePdf(doc: EcertDocument, origin: string): Promise<LoadedFonts> {
	const text = textOf(doc, origin);
	if (prepared?.text !== text) {
		const work = fontsFor(text);
		// A failure (offline before the fonts were ever fetched) is retried on the next call.
		work.catch(() => (prepared = prepared?.work === work ? null : prepared));
		prepared = { text, work };
	}
	return prepared.work;
}

/** The loaded font slices as fonts of the page; `finish` embeds their subsets once everything is drawn. */
export function embedFonts(
	pdf: PDFDocument,
	page: PDFPage,
	loaded: LoadedFonts
): { fonts: Map<FontSlice, PdfCjkFont>; finish: () => void } {
	const fonts = new Map<FontSlice, PdfCjkFont>();
	for (const [slice, bytes] of loaded.bytes) {
		const font = new PdfCjkFont(pdf, parseTrueType(bytes), `F${fonts.size + 1}`);
		page.node.setFontDictionary(PDFName.of(font.key), font.ref);
		fonts.set(slice, font);
	}
	// Subset tags: six capitals, different for each font of the file.
	const finish = () =>
		[...fonts.values()].forEach((f, i) =>
			f.finish(pdf, 'ANG' + String.fromCharCode(65 + Math.floor(i / 676), 65 + (Math.floor(i / 26) % 26), 65 + (i % 26)))
		);
	return { fonts, finish };
}

/** Builds the PDF of one certificate. */
export async function ecertPdf(doc: EcertDocument, origin: string): Promise<Uint8Array> {
	const loaded = await preparePdf(doc, origin);
	const state = stateLine(doc);
	const notes = footnote(origin);
	const pdf = await PDFDocument.create();

	pdf.setTitle(`${doc.title} ${doc.certNo}`);
	pdf.setSubject(`持证人 ${doc.holderName}`);
	pdf.setCreator('安管人员考核管理系统');
	pdf.setProducer('安管证照');
	pdf.setLanguage('zh-CN');

	const page = pdf.addPage(A4);
	const { fonts, finish } = embedFonts(pdf, page, loaded);
	const [W, H] = A4;
	const blue = rgb(0x1d / 255, 0x4f / 255, 0x91 / 255);
	const grey = rgb(0.42, 0.45, 0.5);
	const black = rgb(0.1, 0.1, 0.12);
	const w = writer(page, loaded, fonts, black);

	page.drawRectangle({ x: 26, y: 26, width: W - 52, height: H - 52, borderColor: blue, borderWidth: 2.2 });
	page.drawRectangle({ x: 32, y: 32, width: W - 64, height: H - 64, borderColor: blue, borderWidth: 0.6 });

	const center = (text: string, y: number, size: number, color?: RGB) => w.draw(text, (W - w.width(text, size)) / 2, y, size, color);
	center(doc.title, H - 98, 20, blue);
	center('电子证书', H - 124, 13, grey);

	// Photo, top right: 1.3 : 1 like the ID photo itself.
	const photoW = 100;
	const photoH = 130;
	const photoX = W - 60 - photoW;
	const photoTop = H - 160;
	const photo = doc.photo ? dataUrlBytes(doc.photo) : null;
	if (photo) {
		const img = photo.type === 'image/png' ? await pdf.embedPng(photo.bytes) : await pdf.embedJpg(photo.bytes);
		page.drawImage(img, { x: photoX, y: photoTop - photoH, width: photoW, height: photoH });
	}
	page.drawRectangle({ x: photoX, y: photoTop - photoH, width: photoW, height: photoH, borderColor: grey, borderWidth: 0.5 });

	// Fields: labels in grey, values shrunk to fit when long (enterprise names).
	const labelX = 64;
	const valueX = 176;
	let y = photoTop - 14;
	for (const [label, value] of doc.rows) {
		const right = y > photoTop - photoH - 6 ? photoX - 12 : W - 64;
		let size = 12.5;
		while (size > 8 && w.width(value, size) > right - valueX) size -= 0.5;
		w.draw(`${label}：`, labelX, y, 11, grey);
		w.draw(value, valueX, y, size);
		y -= 26;
	}

	// Issuer and date, bottom left; QR, bottom right.
	const qrSize = 128;
	const modules = qrModules(doc.verifyUrl);
	const unit = qrSize / (modules.length + 2 * QUIET_ZONE);
	const qrX = W - 60 - qrSize;
	const qrY = 118;
	page.drawRectangle({ x: qrX, y: qrY, width: qrSize, height: qrSize, color: rgb(1, 1, 1) });
	page.drawSvgPath(qrPath(modules), {
		x: qrX + QUIET_ZONE * unit,
		y: qrY + qrSize - QUIET_ZONE * unit,
		scale: unit,
		color: rgb(0, 0, 0),
		borderWidth: 0
	});
	w.draw('扫码核验', qrX + (qrSize - w.width('扫码核验', 9)) / 2, qrY - 12, 9, grey);

	w.draw(`发证机关：${doc.issuer}`, labelX, 214, 12.5);
	w.draw(`颁发日期：${doc.issued}`, labelX, 190, 12.5);
	w.draw(state, labelX, 166, 11, doc.state === '有效' ? black : rgb(0.7, 0.15, 0.12));
	notes.forEach((line, i) => w.draw(line, labelX, 72 - i * 13, 8.5, grey));

	finish();
	return pdf.save({ useObjectStreams: true });
}
