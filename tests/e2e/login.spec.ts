import { test, expect, STRONG_PASSWORD } from './fixtures';

test.describe('登录', () => {
	test('an applicant logs in with the default password, must change it, then reaches the home page', async ({ page, makeApplicant }) => {
		const a = await makeApplicant({ mustChangePassword: true });
		await page.goto('/');
		await expect(page).toHaveURL(/\/login/);
		await page.getByLabel('身份证号').fill(a.identity);
		await page.getByLabel('密码', { exact: true }).fill(a.identity.slice(-6));
		await page.getByRole('button', { name: '登录' }).click();

		await expect(page).toHaveURL(/\/password$/);
		await expect(page.getByText('首次登录请先修改默认密码')).toBeVisible();
		// Nothing else is reachable before the change.
		await page.goto('/certificates');
		await expect(page).toHaveURL(/\/password$/);

		await page.getByLabel('原密码').fill(a.identity.slice(-6));
		await page.getByLabel('新密码', { exact: true }).fill('short1');
		await page.getByLabel('确认新密码').fill('short1');
		await page.getByRole('button', { name: '确认修改' }).click();
		await expect(page.getByText('新密码至少 8 位')).toBeVisible();

		await page.getByLabel('新密码', { exact: true }).fill(STRONG_PASSWORD);
		await page.getByLabel('确认新密码').fill(STRONG_PASSWORD);
		await page.getByRole('button', { name: '确认修改' }).click();
		// "密码已修改" shows for a moment, then the home page opens.
		await expect(page).toHaveURL(/\/$/);
		await expect(page.getByRole('heading', { name: '您好，测试申请人' })).toBeVisible();
		await expect(page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '我的证书' })).toBeVisible();

		// The new password is the one that works from now on.
		await page.getByRole('button', { name: '退出' }).click();
		await page.getByLabel('身份证号').fill(a.identity);
		await page.getByLabel('密码', { exact: true }).fill(a.identity.slice(-6));
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByRole('alert').filter({ hasText: '身份证号或密码错误' })).toBeVisible();
	});

	test('an enterprise logs in with its credit code and lands on 企业信息', async ({ page, makeEnterprise }) => {
		const e = await makeEnterprise({ mustChangePassword: true });
		await page.goto('/login');
		await page.getByRole('radio', { name: '企业' }).check();
		await page.getByLabel('统一社会信用代码').fill(e.identity);
		await page.getByLabel('密码', { exact: true }).fill(e.identity.slice(-6));
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).toHaveURL(/\/password$/);
		await page.getByLabel('原密码').fill(e.identity.slice(-6));
		await page.getByLabel('新密码', { exact: true }).fill(STRONG_PASSWORD);
		await page.getByLabel('确认新密码').fill(STRONG_PASSWORD);
		await page.getByRole('button', { name: '确认修改' }).click();
		await expect(page).toHaveURL(/\/enterprise$/);
		await expect(page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '企业信息' })).toBeVisible();
	});

	test('a malformed ID number or credit code is explained at the field, before anything is sent', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('身份证号').fill('11010519491231002Y');
		await page.getByLabel('密码', { exact: true }).fill('123456');
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByText('身份证号前17位应为数字，最后一位为数字或X')).toBeVisible();
		await page.getByLabel('身份证号').fill('110105194912310021');
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByText('身份证号校验位不正确，请核对后重新输入')).toBeVisible();
		await page.getByRole('radio', { name: '企业' }).check();
		await page.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByText('统一社会信用代码校验位不正确，请核对后重新输入')).toBeVisible();
		await expect(page).toHaveURL(/\/login/);
	});

	test('the seeded demo accounts log in with the printed default passwords', async ({ page }) => {
		const { DEMO_APPLICANTS, DEMO_ENTERPRISES } = await import('../../scripts/seed.js');
		await page.goto('/login');
		await page.getByLabel('身份证号').fill(DEMO_APPLICANTS[0].idNumber);
		await page.getByLabel('密码', { exact: true }).fill(DEMO_APPLICANTS[0].idNumber.slice(-6));
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).toHaveURL(/\/password$/);
		await page.getByRole('button', { name: '退出' }).click();
		await page.getByRole('radio', { name: '企业' }).check();
		await page.getByLabel('统一社会信用代码').fill(DEMO_ENTERPRISES[0].uscc);
		await page.getByLabel('密码', { exact: true }).fill(DEMO_ENTERPRISES[0].uscc.slice(-6));
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).toHaveURL(/\/password$/);
	});

	test('the shell fits a 360 px phone without horizontal scrolling', async ({ page, makeApplicant, loginAs }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await loginAs(page, await makeApplicant());
		await expect(page.getByRole('heading', { name: '您好，测试申请人' })).toBeVisible();
		await expect(page.getByText('考核管理部门: 0871-65177922')).toBeVisible();
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
});
