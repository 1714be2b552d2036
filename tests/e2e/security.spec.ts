import { test, expect, STRONG_PASSWORD } from './fixtures';

test.describe('登录与会话安全', () => {
	test('?next= only leads to a path of this site: //host is ignored and the login still works', async ({ page, makeApplicant }) => {
		const a = await makeApplicant();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto('/login?next=//evil.example/steal');
		await page.getByLabel('身份证号').fill(a.identity);
		await page.getByLabel('密码', { exact: true }).fill(a.password);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByRole('heading', { name: '您好，测试申请人' })).toBeVisible();
		expect(new URL(page.url()).origin).toBe(new URL(process.env.E2E_BASE_URL!).origin);
		expect(new URL(page.url()).pathname).toBe('/');
		await expect(page.getByText('invalid URL')).toHaveCount(0);
		expect(errors.filter((m) => /invalid URL/i.test(m))).toEqual([]);
	});

	test('a locked account is told on the login page how long to wait', async ({ page, makeApplicant }) => {
		const a = await makeApplicant();
		await page.goto('/login');
		await page.getByLabel('身份证号').fill(a.identity);
		for (let i = 0; i < 5; i++) {
			await page.getByLabel('密码', { exact: true }).fill(`wrong-guess-${i}`);
			await page.getByRole('button', { name: '登录' }).click();
			await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
		}
		await expect(page.getByRole('alert').filter({ hasText: '连续 5 次错误，账号已锁定，请 15 分钟后再试' })).toBeVisible();
		await page.getByLabel('密码', { exact: true }).fill(a.password);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByRole('alert').filter({ hasText: /密码错误次数过多，账号已锁定，请 1[45] 分钟后再试/ })).toBeVisible();
		await expect(page).toHaveURL(/\/login/);
	});

	test('a guessable new password is refused at the field before anything is sent', async ({ page, makeApplicant }) => {
		const a = await makeApplicant({ mustChangePassword: true });
		await page.goto('/login');
		await page.getByLabel('身份证号').fill(a.identity);
		await page.getByLabel('密码', { exact: true }).fill(a.password);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).toHaveURL(/\/password$/);
		let sent = 0;
		page.on('request', (r) => r.method() === 'PATCH' && sent++);
		await page.getByLabel('原密码').fill(a.password);
		await page.getByLabel('新密码', { exact: true }).fill(`Aa${a.password}`);
		await page.getByLabel('确认新密码').fill(`Aa${a.password}`);
		await page.getByRole('button', { name: '确认修改' }).click();
		await expect(page.getByText('新密码太容易被猜到')).toBeVisible();
		expect(sent).toBe(0);
		await page.getByLabel('新密码', { exact: true }).fill(STRONG_PASSWORD);
		await page.getByLabel('确认新密码').fill(STRONG_PASSWORD);
		await page.getByRole('button', { name: '确认修改' }).click();
		await expect(page).toHaveURL(/\/$/);
	});

	test('after 30 idle minutes the login ends with a Chinese explanation; activity keeps it', async ({ page, makeApplicant, loginAs }) => {
		await page.clock.install();
		await loginAs(page, await makeApplicant());
		await expect(page.getByRole('heading', { name: '您好，测试申请人' })).toBeVisible();
		await page.clock.fastForward('20:00');
		await page.getByRole('heading', { name: '您好，测试申请人' }).click();
		await page.clock.fastForward('20:00');
		await expect(page).not.toHaveURL(/\/login/);
		await page.clock.fastForward('11:00');
		await expect(page).toHaveURL(/\/login\?ended=idle/);
		await expect(page.getByText('您已超过 30 分钟没有操作，为保护您的信息已自动退出。本机的草稿已保留')).toBeVisible();
		await expect(page.getByRole('button', { name: '退出' })).toHaveCount(0);
	});

	test('退出所有设备 ends the login on another computer too', async ({ browser, page, makeApplicant, loginAs }) => {
		const a = await makeApplicant();
		const other = await browser.newContext();
		const elsewhere = await other.newPage();
		try {
			await loginAs(elsewhere, a);
			await loginAs(page, a);
			await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '修改密码' }).click();
			await page.getByRole('button', { name: '退出所有设备' }).click();
			await expect(page.getByRole('dialog', { name: '退出所有设备' })).toBeVisible();
			await page.getByRole('button', { name: '确认退出所有设备' }).click();
			await expect(page).toHaveURL(/\/login/);

			// The other computer finds out when it is next used.
			await elsewhere.reload();
			await expect(elsewhere).toHaveURL(/\/login\?ended=ended/);
			await expect(elsewhere.getByText('您的登录已结束')).toBeVisible();
		} finally {
			await other.close();
		}
	});
});
