/**
 * Reading PDFs back in tests with a real PDF engine (pdf.js, rendering through
 * @napi-rs/canvas): the text a reader would select, the page count, and a page
 * rendered to pixels for the QR decoder.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function open(bytes: Uint8Array) {
	return getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 }).promise;
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
	return (await open(bytes)).numPages;
}

/** All text of each page, items joined in drawing order. */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
	const doc = await open(bytes);
	const pages: string[] = [];
	for (let i = 1; i <= doc.numPages; i++) {
		const content = await (await doc.getPage(i)).getTextContent();
		pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
	}
	return pages;
}

/** Page `n` rendered at `scale` (1 = 72 dpi) as RGBA pixels. */
export async function renderPdfPage(
	bytes: Uint8Array,
	n = 1,
	scale = 3
): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
	const doc = await open(bytes);
	const page = await doc.getPage(n);
	const viewport = page.getViewport({ scale });
	const width = Math.ceil(viewport.width);
	const height = Math.ceil(viewport.height);
	// pdf.js's own canvas factory: @napi-rs/canvas under Node.
	const factory = (
		doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } } }
	).canvasFactory;
	const { canvas, context: ctx } = factory.create(width, height);
	await page.render({ canvasContext: ctx, canvas, viewport }).promise;
	const img = ctx.getImageData(0, 0, width, height);
	return { data: img.data, width: img.width, height: img.height };
}
