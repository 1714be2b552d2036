/**
 * Page count of a PDF without a PDF library: counts page objects
 * (`/Type /Page`, not `/Pages`). Good enough to tell the applicant
 * "3 页" before upload so a missing seal page is noticed; unusual or
 * compressed object streams give undefined rather than a wrong number.
 */
export async function pdfPageCount(file: Blob): Promise<number | undefined> {
	const text = new TextDecoder('latin1').decode(await file.arrayBuffer());
	if (!text.startsWith('%PDF-')) return undefined;
	const count = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
	return count > 0 ? count : undefined;
}
