/**
 * Offline-first on the real app: whatever is typed or attached survives a
 * reload offline, a second tab, a refusal and an expired login, and arrives
 * on the server exactly once.
 */
import { test, expect, STRONG_PASSWORD } from './fixtures';
import { chosenFiles, expectOneRecord, fillChange, jpegOf, openChangeForm, serverChanges, waitForOfflineReady } from './offline-helpers';

test.describe('离线填写与提交', () => {
	test('offline mid-form → reload offline → finish → reconnect: one record, nothing lost', async ({
		page,
		context,
		admin,
		makeEnterprise,
		loginAs
	}) => {
		const e = await makeEnterprise();
		await loginAs(page, e);
		await expect(page.getByRole('heading', { name: '企业名称修改' }).or(page.getByRole('button', { name: '修改附件' }))).toBeVisible();
		await waitForOfflineReady(page);

		await context.setOffline(true);
		await openChangeForm(page);
		await page.getByLabel('修改后企业名称').fill('云南离线建设有限公司');
		await page.getByLabel('修改后信用代码证件').setInputFiles(jpegOf(40));
		await page.waitForTimeout(600); // autosave pause

		await page.reload();
		await expect(page.getByRole('region', { name: '同步状态' }).getByText('当前离线：填写的内容保存在本机')).toBeVisible();
		await openChangeForm(page);
		await expect(page.getByLabel('修改后企业名称')).toHaveValue('云南离线建设有限公司');
		await expect(chosenFiles(page, 'license').getByText('license.jpg')).toBeVisible();
		await page.getByLabel('修改后企业法人').fill('张离线');
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByText('修改申请：待同步')).toBeVisible();
		expect(await serverChanges(admin, e.record.id)).toHaveLength(0);

		await context.setOffline(false);
		const rec = await expectOneRecord(admin, e.record.id, '云南离线建设有限公司');
		expect(rec.legalRep).toBe('张离线');

		await page.goto('/drafts');
		await expect(page.getByText('没有草稿')).toBeVisible();
		await expect(page.getByRole('list', { name: '提交记录' }).getByText('已提交')).toBeVisible();
	});

	test('two tabs submitting the same draft at once make one record', async ({ page, context, admin, makeEnterprise, loginAs }) => {
		const e = await makeEnterprise();
		await loginAs(page, e);
		await openChangeForm(page);
		await fillChange(page, '双开建设有限公司');
		await page.waitForTimeout(600);

		const second = await context.newPage();
		await second.goto('/enterprise');
		await openChangeForm(second);
		await expect(second.getByLabel('修改后企业名称')).toHaveValue('双开建设有限公司');

		await context.setOffline(true);
		await Promise.all([
			page.getByRole('button', { name: '保存', exact: true }).click(),
			second.getByRole('button', { name: '保存', exact: true }).click()
		]);
		await expect(page.getByText('修改申请：待同步')).toBeVisible();
		await expect(second.getByText('修改申请：待同步')).toBeVisible();
		await context.setOffline(false);

		await expectOneRecord(admin, e.record.id, '双开建设有限公司');
		// Both tabs show the same outcome.
		for (const p of [page, second]) {
			await p.goto('/drafts');
			await expect(p.getByRole('list', { name: '提交记录' }).locator('[data-status]')).toHaveAttribute('data-status', 'done');
		}
		expect(await serverChanges(admin, e.record.id)).toHaveLength(1);
	});

	test("a refusal keeps the draft intact with the server's reason", async ({ page, context, admin, makeEnterprise, loginAs }) => {
		const e = await makeEnterprise();
		await loginAs(page, e);
		await openChangeForm(page);
		await fillChange(page, '被拒建设有限公司');
		await context.setOffline(true);
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByText('修改申请：待同步')).toBeVisible();

		// Meanwhile another request of this enterprise is already being handled.
		const scan = jpegOf(20, 'other.jpg');
		await admin.collection('enterprise_changes').create({
			enterprise: e.record.id,
			kind: ['企业名称修改'],
			name: '另一份申请有限公司',
			status: '已提交',
			license: new File([scan.buffer], scan.name, { type: scan.mimeType })
		});
		await context.setOffline(false);

		const refusal = page.getByRole('alert').filter({ hasText: /提交未成功：已有一份企业信息修改申请在办理中/ });
		await expect(refusal).toBeVisible({ timeout: 20_000 });
		// One 。 between sentences, never PocketBase's "." after Chinese.
		await expect(refusal).toHaveText(
			'提交未成功：已有一份企业信息修改申请在办理中，审核结束后再提交。填写的内容已保留，请按提示修改后再次提交。'
		);
		await page.reload();
		await page.goto('/drafts');
		await expect(page.getByRole('list', { name: '提交记录' }).getByText('失败')).toBeVisible();
		await expect(page.getByText('已有一份企业信息修改申请在办理中').first()).toBeVisible();
		await expect(page.getByText('企业信息修改').first()).toBeVisible();
		await expect(page.getByText(/1 个附件/)).toBeVisible();

		const records = await serverChanges(admin, e.record.id);
		expect(records.map((r) => r.name)).toEqual(['另一份申请有限公司']); // ours was refused, not created
	});

	test('an expired login at reconnect asks to log in again, then sends what was queued', async ({
		page,
		context,
		admin,
		makeEnterprise,
		loginAs
	}) => {
		const e = await makeEnterprise();
		await loginAs(page, e);
		await openChangeForm(page);
		await fillChange(page, '过期登录建设有限公司');
		await context.setOffline(true);
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByText('修改申请：待同步')).toBeVisible();

		// The password is changed elsewhere: every token of this account dies.
		const fresh = 'Anguan2026fresh';
		await admin.collection('enterprises').update(e.record.id, { password: fresh, passwordConfirm: fresh });
		await context.setOffline(false);

		await expect(page.getByText(/登录已过期/)).toBeVisible({ timeout: 20_000 });
		expect(await serverChanges(admin, e.record.id)).toHaveLength(0);
		await page.getByRole('link', { name: '重新登录' }).click();
		await expect(page).toHaveURL(/\/login/);
		await page.getByRole('radio', { name: '企业' }).check();
		await page.getByLabel('统一社会信用代码').fill(e.identity);
		await page.getByLabel('密码', { exact: true }).fill(fresh);
		await page.getByRole('button', { name: '登录' }).click();
		// A password set by the reviewer must be replaced first; the queue waits for it.
		await expect(page).toHaveURL(/\/password$/);
		expect(await serverChanges(admin, e.record.id)).toHaveLength(0);
		const mine = 'Anguan2026mine';
		await page.getByLabel('原密码').fill(fresh);
		await page.getByLabel('新密码', { exact: true }).fill(mine);
		await page.getByLabel('确认新密码').fill(mine);
		await page.getByRole('button', { name: '确认修改' }).click();

		await expectOneRecord(admin, e.record.id, '过期登录建设有限公司');
		expect(STRONG_PASSWORD).not.toBe(mine);
	});
});
