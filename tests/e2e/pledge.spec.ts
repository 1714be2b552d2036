/**
 * 承诺书 as a PDF people can print from a phone: filled with the applicant's
 * name, ID number and certificate, real (searchable) Chinese text on one A4 page.
 */
import { readFileSync } from 'node:fs';
import * as d from '../../src/lib/domain';
import { pdfPageCount, pdfText } from '../support/pdf';
import { expect, test } from './fixtures';

test('变更申请: the 承诺书 downloads as a one-page PDF with the holder, ID number and certificate filled in', async ({
	page,
	makeApplicant,
	loginAs
}) => {
	const certNo = d.formatCertNo({ category: 'C2', year: 2023, serial: 1234567 });
	const a = await makeApplicant({ data: { name: '张桂芬' }, certificate: { category: 'C2', certNo } });
	await loginAs(page, a);
	await page.goto(`/apply/${a.certificate!.id}?kind=变更`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: /下载变更证书承诺书（PDF/ }).click()
	]);
	expect(download.suggestedFilename()).toBe('变更证书承诺书.pdf');
	await expect(page.getByRole('status').filter({ hasText: '承诺书 PDF 已生成' })).toBeVisible();
	const bytes = new Uint8Array(readFileSync(await download.path()));
	expect(await pdfPageCount(bytes)).toBe(1);
	const text = (await pdfText(bytes)).join('').replace(/\s+/g, '');
	expect(text).toContain('承　诺　书'.replace(/\s+/g, ''));
	expect(text).toContain(`本人张桂芬，身份证号${a.identity}`);
	expect(text).toContain(`证书编号：${certNo}`);
	expect(text).toContain('现申请办理证书变更');
});
