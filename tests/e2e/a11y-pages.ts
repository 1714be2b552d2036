/**
 * Every page and dialog of the app, for the accessibility and reflow suites:
 * one applicant (with a renewable certificate and an issued e-certificate) and
 * one enterprise, logged in once; each page/mode gets its own browser context
 * from that saved login, service workers off (they would only precache).
 */
import { createRequire } from 'node:module';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import * as d from '../../src/lib/domain';
import { superuserClient } from '../support/pocketbase';
import { STRONG_PASSWORD, uniqueCreditCode, uniqueIdNumber } from '../support/identities';
import { validJpeg } from './photo-images';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export type Mode = 'normal' | 'elder';
export const MODES: Mode[] = ['normal', 'elder'];
type Who = 'guest' | 'applicant' | 'enterprise';

export interface Accounts {
	applicant: { identity: string; certId: string; ecertId: string; state: string };
	enterprise: { identity: string; state: string };
}

export interface PageCase {
	name: string;
	who: Who;
	path: (a: Accounts) => string;
	/** brings the page into the state to check (a dialog open, errors shown) */
	ready: (page: Page) => Promise<void>;
}

const heading = (name: string | RegExp) => async (page: Page) => {
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
};

export const PAGES: PageCase[] = [
	{
		name: '登录·忘记密码·添加到主屏幕',
		who: 'guest',
		path: () => '/login',
		ready: async (p) => {
			await p.getByText('忘记密码？').click();
			await p.getByText('添加到主屏幕', { exact: true }).click();
			await expect(p.getByText(/审核人员核实身份后/)).toBeVisible();
		}
	},
	{ name: '证书核验', who: 'guest', path: () => '/verify', ready: heading(/核验/) },
	{
		name: '首页',
		who: 'applicant',
		path: () => '/',
		ready: async (p) => void (await expect(p.getByRole('navigation', { name: '主菜单' })).toBeVisible())
	},
	{ name: '个人信息', who: 'applicant', path: () => '/profile', ready: heading('个人信息') },
	{ name: '证件照片', who: 'applicant', path: () => '/photo', ready: heading(/照片/) },
	{
		name: '证件照片·裁剪',
		who: 'applicant',
		path: () => '/photo',
		ready: async (p) => {
			await p.getByLabel('打开文件').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: validJpeg(800, 600) });
			await expect(p.getByAltText('裁剪结果')).toBeVisible({ timeout: 30_000 });
		}
	},
	{
		name: '修改密码·退出所有设备',
		who: 'applicant',
		path: () => '/password',
		ready: async (p) => {
			await p.getByRole('button', { name: '退出所有设备' }).click();
			await expect(p.getByRole('dialog')).toBeVisible();
		}
	},
	{ name: '证书申领', who: 'applicant', path: () => '/apply', ready: heading(/申领/) },
	{
		name: '变更申请·提交后的错误',
		who: 'applicant',
		path: (a) => `/apply/${a.applicant.certId}?kind=变更`,
		ready: async (p) => {
			await p.getByLabel('变更后工作单位').fill('云南滇源');
			await expect(p.getByRole('list', { name: '搜索结果' })).toBeVisible();
			await p.getByRole('button', { name: '变更申请' }).click();
			await expect(p.locator('[aria-invalid="true"]').first()).toBeVisible();
		}
	},
	{ name: '延续申请', who: 'applicant', path: (a) => `/apply/${a.applicant.certId}?kind=延续`, ready: heading(/延续/) },
	{
		name: '我的证书·查看',
		who: 'applicant',
		path: () => '/certificates',
		ready: async (p) => {
			await p.getByRole('button', { name: '查看' }).first().click();
			await expect(p.getByText('有效期结束时间').nth(1)).toBeVisible();
		}
	},
	{
		name: '电子证书',
		who: 'applicant',
		path: (a) => `/certificates/${a.applicant.ecertId}`,
		ready: async (p) => void (await expect(p.getByRole('article', { name: '电子证书' })).toBeVisible())
	},
	{ name: '草稿与同步', who: 'applicant', path: () => '/drafts', ready: heading(/草稿/) },
	{
		name: '企业信息·修改附件',
		who: 'enterprise',
		path: () => '/enterprise',
		ready: async (p) => {
			await p.getByRole('button', { name: '修改附件' }).click();
			await expect(p.getByRole('heading', { name: '企业名称修改' })).toBeVisible();
		}
	}
];

/** A long company name: the header must still show the app's title in a readable column. */
const LONG_NAME = '云南省滇中新区建设工程集团第三建筑安装工程有限责任公司昆明分公司';

export async function setUpAccounts(browser: Browser, baseURL: string): Promise<Accounts> {
	const admin = await superuserClient(baseURL);
	const directory = await admin.collection('enterprises').getList(1, 1, { sort: 'created' });
	const idNumber = uniqueIdNumber();
	const person = await admin.collection('applicants').create({
		idNumber,
		name: '王秀英',
		gender: '女',
		title: '工程师',
		position: '安全员',
		enterprise: directory.items[0]?.id ?? '',
		photo: new File([validJpeg(600, 780)], 'photo.jpg', { type: 'image/jpeg' }),
		password: STRONG_PASSWORD,
		passwordConfirm: STRONG_PASSWORD,
		mustChangePassword: false
	});
	const holder = { holder: person.id, status: '有效', firstIssued: '2023-07-01', enterprise: person.enterprise };
	// Inside its renewal window: the countdown and 延续申请 show.
	const cert = await admin.collection('certificates').create({
		...holder,
		category: 'C2',
		validUntil: d.addDays(d.chinaDay(), 60),
		certNo: d.formatCertNo({ category: 'C2', year: 2023, serial: 7000000 + (Date.now() % 999999) })
	});
	const ecert = await admin.collection('certificates').create({
		...holder,
		category: 'B',
		validUntil: d.addYears(d.chinaDay(), 2),
		ecertIssuedAt: new Date().toISOString(),
		certNo: d.formatCertNo({ category: 'B', year: 2024, serial: 7000000 + (Date.now() % 999983) })
	});
	const uscc = uniqueCreditCode();
	await admin.collection('enterprises').create({
		uscc,
		name: LONG_NAME,
		regCity: '昆明市',
		password: STRONG_PASSWORD,
		passwordConfirm: STRONG_PASSWORD,
		mustChangePassword: false
	});

	const state = async (kind: 'applicant' | 'enterprise', identity: string) => {
		const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
		const page = await context.newPage();
		await page.goto('/login');
		if (kind === 'enterprise') await page.getByRole('radio', { name: '企业' }).check();
		await page.getByLabel(kind === 'enterprise' ? '统一社会信用代码' : '身份证号').fill(identity);
		await page.getByLabel('密码', { exact: true }).fill(STRONG_PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).not.toHaveURL(/\/login/);
		const saved = JSON.stringify(await context.storageState());
		await context.close();
		return saved;
	};
	return {
		applicant: { identity: idNumber, certId: cert.id, ecertId: ecert.id, state: await state('applicant', idNumber) },
		enterprise: { identity: uscc, state: await state('enterprise', uscc) }
	};
}

/** A context for one page in one mode: logged in as needed, 长者模式 chosen on this device beforehand. */
export async function contextFor(
	browser: Browser,
	baseURL: string,
	accounts: Accounts,
	who: Who,
	mode: Mode,
	width: number,
	phone = false
): Promise<BrowserContext> {
	const context = await browser.newContext({
		// A touch phone: (pointer: coarse) holds, so the attachment fields offer 拍照 and 从相册选择.
		...(phone ? { isMobile: true, hasTouch: true } : {}),
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		serviceWorkers: 'block',
		viewport: { width, height: 800 },
		storageState: who === 'guest' ? undefined : JSON.parse(accounts[who].state)
	});
	if (mode === 'elder') await context.addInitScript(() => localStorage.setItem('anguan.elderMode', '1'));
	// axe-core in every page of the context, ready before the app starts (no injection per check).
	await context.addInitScript({ path: AXE });
	return context;
}

export async function openCase(context: BrowserContext, accounts: Accounts, c: PageCase, mode: Mode): Promise<Page> {
	const page = await context.newPage();
	await page.goto(c.path(accounts));
	await expect(page.locator('html[data-mode="elder"]')).toHaveCount(mode === 'elder' ? 1 : 0);
	await c.ready(page);
	return page;
}

/** What does not reflow: the page or a scroll box wider than its view, and text boxes too narrow for two characters. */
export function reflowProblems(page: Page) {
	return page.evaluate(() => {
		const problems: string[] = [];
		const root = document.documentElement;
		if (root.scrollWidth > root.clientWidth) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
		const describe = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
		const hidden = (el: Element | null): boolean => {
			for (let a = el; a; a = a.parentElement) {
				const r = a.getBoundingClientRect();
				if (r.width <= 1 || r.height <= 1 || a.closest('[hidden], [aria-hidden="true"], .sr-only')) return true;
			}
			return false;
		};
		for (const el of document.querySelectorAll('body *')) {
			const style = getComputedStyle(el);
			if (/(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && !hidden(el))
				problems.push(`${describe(el)} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
		}
		const canvas = document.createElement('canvas').getContext('2d')!;
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent!.replace(/\s+/g, '');
			const parent = node.parentElement;
			if (text.length < 2 || !parent || parent.closest('script, style, select, option, svg') || hidden(parent)) continue;
			// The box the text wraps in: the nearest ancestor that is not inline.
			let box: Element = parent;
			while (
				box.parentElement &&
				/^inline/.test(getComputedStyle(box).display) &&
				getComputedStyle(box).display !== 'inline-block' &&
				getComputedStyle(box).display !== 'inline-flex'
			)
				box = box.parentElement;
			const s = getComputedStyle(box);
			const width = box.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
			canvas.font = getComputedStyle(parent).font;
			const need = canvas.measureText(text.slice(0, 2)).width;
			if (width + 0.5 < need)
				problems.push(
					`"${text.slice(0, 12)}" in ${describe(box)}: ${Math.round(width)} px wide, its first two characters need ${Math.round(need)} px`
				);
		}
		return problems;
	});
}
