/**
 * The 承诺书 as a printable one-page A4 PDF, filled with what the app knows
 * ($lib/domain/pledge), with the e-certificate's machinery: pdf-lib and the
 * Noto Sans SC slices the text needs, embedded as a subset. Loaded on demand
 * (the application form imports it when the button is pressed).
 */
import { PDFDocument, rgb } from 'pdf-lib';
import { pledgeCharacters, pledgeText, type PledgeFacts } from '$lib/domain/pledge';
import { fontsFor } from './fonts';
import { A4, embedFonts, writer, type Writer } from './pdf';

/** Greedy line breaking by width: Chinese breaks between any two characters. */
function lines(w: Writer, text: string, size: number, width: number, indent = 0): string[] {
	const out: string[] = [];
	let line = '';
	for (const ch of text) {
		const room = width - (out.length === 0 ? indent : 0);
		if (line && w.width(line + ch, size) > room) {
			out.push(line);
			line = '';
		}
		line += ch;
	}
	if (line) out.push(line);
	return out;
}

export async function pledgePdf(facts: PledgeFacts): Promise<Uint8Array> {
	const t = pledgeText(facts);
	const loaded = await fontsFor(pledgeCharacters(t));
	const pdf = await PDFDocument.create();
	pdf.setTitle(`${facts.kind}证书承诺书${facts.name ? ` ${facts.name}` : ''}`);
	pdf.setCreator('安管人员考核管理系统');
	pdf.setLanguage('zh-CN');
	const page = pdf.addPage(A4);
	const { fonts, finish } = embedFonts(pdf, page, loaded);
	const black = rgb(0, 0, 0);
	const grey = rgb(0.3, 0.3, 0.3);
	const w = writer(page, loaded, fonts, black);
	const [W, H] = A4;
	const left = 70;
	const width = W - 2 * left;
	const size = 14;
	const lead = size * 2;

	const title = t.title.split('').join('　');
	w.draw(title, (W - w.width(title, 22)) / 2, H - 110, 22);
	let y = H - 170;
	const paragraph = (text: string, indent: number) => {
		for (const [i, l] of lines(w, text, size, width, indent).entries()) {
			w.draw(l, left + (i === 0 ? indent : 0), y, size);
			y -= lead;
		}
	};
	for (const p of t.paragraphs) paragraph(p, size * 2);
	t.promises.forEach((p, i) => paragraph(`${i + 1}. ${p}`, size * 2));
	y -= lead;
	for (const s of t.signature) {
		w.draw(s, W - left - 260, y, size);
		y -= lead * 1.3;
	}
	for (const [i, l] of lines(w, t.note, 10, width).entries()) w.draw(l, left, 70 - i * 15, 10, grey);
	finish();
	return pdf.save({ useObjectStreams: true });
}
