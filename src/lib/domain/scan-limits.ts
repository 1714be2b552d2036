/**
 * Limits on uploaded scans that keep the server's memory bounded: an image's
 * pixel count is read from its header (image-header.ts) before anything
 * decodes it — PocketBase decodes whole images to make thumbnails, the admin
 * UI asks for those, and a 20000×15000 JPEG of 4.6 MB takes ~550 MB and 6 s
 * to thumbnail — and a PDF may hold only so many pages.
 */
import { HEADER_BYTES, readImageHeader, type Bytes } from './image-header';

/**
 * 50 megapixels: every phone camera's full-resolution photo (8160×6120) and an
 * A3 page scanned at 600 dpi (7016×9921 ≈ 70 MP is refused; at 400 dpi it is
 * 31 MP). A thumbnail of the largest legal image decodes in ~100 MB.
 */
export const SCAN_MAX_PIXELS = 50_000_000;
/** The most pages one PDF may have: a full paper certificate or contract is a few dozen. */
export const PDF_MAX_PAGES = 100;
/** Bytes of a file the header check reads. */
export const SCAN_HEADER_BYTES = HEADER_BYTES;

export type ScanLimitError = { kind: 'pixels'; width: number; height: number } | { kind: 'pages'; pages: number } | { kind: 'unreadable' };

/** Chinese message for a file that breaks a limit. */
export function scanLimitMessage(name: string, error: ScanLimitError): string {
	if (error.kind === 'pixels') {
		return `“${name}”的像素过大（${error.width}×${error.height}，超过 ${SCAN_MAX_PIXELS / 10000} 万像素）：请用手机普通拍照模式重拍，或缩小后再上传`;
	}
	if (error.kind === 'pages') return `“${name}”有 ${error.pages} 页，超过 ${PDF_MAX_PAGES} 页：请只上传所需的页`;
	return `“${name}”无法识别为有效的 jpg 或 png 图片，请重新拍照或扫描后上传`;
}

/** The pixel limit, from the first SCAN_HEADER_BYTES of an image file; null when acceptable (or not an image). */
export function imagePixelError(head: Bytes): ScanLimitError | null {
	const h = readImageHeader(head);
	if (h.kind !== 'jpeg' && h.kind !== 'png') return null;
	if (!h.width || !h.height) return { kind: 'unreadable' };
	return h.width * h.height > SCAN_MAX_PIXELS ? { kind: 'pixels', width: h.width, height: h.height } : null;
}

/**
 * Pages of a PDF, read from its text without decompressing anything: the page
 * objects (`/Type /Page`) and the page tree's own `/Count`, whichever is
 * larger. Pages inside compressed object streams are not seen here, so this
 * is a floor, never an over-count.
 */
export function pdfPageCount(text: string): number {
	const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
	let tree = 0;
	const counts = /\/Type\s*\/Pages\b[^>]{0,200}?\/Count\s+(\d{1,9})|\/Count\s+(\d{1,9})[^>]{0,200}?\/Type\s*\/Pages\b/g;
	for (let m = counts.exec(text); m; m = counts.exec(text)) tree = Math.max(tree, Number(m[1] ?? m[2]));
	return Math.max(pages, tree);
}

export function pdfPagesError(text: string): ScanLimitError | null {
	const pages = pdfPageCount(text);
	return pages > PDF_MAX_PAGES ? { kind: 'pages', pages } : null;
}
