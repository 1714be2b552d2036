/**
 * Restricted browsers, tried as a new user would: every form, in each way a
 * browser can refuse to keep data, says in Chinese where the person acted
 * what happened, loses nothing that was typed (it reaches the server straight
 * away when online), and 退出 logs out for good.
 *
 * How each failure is made in Chromium:
 * - site data blocked: a real browser setting — a profile whose preferences
 *   block all site data (profile.default_content_setting_values.cookies = 2,
 *   what "不允许网站保存数据" writes). localStorage then throws SecurityError,
 *   IndexedDB fails asynchronously (UnknownError), service workers refuse.
 * - IndexedDB throwing synchronously: an init script makes indexedDB.open
 *   throw SecurityError, as some embedded browsers do.
 * - IndexedDB failing asynchronously: an init script makes indexedDB.open's
 *   request fire an InvalidStateError, as Firefox's private windows did.
 * - quota exceeded: DevTools' Storage.overrideQuotaForOrigin gives the origin
 *   a few bytes, so every IndexedDB write aborts with QuotaExceededError.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { ROOT } from '../support/pocketbase';
import { test, expect, type TestAccount } from './fixtures';
import { jpegOf } from './offline-helpers';
import { validJpeg } from './photo-images';

type Mode = 'site data blocked' | 'IndexedDB throws' | 'IndexedDB fails later' | 'quota exceeded';

/** What the layout says at start, and the cause a form names. */
const SAID: Record<Mode, { notice: string; cause: string }> = {
	'site data blocked': { notice: '此浏览器禁止本网站保存数据', cause: '此浏览器不允许本网站在本机保存数据' },
	'IndexedDB throws': { notice: '此浏览器不允许本网站在本机保存草稿', cause: '此浏览器不允许本网站在本机保存数据' },
	'IndexedDB fails later': { notice: '此浏览器不允许本网站在本机保存草稿', cause: '此浏览器不允许本网站在本机保存数据' },
	'quota exceeded': { notice: '本机存储空间已满', cause: '本机存储空间不足' }
};

const THROWS = () => {
	IDBFactory.prototype.open = function () {
		throw new DOMException('The operation is insecure.', 'SecurityError');
	};
};

const FAILS_LATER = () => {
	IDBFactory.prototype.open = function () {
		const req = { result: undefined, error: null as DOMException | null, readyState: 'pending', transaction: null, source: null } as Record<
			string,
			unknown
		>;
		setTimeout(() => {
			req.readyState = 'done';
			req.error = new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
			(req.onerror as ((e: unknown) => void) | null)?.({ type: 'error', target: req, preventDefault() {}, stopPropagation() {} });
		}, 20);
		return req as unknown as IDBOpenDBRequest;
	};
};

/** A browser context that keeps data the way `mode` says. */
async function restricted(
	mode: Mode,
	baseURL: string,
	newContext: () => Promise<BrowserContext>
): Promise<{ page: Page; close: () => Promise<void> }> {
	const common = { baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
	if (mode === 'site data blocked') {
		const dir = mkdtempSync(join(ROOT, 'tests/.tmp/profile-'));
		mkdirSync(join(dir, 'Default'));
		writeFileSync(join(dir, 'Default/Preferences'), JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }));
		const context = await chromium.launchPersistentContext(dir, {
			...common,
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: CHROMIUM_ARGS
		});
		return {
			page: context.pages()[0] ?? (await context.newPage()),
			close: async () => {
				await context.close();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	const context = await newContext();
	if (mode === 'IndexedDB throws') await context.addInitScript(THROWS);
	if (mode === 'IndexedDB fails later') await context.addInitScript(FAILS_LATER);
	const page = await context.newPage();
	if (mode === 'quota exceeded') {
		// Same origin, not the app: the quota is in place before the app writes anything.
		await page.goto('/api/health');
		const cdp = await context.newCDPSession(page);
		await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL).origin, quotaSize: 1 });
	}
	return { page, close: () => context.close() };
}

async function startAndLogIn(page: Page, mode: Mode, account: TestAccount) {
	await page.goto('/login');
	// The app starts, and says what is missing and what still works.
	const notice = page.getByRole('status', { name: '本机存储提示' });
	await expect(notice).toContainText(SAID[mode].notice);
	await expect(notice).toContainText('仍可');
	await expect(page.getByText('Internal Error')).toHaveCount(0);
	if (account.kind === 'enterprise') await page.getByRole('radio', { name: '企业' }).check();
	await page.getByLabel(account.kind === 'enterprise' ? '统一社会信用代码' : '身份证号').fill(account.identity);
	await page.getByLabel('密码', { exact: true }).fill(account.password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** In-app navigation: where site data is blocked the login lives in this page only, so no reloads. */
const menu = (page: Page, name: string) =>
	page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name, exact: true }).click();

/** The form's own words that this device keeps nothing, and that what was typed stays on the page. */
async function expectKeptOnPage(form: ReturnType<Page['locator']>, mode: Mode) {
	const alert = form.getByRole('alert').filter({ hasText: SAID[mode].cause });
	await expect(alert).toContainText('填写的内容仍在本页');
}

async function logOutForGood(page: Page, mode: Mode) {
	await page.getByRole('button', { name: '退出' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.reload();
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByRole('button', { name: '退出' })).toHaveCount(0);
	if (mode !== 'site data blocked') expect(await page.evaluate(() => localStorage.getItem('anguan_auth'))).toBeNull();
}

function pdf(name: string) {
	const body =
		'%PDF-1.4\n1 0 obj<</Type /Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type /Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type /Page/Parent 2 0 R>>endobj\n%' +
		'x'.repeat(20_000) +
		'\n%%EOF\n';
	return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'latin1') };
}

async function serverApplication(admin: PocketBase, applicantId: string) {
	return (await admin.collection('cert_applications').getFullList({ filter: admin.filter('applicant = {:id}', { id: applicantId }) }))[0];
}

const MODES: Mode[] = ['site data blocked', 'IndexedDB throws', 'IndexedDB fails later', 'quota exceeded'];

for (const mode of MODES) {
	test.describe(`本机存储不可用：${mode}`, () => {
		test('an applicant: 手机号码, 证件照片, 变更申请 — said in place, nothing lost, 退出 works', async ({
			browser,
			baseURL,
			admin,
			makeApplicant,
			makeEnterprise
		}) => {
			test.setTimeout(120_000);
			const employer = `云南存储测试${Date.now() % 100000}建设有限公司`;
			await makeEnterprise({ data: { name: employer } });
			const a = await makeApplicant({ certificate: { category: 'C2', certNo: '' } });
			const { page, close } = await restricted(mode, baseURL!, () => browser.newContext());
			try {
				await startAndLogIn(page, mode, a);

				// 个人信息 → 手机号码: typed, not kept on the device, saved straight to the server.
				await menu(page, '个人信息');
				const phone = page.getByRole('region', { name: '联系电话' });
				await phone.getByLabel('手机号码').fill('13800000001');
				await expectKeptOnPage(phone, mode);
				await phone.getByRole('button', { name: '保存手机号码' }).click();
				await expect(phone.getByRole('status')).toContainText('手机号码：已保存。本机无法保存草稿，已直接提交到服务器');
				await expect.poll(async () => (await admin.collection('applicants').getOne(a.record.id)).phone).toBe('13800000001');

				// 证件照片: the tool names the real cause, not the phone's storage.
				await menu(page, '证件照片');
				await page.getByLabel('打开文件').setInputFiles({ name: 'figure.jpg', mimeType: 'image/jpeg', buffer: validJpeg() });
				await expect(page.getByAltText('裁剪结果')).toBeVisible({ timeout: 30_000 });
				const confirm = page.getByLabel('我已知晓上述问题，仍使用此照片');
				if (await confirm.isVisible()) await confirm.check();
				await page.getByRole('button', { name: '保存并使用' }).click();
				const failed = page.getByRole('alert').filter({ hasText: '保存失败' });
				await expect(failed).toContainText(SAID[mode].cause);
				if (mode !== 'quota exceeded') await expect(failed).not.toContainText('手机存储空间');

				// 变更申请: every value and scan reaches the server in one go.
				await menu(page, '证书申领');
				await page.getByRole('link', { name: '变更申请' }).click();
				await page.getByLabel('变更后姓名').fill('李存储');
				const form = page.locator('form');
				await expectKeptOnPage(form, mode);
				await page.getByLabel('变更后技术职称').fill('工程师');
				await page.getByLabel('变更后职位').fill('项目安全负责人');
				await page.getByLabel('变更后工作单位').fill(employer.slice(0, 8));
				await page.getByRole('button', { name: new RegExp(employer) }).click();
				await page.getByLabel('身份证国徽面扫描件').setInputFiles(pdf('国徽面.pdf'));
				await page.getByLabel('身份证姓名面扫描件').setInputFiles(pdf('姓名面.pdf'));
				await page.getByLabel('承诺书').setInputFiles(pdf('承诺书.pdf'));
				await page.getByLabel('申请表').setInputFiles([pdf('照片页.pdf'), pdf('签章页.pdf')]);
				await page.getByLabel('劳动合同和社保附件').setInputFiles(pdf('社保证明.pdf'));
				await page.getByRole('button', { name: '变更申请' }).click();
				await expect(form.getByRole('status').filter({ hasText: '变更申请：已提交' })).toContainText('已直接提交到服务器');
				const sent = await serverApplication(admin, a.record.id);
				expect(sent).toMatchObject({ status: '已提交', name: '李存储', title: '工程师', position: '项目安全负责人' });
				expect(sent.applicationForm).toHaveLength(2);

				await logOutForGood(page, mode);
			} finally {
				await close();
			}
		});

		test('an enterprise: 联系方式 (offline first), 企业信息修改 — said in place, nothing lost, 退出 works', async ({
			browser,
			baseURL,
			admin,
			makeEnterprise
		}) => {
			test.setTimeout(90_000);
			const e = await makeEnterprise();
			const { page, close } = await restricted(mode, baseURL!, () => browser.newContext());
			try {
				await startAndLogIn(page, mode, e);
				await expect(page.getByRole('heading', { name: '企业信息' })).toBeVisible();

				// 联系方式 while offline: nowhere to keep it, so the form says to connect first; the number stays typed.
				const contact = page.getByRole('region', { name: '联系方式' });
				await contact.getByLabel('联系人').fill('周工');
				await contact.getByLabel('联系电话').fill('0871-60000123');
				await expectKeptOnPage(contact, mode);
				await page.context().setOffline(true);
				await contact.getByRole('button', { name: '保存联系方式' }).click();
				await expect(contact.getByRole('alert').filter({ hasText: '当前离线' })).toContainText('请联网后再点击“保存联系方式”');
				await expect(contact.getByLabel('联系电话')).toHaveValue('0871-60000123');
				await page.context().setOffline(false);
				await contact.getByRole('button', { name: '保存联系方式' }).click();
				await expect(contact.getByRole('status')).toContainText('联系方式：已保存。本机无法保存草稿，已直接提交到服务器');
				await expect.poll(async () => (await admin.collection('enterprises').getOne(e.record.id)).contactPhone).toBe('0871-60000123');
				expect((await admin.collection('enterprises').getOne(e.record.id)).contactName).toBe('周工');

				// 企业信息修改: the request and its scan reach the server; the page says so after the form closes.
				await page.getByRole('button', { name: '修改附件' }).click();
				await page.getByLabel('修改后企业名称').fill('云南存储受限建设有限公司');
				await expectKeptOnPage(page.getByRole('region', { name: '企业名称修改' }), mode);
				await page.getByLabel('修改后信用代码证件').setInputFiles(jpegOf(30));
				await page.getByRole('button', { name: '保存', exact: true }).click();
				await expect(page.getByRole('status').filter({ hasText: '修改申请：已提交' })).toContainText('已直接提交到服务器');
				await expect(page.getByRole('region', { name: '修改记录' }).getByText('已提交')).toBeVisible();
				const [request] = await admin
					.collection('enterprise_changes')
					.getFullList({ filter: admin.filter('enterprise = {:id}', { id: e.record.id }) });
				expect(request).toMatchObject({ name: '云南存储受限建设有限公司', status: '已提交' });
				expect(request.license).toMatch(/\.jpg$/);

				await logOutForGood(page, mode);
			} finally {
				await close();
			}
		});
	});
}
