/**
 * The loop applicant → reviewer → certificate, with the reviewer in the real
 * admin UI at /_/ (which sends every field back on save) and the applicant /
 * enterprise watching their own pages in the app, live.
 */
import type { Browser, Page } from '@playwright/test';
import { makeJpeg } from '../support/jpeg';
import { AdminUi } from './admin-ui';
import { test, expect, type TestAccount } from './fixtures';

function pdf(name: string, kb = 30) {
	const head =
		'%PDF-1.4\n1 0 obj<</Type /Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type /Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type /Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n';
	return new File([head + '%' + 'x'.repeat(kb * 1024) + '\ntrailer<</Root 1 0 R>>\n%%EOF\n'], name, { type: 'application/pdf' });
}
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

/** The photo tool's report, keys in its own order (the admin UI sends it back re-encoded). */
const PHOTO_REPORT = {
	version: 1,
	checkedAt: '2026-11-20T02:00:00.000Z',
	source: { name: '手机照片.jpg', type: 'image/jpeg', width: 3000, height: 4000, bytes: 2400000 },
	crop: { x: 420, y: 380, width: 2100, height: 2730 },
	output: { width: 480, height: 624, bytes: 61000, quality: 0.9 },
	faceDetector: 'face-api',
	results: [
		{ id: 'face', level: 'pass', message: '检测到一张人脸', value: 0.96 },
		{ id: 'background', level: 'warn', message: '背景不够均匀，可能有阴影', value: 0.82 },
		{ id: 'colour', level: 'pass', message: '彩色照片' }
	],
	acknowledged: true
};

async function reviewerPage(browser: Browser, baseURL: string): Promise<AdminUi> {
	const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
	const ui = new AdminUi(await context.newPage());
	await ui.login();
	return ui;
}

async function submitWithEverything(a: TestAccount, baseURL: string) {
	const { default: PocketBase } = await import('pocketbase');
	const pb = new PocketBase(baseURL);
	await pb.collection('applicants').authWithPassword(a.identity, a.password);
	const photo = new File([makeJpeg(480, 624)], 'photo.jpg', { type: 'image/jpeg' });
	// As the app's outbox sends it: multipart, the report as JSON text.
	return pb.collection('cert_applications').create({
		applicant: a.record.id,
		certificate: a.certificate!.id,
		kind: '变更',
		idNumber: a.identity,
		name: '张建华',
		title: '工程师',
		position: '项目负责人',
		enterprise: a.record.enterprise,
		photo,
		photoCheck: JSON.stringify(PHOTO_REPORT),
		idCardBack: pdf('国徽面.pdf'),
		idCardFront: pdf('姓名面.pdf'),
		pledge: [pdf('承诺书.pdf')],
		applicationForm: [pdf('照片页.pdf'), pdf('签章页.pdf')],
		builderCert: [pdf('建造师执业证书.pdf')],
		socialInsurance: [pdf('社保证明.pdf')]
	});
}

const certRow = (page: Page, certId: string) => page.locator(`tr[data-certificate="${certId}"]`);

test.describe('审核人员在管理后台办理', () => {
	// Whole journeys through two browsers and the admin UI: 43–51 s on an idle machine, so the
	// default 60 s ran out whenever the shared 2 cores were busy. Triples the budget; no wait changes.
	test.slow();
	test('a change application with a new photo and every attachment: refused with a reason in /_/, supplemented, approved in /_/, issued — live for the applicant', async ({
		page,
		browser,
		baseURL,
		makeApplicant,
		loginAs,
		admin
	}) => {
		const a = await makeApplicant({ certificate: { category: 'B', certNo: '' }, data: { name: '张建华' } });
		const app = await submitWithEverything(a, baseURL!);
		await loginAs(page, a);
		await page.goto('/certificates');
		const row = certRow(page, a.certificate!.id);
		await expect(row.getByText('变更证书申请已提交，等待审核')).toBeVisible();

		const reviewer = await reviewerPage(browser, baseURL!);
		await reviewer.openQueue();
		await expect(reviewer.queueRow('张建华')).toContainText('已提交');
		const panel = await reviewer.openFromQueue('张建华');
		// The photo report, readable.
		await expect(panel.text('photoCheckSummary')).toHaveValue(
			'人脸: 通过；白色背景: 提示（背景不够均匀，可能有阴影）；彩色照片: 通过；申请人已确认提示项'
		);
		// One save decides: 已提交 → 审核不通过 with a preset reason and a note.
		await panel.select('status', '审核不通过');
		await panel.select('rejectReasons', '在新单位参保不满3个月');
		await panel.fill('rejectNote', '请补充近3个月社保证明');
		const saved = await panel.save();
		expect(saved.status(), await saved.text()).toBe(200);
		await expect(row.getByText('变更证书审批不通过 原因: 在新单位参保不满3个月；请补充近3个月社保证明')).toBeVisible();

		// The applicant supplements in the app; the same application goes back to the queue.
		await row.getByRole('link', { name: '补充资料' }).click();
		await expect(page.getByText('审核不通过 原因: 在新单位参保不满3个月；请补充近3个月社保证明')).toBeVisible();
		await page
			.getByLabel('劳动合同和社保附件')
			.setInputFiles({ name: '社保证明-近3个月.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdf('x.pdf').arrayBuffer()) });
		await page.getByRole('button', { name: '变更申请' }).click();
		await expect(page.getByRole('status').filter({ hasText: '变更申请：已提交' })).toBeVisible();

		await reviewer.page.reload();
		await expect(reviewer.queueRow('张建华')).toContainText('已提交');
		const again = await reviewer.openFromQueue('张建华');
		await again.select('status', '审核通过');
		const approved = await again.save();
		expect(approved.status(), await approved.text()).toBe(200);

		// Issued (no delay in tests): number and 电子证 ✓ arrive while the page is open.
		await page.goto('/certificates');
		await expect(row.locator('.ecert')).toHaveText('✓');
		await expect(row.locator('.certno')).toHaveText(/^云建安B（\d{4}）\d{7}$/);
		const final = await admin.collection('cert_applications').getOne(app.id);
		expect(final.status).toBe('已发证');
		const events = await admin
			.collection('review_events')
			.getFullList({ filter: admin.filter('recordId = {:id}', { id: app.id }), sort: 'created' });
		expect(events.map((e) => `${e.from || '∅'}→${e.to}`)).toEqual([
			'∅→已提交',
			'已提交→审核不通过',
			'审核不通过→已提交',
			'已提交→审核通过',
			'审核通过→已发证'
		]);
		await reviewer.page.context().close();
	});

	test('企业名称修改 approved in /_/ (the header follows), 企业资质修改 refused with an enterprise reason, corrected with its scan kept, approved', async ({
		page,
		browser,
		baseURL,
		makeEnterprise,
		loginAs,
		admin
	}) => {
		const name = `云南审核测试${Date.now() % 100000}建设有限公司`;
		const e = await makeEnterprise({ data: { name, qualCategory: '建筑工程施工总承包', qualLevel: '总承包三级' } });
		await loginAs(page, e);
		await expect(page.locator('.who .name')).toHaveText(name);

		await page.getByRole('button', { name: '修改附件' }).click();
		const renamed = `${name.slice(0, -6)}集团有限公司`;
		await page.getByLabel('修改后企业名称').fill(renamed);
		await page.getByLabel('修改后信用代码证件').setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: PNG });
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByRole('region', { name: '修改记录' }).getByText('已提交')).toBeVisible();

		const reviewer = await reviewerPage(browser, baseURL!);
		await reviewer.openQueue();
		const panel = await reviewer.openFromQueue(name);
		await panel.select('status', '审核通过');
		expect((await panel.save()).status()).toBe(200);
		await expect(page.locator('dd', { hasText: renamed })).toBeVisible();
		await expect(page.locator('.who .name')).toHaveText(renamed);

		// A second change, in the same life of the enterprise.
		await page.getByRole('button', { name: '修改附件' }).click();
		await page.getByLabel('修改后企业资质等级').selectOption('总承包二级');
		await page.getByLabel('修改后资质证件').setInputFiles({ name: '资质证书.png', mimeType: 'image/png', buffer: PNG });
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByRole('region', { name: '修改记录' }).getByText('已提交')).toBeVisible();

		await reviewer.page.reload();
		const refusal = await reviewer.openFromQueue(renamed);
		await refusal.select('status', '审核不通过');
		await refusal.select('rejectReasons', '资质证书扫描件不清晰或不完整');
		expect((await refusal.save()).status()).toBe(200);
		await expect(page.getByText('原因: 资质证书扫描件不清晰或不完整')).toBeVisible();

		// Corrected on the same request: prefilled, the stored scan kept.
		await page.getByRole('button', { name: '修改后重新提交' }).click();
		await expect(page.getByLabel('修改后企业资质等级')).toHaveValue('总承包二级');
		// The scan sent with the refused request is kept and shown by name (重新选择将替换).
		await expect(page.locator('[data-field="qualScan"]').getByRole('list', { name: '已上传的文件' }).getByRole('listitem')).toHaveCount(1);
		await page.getByLabel('修改后企业资质等级').selectOption('总承包一级');
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByRole('region', { name: '修改记录' }).getByText('已提交')).toBeVisible();

		await reviewer.page.reload();
		const approval = await reviewer.openFromQueue(renamed);
		await approval.select('status', '审核通过');
		expect((await approval.save()).status()).toBe(200);
		await expect(page.locator('dd', { hasText: '总承包一级' })).toBeVisible();
		const changes = await admin
			.collection('enterprise_changes')
			.getFullList({ filter: admin.filter('enterprise = {:id}', { id: e.record.id }) });
		expect(changes.map((c) => c.status).sort()).toEqual(['审核通过', '审核通过']);
		await reviewer.page.context().close();
	});
});
