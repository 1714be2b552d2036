/**
 * Shared steps of the offline e2e tests: the 企业信息修改 form (the outbox's
 * first real user), JPEG attachments, the server-side count, a fresh
 * enterprise on any PocketBase, and a proxy that cuts connections.
 */
import { expect, type Page } from '@playwright/test';
import PocketBase from 'pocketbase';
import http from 'node:http';
import { makeJpeg } from '../support/jpeg';
import { superuserClient } from '../support/pocketbase';
import { uniqueCreditCode } from '../support/identities';
import { STRONG_PASSWORD, type TestAccount } from './fixtures';

/** A JPEG of about `kb` kilobytes (noise does not compress). */
export function jpegOf(kb: number, name = 'license.jpg') {
	const side = Math.max(64, Math.round(Math.sqrt(kb * 1024 * 0.7)));
	const buffer = Buffer.from(makeJpeg(side, side, () => [Math.random() * 255, Math.random() * 255, Math.random() * 255], 92));
	return { name, mimeType: 'image/jpeg', buffer };
}

/** The reviewer's client on a PocketBase of the test's own. */
export const adminAt = superuserClient;

export async function enterpriseAt(admin: PocketBase): Promise<TestAccount> {
	const identity = uniqueCreditCode();
	const record = await admin.collection('enterprises').create({
		uscc: identity,
		name: '离线测试建设有限公司',
		regCity: '昆明市',
		password: STRONG_PASSWORD,
		passwordConfirm: STRONG_PASSWORD,
		mustChangePassword: false
	});
	return { kind: 'enterprise', record, identity, password: STRONG_PASSWORD };
}

/** Logs in on `origin` (tests that run the app behind a proxy or on their own server). */
export async function loginAt(page: Page, origin: string, account: TestAccount) {
	await page.goto(`${origin}/login`);
	await page.getByRole('radio', { name: '企业' }).check();
	await page.getByLabel('统一社会信用代码').fill(account.identity);
	await page.getByLabel('密码', { exact: true }).fill(account.password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(/\/enterprise$/);
}

/** The app shell is precached and the page is controlled: a reload now works offline. */
/** Until the service worker is installed, active and controlling the page (its precache complete). */
export async function waitForOfflineReady(page: Page) {
	// Polled from Node: waitForFunction does not wait for a Promise the page returns.
	await expect
		.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.ready).active && !!navigator.serviceWorker.controller), {
			timeout: 30_000
		})
		.toBe(true);
}

export async function openChangeForm(page: Page) {
	await page.getByRole('button', { name: '修改附件' }).click();
	await expect(page.getByRole('heading', { name: '企业名称修改' })).toBeVisible();
}

/** The files picked for an attachment field (by field name, e.g. license), as its list shows them. */
export function chosenFiles(page: Page, field: string) {
	return page.locator(`[data-field="${field}"]`).getByRole('list', { name: '已选择的文件' });
}

export async function fillChange(page: Page, name: string, file = jpegOf(30)) {
	await page.getByLabel('修改后企业名称').fill(name);
	await page.getByLabel('修改后信用代码证件').setInputFiles(file);
	await expect(chosenFiles(page, 'license').getByText(file.name)).toBeVisible();
}

/** What the server holds for this enterprise. */
export async function serverChanges(admin: PocketBase, enterpriseId: string) {
	return admin.collection('enterprise_changes').getFullList({ filter: admin.filter('enterprise = {:id}', { id: enterpriseId }) });
}

export async function expectOneRecord(admin: PocketBase, enterpriseId: string, name: string) {
	await expect.poll(async () => (await serverChanges(admin, enterpriseId)).map((r) => r.name), { timeout: 30_000 }).toEqual([name]);
	const [rec] = await serverChanges(admin, enterpriseId);
	expect(rec.license).toMatch(/\.jpg$/);
	return rec;
}

export type ProxyMode = 'pass' | { cutUploadAfter: number } | 'lose-answer';

/**
 * A tiny HTTP proxy in front of PocketBase. For the next submission POST it
 * can drop the socket after N request bytes (an upload cut mid-way), or let
 * the request through and drop the answer (the record exists, the client
 * never hears it). Everything else passes.
 */
export async function startProxy(target: string) {
	const upstream = new URL(target);
	let mode: ProxyMode = 'pass';
	const events: string[] = [];
	const server = http.createServer((req, res) => {
		const isSubmission = req.method === 'POST' && /\/api\/collections\/enterprise_changes\/records$/.test(req.url ?? '');
		const active = isSubmission ? mode : 'pass';
		if (isSubmission) mode = 'pass';
		const up = http.request(
			{ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
			(upRes) => {
				if (active === 'lose-answer') {
					events.push('answer-dropped');
					upRes.resume();
					upRes.on('end', () => req.socket.destroy());
					return;
				}
				res.writeHead(upRes.statusCode ?? 502, upRes.headers);
				upRes.pipe(res);
			}
		);
		up.on('error', () => res.destroy());
		if (typeof active === 'object') {
			let sent = 0;
			req.on('data', (chunk: Buffer) => {
				if (sent >= active.cutUploadAfter) return;
				sent += chunk.length;
				up.write(chunk);
				if (sent >= active.cutUploadAfter) {
					events.push(`cut-after-${sent}`);
					up.destroy();
					req.socket.destroy();
				}
			});
			req.on('end', () => up.end());
		} else req.pipe(up);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}`,
		events,
		next(m: ProxyMode) {
			mode = m;
		},
		close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())))
	};
}
