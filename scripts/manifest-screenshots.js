// Makes the web app manifest's screenshots (static/screenshots/, committed;
// browsers show them in their install dialog) from the built app: 我的证书 of
// a demo applicant, on a phone (narrow) and a desktop (wide). Run after
// `npm run build` whenever those pages change: `npm run screenshots`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, SUPERUSER } from '../tests/bench/server.js';
import { DEMO_APPLICANTS, seedAt } from './seed.js';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'static/screenshots');
const PASSWORD = 'Screenshot2026';
const SHOTS = [
	{ file: 'certificates-narrow.png', viewport: { width: 390, height: 844 } },
	{ file: 'certificates-wide.png', viewport: { width: 1280, height: 800 } }
];

const server = await startServer({ pool: 0 });
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
});
try {
	await seedAt(server.url, SUPERUSER.email, SUPERUSER.password);
	const { idNumber } = DEMO_APPLICANTS[0];
	const found = await server.api(`/api/collections/applicants/records?filter=${encodeURIComponent(`idNumber="${idNumber}"`)}`, {
		token: server.admin
	});
	await server.api(`/api/collections/applicants/records/${found.items[0].id}`, {
		method: 'PATCH',
		token: server.admin,
		json: { password: PASSWORD, passwordConfirm: PASSWORD, mustChangePassword: false }
	});
	mkdirSync(OUT, { recursive: true });
	for (const shot of SHOTS) {
		const context = await browser.newContext({ viewport: shot.viewport, deviceScaleFactor: 1, locale: 'zh-CN', serviceWorkers: 'block' });
		const page = await context.newPage();
		await page.goto(`${server.url}/login`);
		await page.getByLabel('身份证号').fill(idNumber);
		await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL((u) => !u.pathname.startsWith('/login'));
		await page.goto(`${server.url}/certificates`);
		await page.locator('tr[data-certificate]').first().waitFor();
		await page.screenshot({ path: join(OUT, shot.file) });
		console.log(`screenshots: ${shot.file} ${shot.viewport.width}×${shot.viewport.height}`);
		await context.close();
	}
} finally {
	await browser.close();
	await server.stop();
}
