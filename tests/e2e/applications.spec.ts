/**
 * 个人端 steps 4–6 in Chromium: fill and submit a 变更申请, see the
 * reviewer's refusal with its reason in 我的证书, supplement and resubmit,
 * then see the approval, 电子证 ✓ and the new certificate number arrive
 * without reloading (ISSUE_DELAY_MINUTES=0). Reviewer actions go through the
 * admin API, as the admin UI does.
 */
import type { Page } from '@playwright/test';
import * as d from '../../src/lib/domain';
import { test, expect } from './fixtures';
import { validJpeg } from './photo-images';

function pdf(name: string, kb = 30) {
	const head =
		'%PDF-1.4\n1 0 obj<</Type /Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type /Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type /Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n';
	const body = head + '%' + 'x'.repeat(kb * 1024) + '\ntrailer<</Root 1 0 R>>\n%%EOF\n';
	return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'latin1') };
}

async function fillChange(page: Page, employer: string) {
	await page.getByLabel('变更后姓名').fill('李建华');
	await page.getByLabel('变更后技术职称').fill('工程师');
	await page.getByLabel('变更后职位').fill('项目安全负责人');
	await page.getByLabel('变更后工作单位').fill(employer.slice(0, 6));
	await page.getByRole('button', { name: new RegExp(employer) }).click();
	await expect(page.getByText(`已选择：${employer}`)).toBeVisible();
	await page.getByLabel('身份证国徽面扫描件').setInputFiles(pdf('国徽面.pdf'));
	await page.getByLabel('身份证姓名面扫描件').setInputFiles(pdf('姓名面.pdf'));
	await page.getByLabel('承诺书').setInputFiles(pdf('承诺书.pdf'));
	await page.getByLabel('申请表').setInputFiles([pdf('照片页.pdf'), pdf('签章页.pdf')]);
	await page.getByLabel('劳动合同和社保附件').setInputFiles(pdf('社保证明.pdf'));
}

test.describe('变更申请', () => {
	test('submit, refusal with reason, supplement and resubmit, approval and e-certificate — live', async ({
		page,
		makeApplicant,
		makeEnterprise,
		loginAs,
		admin
	}) => {
		const employer = `云南测试路桥${Date.now() % 100000}建设有限公司`;
		await makeEnterprise({ data: { name: employer } });
		const a = await makeApplicant({ certificate: { category: 'C2', certNo: '' } });
		await loginAs(page, a);

		await page.goto('/apply');
		await page.getByRole('link', { name: '变更申请' }).click();
		await expect(page.getByLabel('原身份证号')).toHaveValue(a.identity);
		await expect(page.getByRole('link', { name: '+ 下载变更证书承诺书（模板）' })).toBeVisible();

		// The form checks before sending, with the domain's messages.
		await page.getByLabel('变更后姓名').fill('');
		await page.getByRole('button', { name: '变更申请' }).click();
		await expect(page.getByText('请输入变更后的姓名')).toBeVisible();
		await expect(page.getByText('请上传承诺书')).toBeVisible();
		await expect(page.getByLabel('变更后姓名')).toBeFocused();

		// A message goes as soon as its field is fixed, not at the next submit.
		await page.getByLabel('变更后姓名').fill('李');
		await expect(page.getByText('请输入变更后的姓名')).toBeHidden();
		await page.getByLabel('变更后职位').focus();
		await expect(page.getByText(d.APPLICATION_MESSAGES.nameLength)).toBeVisible();

		await fillChange(page, employer);
		await expect(page.getByText(d.APPLICATION_MESSAGES.nameLength)).toBeHidden();
		await expect(page.getByText('请上传承诺书')).toBeHidden();
		await expect(page.getByText('2 页').or(page.getByText('1 页')).first()).toBeVisible();
		await page.getByRole('button', { name: '变更申请' }).click();
		await expect(page.getByRole('status').filter({ hasText: '变更申请：已提交' })).toBeVisible();

		const [app] = await admin
			.collection('cert_applications')
			.getFullList({ filter: admin.filter('applicant = {:id}', { id: a.record.id }) });
		expect(app).toMatchObject({ status: '已提交', name: '李建华', origName: '测试申请人' });
		expect(app.applicationForm).toHaveLength(2);

		await page.getByRole('link', { name: '查看我的证书' }).click();
		const row = page.locator(`tr[data-certificate="${a.certificate!.id}"]`);
		await expect(row.getByText('变更证书申请已提交，等待审核')).toBeVisible();

		// The reviewer refuses, with a preset reason.
		await admin.collection('cert_applications').update(app.id, { status: '审核中' });
		await admin.collection('cert_applications').update(app.id, { status: '审核不通过', rejectReasons: ['在新单位参保不满3个月'] });
		await expect(row.getByText('变更证书审批不通过 原因: 在新单位参保不满3个月')).toBeVisible();

		// Supplement: a new social-insurance proof replaces the old one; the same application is sent again.
		await row.getByRole('link', { name: '补充资料' }).click();
		const banner = page.getByText('审核不通过 原因: 在新单位参保不满3个月');
		await expect(banner).toBeVisible();
		await expect(page.getByLabel('变更后姓名')).toHaveValue('李建华');
		// What was sent is listed by name, with a link to each file, not just counted.
		for (const [field, count] of [
			['socialInsurance', 1],
			['applicationForm', 2]
		] as const) {
			const stored = page.locator(`[data-field="${field}"]`).getByRole('list', { name: '已上传的文件' });
			await expect(stored.getByRole('listitem')).toHaveCount(count);
			await expect(stored.getByRole('link').first()).toHaveText(/\.pdf$/);
		}
		await page.getByLabel('劳动合同和社保附件').setInputFiles([pdf('社保证明-近3个月.pdf'), pdf('劳动合同.pdf')]);
		await page.getByRole('button', { name: '变更申请' }).click();
		await expect(page.getByRole('status').filter({ hasText: '变更申请：已提交' })).toBeVisible();
		// Sent again: the red refusal above the green 已提交 is gone.
		await expect(banner).toBeHidden();
		await expect.poll(async () => (await admin.collection('cert_applications').getOne(app.id)).status).toBe('已提交');
		expect((await admin.collection('cert_applications').getOne(app.id)).socialInsurance).toHaveLength(2);

		await page.getByRole('link', { name: '查看我的证书' }).click();
		await expect(row.getByText('变更证书申请已提交，等待审核')).toBeVisible();
		await expect(row.locator('.ecert')).toHaveText('');

		// Approval: with no delay the e-certificate and its number arrive while the page is open.
		await admin.collection('cert_applications').update(app.id, { status: '审核中' });
		await expect(row.getByText('变更证书申请审核中')).toBeVisible();
		await admin.collection('cert_applications').update(app.id, { status: '审核通过' });
		await expect(row.locator('.op')).toContainText('审核通过');
		await expect(row.locator('.ecert')).toHaveText('✓');
		await expect(row.locator('.certno')).toHaveText(/^云建安C2（\d{4}）\d{7}$/);
		// The holder and employer: on the certificate's second line.
		const more = page.locator('tbody', { has: row }).locator('.more');
		await expect(more.getByText('李建华', { exact: true })).toBeVisible();
		await expect(more.getByText(employer, { exact: true })).toBeVisible();
	});

	test('the new ID photo goes with the application and leaves the device once the server has it', async ({
		page,
		makeApplicant,
		loginAs,
		admin
	}) => {
		const a = await makeApplicant({ certificate: { category: 'C2', certNo: '' } });
		await loginAs(page, a);
		await page.goto('/photo');
		await page.getByLabel('打开文件').setInputFiles({ name: 'figure.jpg', mimeType: 'image/jpeg', buffer: validJpeg() });
		const confirm = page.getByLabel('我已知晓上述问题，仍使用此照片');
		await expect(page.getByAltText('裁剪结果')).toBeVisible();
		if (await confirm.isVisible()) await confirm.check();
		await page.getByRole('button', { name: '保存并使用' }).click();
		await expect(page.getByRole('status').filter({ hasText: '照片已保存在本机' })).toBeVisible();

		await page.goto('/apply');
		await page.getByRole('link', { name: '变更申请' }).click();
		await expect(page.getByAltText('新证件照片')).toBeVisible();
		const employer = (await admin.collection('enterprises').getOne(a.record.enterprise)).name as string;
		await fillChange(page, employer);
		await page.getByRole('button', { name: '变更申请' }).click();
		await expect(page.getByRole('status').filter({ hasText: '变更申请：已提交' })).toBeVisible();

		const [app] = await admin
			.collection('cert_applications')
			.getFullList({ filter: admin.filter('applicant = {:id}', { id: a.record.id }) });
		expect(app.photo).toMatch(/\.jpg$/);
		expect(app.photoCheck).toBeTruthy();
		// The photo draft is gone from the device, so it cannot ride along with a later application by mistake.
		const photoDrafts = () =>
			page.evaluate(
				() =>
					new Promise<number>((ok, fail) => {
						const req = indexedDB.open('anguan-offline');
						req.onerror = () => fail(req.error);
						req.onsuccess = () => {
							const all = req.result.transaction('drafts').objectStore('drafts').getAll();
							all.onsuccess = () => ok((all.result as { formKey: string }[]).filter((d) => d.formKey === 'photo').length);
							all.onerror = () => fail(all.error);
						};
					})
			);
		await expect.poll(photoDrafts).toBe(0);
	});

	test('on a 360 px phone 我的证书 becomes cards and the form fits the screen', async ({ page, makeApplicant, loginAs }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		const a = await makeApplicant({ certificate: { category: 'B' } });
		await loginAs(page, a);
		await page.goto('/certificates');
		await expect(page.getByRole('cell', { name: 'B-项目负责人' })).toBeVisible();
		await expect(page.locator('thead')).toHaveCSS('position', 'absolute');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

		await page.goto(`/apply/${a.certificate!.id}?kind=变更`);
		// B holders also upload the 建造师执业证书.
		await expect(page.getByLabel('建造师执业证书')).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	});
});
