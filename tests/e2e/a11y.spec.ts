/**
 * Every page and dialog (a11y-pages.ts), in normal mode and in 长者模式, one
 * browser context each:
 * - axe-core at 360 and 1366 px: no violation of any impact;
 * - reflow (WCAG 1.4.4 / 1.4.10) at 320 CSS px and at 200 % text on a 360 px
 *   phone: nothing scrolls sideways (the page, or a box inside it) and no text
 *   sits in a box narrower than its first two characters.
 * And 我的证书 at 1366 px with 操作状态 and 操作 in view; 长者模式 itself: one tap
 * in the header, 18 px text and 60 px targets, remembered per device, still
 * working where the browser blocks site data.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT } from '../support/pocketbase';
import { validJpeg } from './photo-images';
import { contextFor, MODES, openCase, PAGES, reflowProblems, setUpAccounts, type Accounts } from './a11y-pages';

let accounts: Accounts;
const base = () => process.env.E2E_BASE_URL!;

test.beforeAll(async ({ browser }) => {
	accounts = await setUpAccounts(browser, base());
});

/** axe-core's findings on the page as it stands (axe is injected into every page of the context: see contextFor). */
async function violations(page: Page) {
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run: (
						ctx: Document,
						o: object
					) => Promise<{
						violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
					}>;
				};
			}
		).axe;
		return (await axe.run(document, { resultTypes: ['violations'] })).violations;
	});
	return violations.map(
		(v) =>
			`${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('\n')}`
	);
}

for (const c of PAGES) {
	for (const mode of MODES) {
		test(`${c.name} (${mode === 'elder' ? '长者模式' : '普通模式'}): axe at 360 and 1366 px, reflow at 320 px and 200 % text`, async ({
			browser
		}) => {
			const context = await contextFor(browser, base(), accounts, c.who, mode, 360);
			try {
				const page = await openCase(context, accounts, c, mode);
				expect(await violations(page), 'axe at 360 px').toEqual([]);
				await page.setViewportSize({ width: 1366, height: 800 });
				expect(await violations(page), 'axe at 1366 px').toEqual([]);
				await page.setViewportSize({ width: 320, height: 800 });
				expect(await reflowProblems(page), 'reflow at 320 px').toEqual([]);
				await page.setViewportSize({ width: 360, height: 800 });
				// The browser's text size at 200 %: rem and em scale with the root font size.
				await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
				expect(await reflowProblems(page), 'reflow at 200 % text, 360 px').toEqual([]);
				if (mode === 'elder') await page.screenshot({ path: join(ROOT, `tests/.tmp/elder-${c.name}-200pct.png`), fullPage: true });
			} finally {
				await context.close();
			}
		});
	}
}

for (const mode of MODES) {
	test(`我的证书 at 1366 px (${mode === 'elder' ? '长者模式' : '普通模式'}): 操作状态 and 操作 visible without scrolling`, async ({
		browser
	}) => {
		const context = await contextFor(browser, base(), accounts, 'applicant', mode, 1366);
		try {
			const page = await context.newPage();
			await page.goto('/certificates');
			const row = page.locator(`tr[data-certificate="${accounts.applicant.certId}"]`);
			await expect(row.getByRole('link', { name: '延续申请' })).toBeVisible();
			const view = await page.evaluate(() => ({
				width: document.documentElement.clientWidth,
				scroll: document.documentElement.scrollWidth
			}));
			expect(view.scroll).toBeLessThanOrEqual(view.width);
			for (const cell of [
				page.getByRole('columnheader', { name: '操作状态' }),
				page.getByRole('columnheader', { name: '操作', exact: true }),
				row.locator('.op'),
				row.getByRole('button', { name: '查看' }),
				row.getByRole('link', { name: '延续申请' })
			]) {
				await expect(cell).toBeInViewport();
				const box = (await cell.boundingBox())!;
				expect(box.x + box.width, 'inside the window').toBeLessThanOrEqual(view.width);
			}
			// No box on the way scrolls sideways to hide a column.
			expect(
				await page.locator('table').evaluate((t) => {
					for (let a: Element | null = t; a; a = a.parentElement) if (a.scrollWidth > a.clientWidth + 1) return false;
					return true;
				})
			).toBe(true);
			// The folded columns are still there, on the certificate's second line.
			const more = page.locator('tbody', { has: row }).locator('.more');
			await expect(more.getByText('王秀英')).toBeVisible();
			await expect(more.getByText('首次发证日期')).toBeVisible();
			await page.screenshot({ path: join(ROOT, `tests/.tmp/certificates-1366-${mode}.png`) });
		} finally {
			await context.close();
		}
	});
}

test.describe('长者模式', () => {
	test('one tap in the header: larger text and targets, remembered on this device', async ({ browser }) => {
		const context = await contextFor(browser, base(), accounts, 'applicant', 'normal', 360);
		const page = await context.newPage();
		await page.goto('/profile');
		const toggle = page.getByRole('banner').getByRole('button', { name: '长者模式' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		const bodySize = () =>
			page
				.locator('main p, main dd')
				.first()
				.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(await bodySize()).toBeLessThan(18);

		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		expect(await bodySize()).toBeGreaterThanOrEqual(18);
		expect((await toggle.boundingBox())!.height).toBeGreaterThanOrEqual(60);
		expect((await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').first().boundingBox())!.height).toBeGreaterThanOrEqual(
			60
		);
		await page.screenshot({ path: join(ROOT, 'tests/.tmp/elder-profile-360.png'), fullPage: true });

		await page.reload();
		await expect(page.getByRole('banner').getByRole('button', { name: '长者模式' })).toHaveAttribute('aria-pressed', 'true');
		await page.getByRole('banner').getByRole('button', { name: '长者模式' }).click();
		await page.reload();
		await expect(page.getByRole('banner').getByRole('button', { name: '长者模式' })).toHaveAttribute('aria-pressed', 'false');
		await context.close();
	});

	test('where the browser blocks site data the switch still works for the page', async ({ browser }) => {
		const context = await browser.newContext({ baseURL: base(), serviceWorkers: 'block' });
		await context.addInitScript(() => {
			Object.defineProperty(window, 'localStorage', {
				get() {
					throw new DOMException('Access is denied for this document.', 'SecurityError');
				}
			});
		});
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto('/login');
		const toggle = page.getByRole('button', { name: '长者模式' });
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
		expect(errors).toEqual([]);
		await context.close();
	});
});

test.describe('forms for screen readers and phones', () => {
	test('变更申请: focus stays after picking an employer by keyboard; one alert per submit, focus on the first field, its message tied to it; required marked', async ({
		browser
	}) => {
		const context = await contextFor(browser, base(), accounts, 'applicant', 'normal', 1366);
		const page = await context.newPage();
		await page.goto(`/apply/${accounts.applicant.certId}?kind=变更`);
		const search = page.getByLabel('变更后工作单位');
		await search.fill('云南滇源');
		const result = page.getByRole('list', { name: '搜索结果' }).getByRole('button').first();
		await expect(result).toBeVisible();
		await search.press('Tab');
		await expect(result).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByText('已选择：云南滇源')).toBeVisible();
		await expect(search).toBeFocused();

		await page.getByRole('button', { name: '变更申请' }).click();
		await expect(page.getByText(/还有 \d+ 项需要修改/)).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(1);
		await expect(page.getByRole('alert')).toHaveText(/还有 \d+ 项需要修改/);
		const focused = page.locator(':focus');
		await expect(focused).toHaveAttribute('aria-invalid', 'true');
		const described = await focused.evaluate((el) =>
			(el.getAttribute('aria-describedby') ?? '')
				.split(' ')
				.map((id) => document.getElementById(id)?.textContent ?? '')
				.join(' ')
		);
		expect(described).toMatch(/请/);
		await expect(page.getByLabel('承诺书')).toHaveAttribute('aria-required', 'true');
		await expect(page.getByLabel('变更后姓名')).toHaveAttribute('aria-required', 'true');
		await context.close();
	});

	test('修改密码: one alert per submit, focus on the first field, its message tied to it', async ({ browser }) => {
		const context = await contextFor(browser, base(), accounts, 'applicant', 'normal', 1366);
		const page = await context.newPage();
		await page.goto('/password');
		await page.getByRole('button', { name: '确认修改' }).click();
		await expect(page.getByRole('alert')).toHaveCount(1);
		await expect(page.getByRole('alert')).toHaveText(/还有 \d+ 项需要修改/);
		const old = page.getByLabel('原密码');
		await expect(old).toBeFocused();
		await expect(old).toHaveAttribute('aria-required', 'true');
		await expect(old).toHaveAccessibleDescription('请输入原密码');
		// One thing wrong: its own message is the alert.
		await old.fill('Old-pass-2026');
		await page.getByLabel('新密码', { exact: true }).fill('Anguan-Yunnan-2026');
		await page.getByLabel('确认新密码').fill('Anguan-Yunnan-2027');
		await page.getByRole('button', { name: '确认修改' }).click();
		await expect(page.getByRole('alert')).toHaveCount(1);
		await expect(page.getByRole('alert')).toHaveText('两次输入的新密码不一致');
		await expect(page.getByLabel('确认新密码')).toBeFocused();
		await context.close();
	});

	test('企业名称修改: a new licence scan is marked required once the registration changes', async ({ browser }) => {
		const context = await contextFor(browser, base(), accounts, 'enterprise', 'normal', 1366);
		const page = await context.newPage();
		await page.goto('/enterprise');
		await page.getByRole('button', { name: '修改附件' }).click();
		const licence = page.getByLabel('修改后信用代码证件');
		await expect(licence).not.toHaveAttribute('aria-required', 'true');
		await page.getByLabel('修改后企业名称').fill('云南新名称建设有限公司');
		await expect(licence).toHaveAttribute('aria-required', 'true');
		await expect(page.getByLabel('修改后资质证件')).not.toHaveAttribute('aria-required', 'true');
		await page.getByRole('button', { name: '取消' }).click();
		await context.close();
	});

	test('attachments on a phone: 拍照 / 从相册选择 / 选择文件 in Chinese, then the file name, size and preview', async ({ browser }) => {
		const context = await contextFor(browser, base(), accounts, 'applicant', 'elder', 360, true);
		const page = await context.newPage();
		await page.goto(`/apply/${accounts.applicant.certId}?kind=变更`);
		const field = page.locator('[data-field="applicationForm"]');
		for (const name of ['拍照', '从相册选择', '选择文件']) await expect(field.getByText(name, { exact: true })).toBeVisible();
		await expect(field.getByText('未选择文件')).toBeVisible();
		await expect(field.getByLabel('拍照')).toHaveAttribute('capture', 'environment');
		await expect(field.getByLabel('从相册选择')).not.toHaveAttribute('multiple', /.*/);
		await field.getByLabel('拍照').setInputFiles({ name: '申请表照片页.jpg', mimeType: 'image/jpeg', buffer: validJpeg(800, 600) });
		const chosen = field.getByRole('list', { name: '已选择的文件' });
		await expect(chosen.getByText('申请表照片页.jpg')).toBeVisible();
		await expect(chosen.getByText(/\d+(\.\d+)? KB/)).toBeVisible();
		await expect(chosen.getByRole('img', { name: /申请表 第 1 个文件预览/ })).toBeVisible();
		await expect(field.getByText('已选择 1 个文件')).toBeVisible();
		expect(await violations(page), 'axe with the phone pickers and a preview').toEqual([]);
		await context.close();
	});
});

test.describe('login help and 添加到主屏幕', () => {
	test('忘记密码 says whom to call and what the reviewer does', async ({ browser }) => {
		const context = await contextFor(browser, base(), accounts, 'guest', 'normal', 360);
		const page = await context.newPage();
		await page.goto('/login');
		await page.getByText('忘记密码？').click();
		await expect(page.getByRole('link', { name: /^0871-/ }).first()).toBeVisible();
		await expect(page.getByText(/把密码重置为默认密码（身份证号后六位）/)).toBeVisible();
		await page.getByRole('radio', { name: '企业' }).check();
		await expect(page.getByText(/把密码重置为默认密码（统一社会信用代码后六位）/)).toBeVisible();
		await context.close();
	});

	const AGENTS = {
		'WeChat on iOS': [
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
			/在 Safari 中打开/
		],
		'iOS Safari': [
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
			/选择 “添加到主屏幕”/
		],
		'Huawei Browser': [
			'Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36',
			/点华为浏览器的 菜单/
		]
	} as const;
	for (const [who, [userAgent, says]] of Object.entries(AGENTS)) {
		test(`the 添加到主屏幕 guide in ${who}`, async ({ browser }) => {
			const context = await browser.newContext({
				baseURL: base(),
				serviceWorkers: 'block',
				userAgent,
				viewport: { width: 360, height: 740 }
			});
			const page = await context.newPage();
			await page.goto('/login');
			await page.getByText('添加到主屏幕', { exact: true }).click();
			await expect(page.getByText(says)).toBeVisible();
			await context.close();
		});
	}
});
