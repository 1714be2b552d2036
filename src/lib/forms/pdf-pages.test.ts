import { describe, expect, it } from 'vitest';
import { pdfPageCount } from './pdf-pages';

const pdf = (pages: number) =>
	new Blob([
		'%PDF-1.4\n1 0 obj<</Type /Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type /Pages/Count ' +
			pages +
			'>>endobj\n' +
			Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj<</Type /Page/Parent 2 0 R>>endobj\n`).join('') +
			'%%EOF'
	]);

describe('pdfPageCount', () => {
	it('counts page objects, not the page tree', async () => {
		expect(await pdfPageCount(pdf(1))).toBe(1);
		expect(await pdfPageCount(pdf(3))).toBe(3);
	});
	it('says nothing about what is not a PDF', async () => {
		expect(await pdfPageCount(new Blob(['\xff\xd8\xff']))).toBeUndefined();
	});
});
