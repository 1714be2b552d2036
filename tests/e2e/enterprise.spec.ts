import { test, expect } from './fixtures';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

test.describe('企业信息', () => {
	test('an enterprise updates its contact details; a bad phone number is explained at the field', async ({
		page,
		makeEnterprise,
		loginAs,
		admin
	}) => {
		const e = await makeEnterprise();
		await loginAs(page, e);
		await expect(page.getByRole('heading', { name: '企业信息' })).toBeVisible();
		await expect(page.getByText(e.identity)).toBeVisible();

		await page.getByLabel('联系人').fill('周工');
		await page.getByLabel('联系电话').fill('12345');
		await page.getByRole('button', { name: '保存联系方式' }).click();
		await expect(page.getByText('请输入正确的手机号或固定电话')).toBeVisible();

		await page.getByLabel('联系电话').fill('0871-60000009');
		await page.getByRole('button', { name: '保存联系方式' }).click();
		// Nothing goes to review: the form says 已保存, not 已提交.
		await expect(page.getByRole('status').filter({ hasText: '联系方式：已保存' })).toBeVisible();
		await expect.poll(async () => (await admin.collection('enterprises').getOne(e.record.id)).contactPhone).toBe('0871-60000009');
	});

	test('企业名称修改 goes to review; the reason of a refusal and the approval show up without reloading', async ({
		page,
		makeEnterprise,
		loginAs,
		admin
	}) => {
		const e = await makeEnterprise({ data: { qualCategory: '水利水电施工总承包', qualLevel: '总承包三级' } });
		await loginAs(page, e);
		await page.getByRole('button', { name: '修改附件' }).click();
		await expect(page.getByText('原来企业资质类别')).toBeVisible();
		await page.getByLabel('修改后企业名称').fill('云南测试水利水电集团有限公司');
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByText('修改企业登记信息须上传修改后的信用代码证件（营业执照）')).toBeVisible();

		await page.getByLabel('修改后信用代码证件').setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: PNG });
		await page.getByRole('button', { name: '保存', exact: true }).click();
		const history = page.getByRole('region', { name: '修改记录' });
		await expect(history.getByText('已提交')).toBeVisible();
		await expect(page.getByRole('button', { name: '修改附件' })).toBeDisabled();

		const [change] = await admin.collection('enterprise_changes').getFullList({ filter: `enterprise = "${e.record.id}"` });
		expect(change.status).toBe('已提交');
		expect(change.kind).toEqual(['企业名称修改']);
		expect(change.license).toBeTruthy();

		await admin.collection('enterprise_changes').update(change.id, { status: '审核中' });
		await admin
			.collection('enterprise_changes')
			.update(change.id, { status: '审核不通过', rejectReasons: [], rejectNote: '营业执照扫描件不清晰' });
		await expect(page.getByText('原因: 营业执照扫描件不清晰')).toBeVisible();

		// The refused request is corrected, not retyped: prefilled, a clear scan replaces the old one; approval applies it.
		await page.getByRole('button', { name: '修改后重新提交' }).click();
		await expect(page.getByLabel('修改后企业名称')).toHaveValue('云南测试水利水电集团有限公司');
		await page.getByLabel('修改后信用代码证件').setInputFiles({ name: '营业执照-清晰.png', mimeType: 'image/png', buffer: PNG });
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect.poll(async () => (await admin.collection('enterprise_changes').getOne(change.id)).status).toBe('已提交');
		await admin.collection('enterprise_changes').update(change.id, { status: '审核通过' });
		await expect(page.locator('dd', { hasText: '云南测试水利水电集团有限公司' })).toBeVisible();
		expect((await admin.collection('enterprises').getOne(e.record.id)).name).toBe('云南测试水利水电集团有限公司');
	});
});
