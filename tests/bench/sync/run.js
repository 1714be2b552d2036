// npm run bench:sync — (1) 50 変更 applications queued offline, each with its
// scans (three ~200 KB pages plus two small ones the hooks also require), sent
// after the connection returns: time until all are 已提交 on the server.
// (2) First-load JS+CSS (gzip) of the login page against a 150 KB budget.
// Builds what it needs (tests/bench/prepare.js; SKIP_BUILD=1 reuses pb_public/).
// BENCH_QUICK=1: 5 applications.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { compileModule } from 'svelte/compiler';
import jpeg from 'jpeg-js';
import { chromium } from 'playwright-core';
import PocketBase from 'pocketbase';
import { buildApp, preparePocketBase } from '../prepare.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const N = process.env.BENCH_QUICK === '1' ? 5 : Number(process.env.BENCH_ITEMS ?? 50);
const BUDGET_KB = 150;
const SUPER = { email: 'bench@test.local', password: 'Bench-Sync-2026' };
const PASSWORD = 'Anguan2026bench';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-dev-shm-usage'
];

buildApp();
await preparePocketBase();
const domain = (await import(join(root, 'pb_hooks/lib/domain.js'))).default;

// ---------------------------------------------------------------- PocketBase
const port = await new Promise((res) => {
	const s = createServer();
	s.listen(0, '127.0.0.1', () => {
		const { port } = s.address();
		s.close(() => res(port));
	});
});
mkdirSync(join(root, 'tests/.tmp'), { recursive: true });
const dataDir = mkdtempSync(join(root, 'tests/.tmp/bench-sync-'));
const bin = process.env.POCKETBASE_BIN || join(root, '.pb/pocketbase');
const common = [
	`--dir=${dataDir}`,
	`--hooksDir=${join(root, 'pb_hooks')}`,
	`--migrationsDir=${join(root, 'pb_migrations')}`,
	`--publicDir=${join(root, 'pb_public')}`
];
const up = spawnSync(bin, [...common, 'superuser', 'upsert', SUPER.email, SUPER.password], { encoding: 'utf8' });
if (up.status !== 0) throw new Error(up.stderr || up.stdout);
const server = spawn(bin, [...common, 'serve', `--http=127.0.0.1:${port}`], { stdio: 'ignore' });
const url = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
	try {
		if ((await fetch(`${url}/api/health`)).ok) break;
	} catch {
		// not listening yet
	}
	if (i > 300) throw new Error('PocketBase did not start');
	await new Promise((r) => setTimeout(r, 100));
}

let browser;
try {
	const admin = new PocketBase(url);
	admin.autoCancellation(false);
	await admin.collection('_superusers').authWithPassword(SUPER.email, SUPER.password);
	await admin.settings.update({ rateLimits: { enabled: false } });

	// ---------------------------------------------------------------- data
	const enterprise = await admin.collection('enterprises').create({
		uscc: domain.makeCreditCode('91530100MA6K0BENC'),
		name: '基准测试建设有限公司',
		regCity: '昆明市',
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		mustChangePassword: false
	});
	const idNumber = domain.makeIdNumber('530102', '19800101', 123);
	const holder = { idNumber, name: '基准测试', title: '工程师', position: '项目负责人' };
	const applicant = await admin.collection('applicants').create({
		...holder,
		enterprise: enterprise.id,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		mustChangePassword: false
	});
	const certs = [];
	for (let i = 0; i < N; i++) {
		const c = await admin.collection('certificates').create({
			holder: applicant.id,
			category: 'C2',
			status: '有效',
			firstIssued: '2023-07-01',
			validUntil: domain.addYears(domain.chinaDay(), 2),
			enterprise: enterprise.id
		});
		certs.push(c.id);
	}

	// Scans: noise does not compress, so the sizes are what goes over the wire.
	const scan = (side) => {
		const data = Buffer.alloc(side * side * 4);
		for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 ? 255 : (Math.random() * 255) | 0;
		return Buffer.from(jpeg.encode({ data, width: side, height: side }, 90).data);
	};
	const scans = [scan(400), scan(400), scan(400), scan(80)];
	const perItem = scans[0].length + scans[1].length + scans[2].length + 2 * scans[3].length;

	// ---------------------------------------------------------------- page
	// The offline layer's state is in Svelte modules (*.svelte.ts, with runes): compiled as the app's build does.
	const svelteModules = {
		name: 'svelte-modules',
		setup(b) {
			b.onLoad({ filter: /\.svelte\.(ts|js)$/ }, async ({ path }) => {
				const source = readFileSync(path, 'utf8');
				const js = path.endsWith('.ts') ? (await transform(source, { loader: 'ts' })).code : source;
				return { contents: compileModule(js, { filename: path, generate: 'client' }).js.code, loader: 'js' };
			});
		}
	};
	const bundle = await build({
		entryPoints: [join(root, 'tests/bench/sync/page.ts')],
		bundle: true,
		write: false,
		format: 'esm',
		target: 'es2022',
		alias: { $lib: join(root, 'src/lib') },
		plugins: [svelteModules],
		logLevel: 'warning'
	});
	browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.route(`${url}/__bench/**`, (route) => {
		const path = new URL(route.request().url()).pathname;
		if (path === '/__bench/')
			return route.fulfill({
				contentType: 'text/html',
				body: '<!doctype html><meta charset="utf-8"><script type="module" src="/__bench/page.js"></script>'
			});
		if (path === '/__bench/page.js') return route.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0].text });
		const i = Number(path.match(/scan(\d)/)?.[1]);
		return route.fulfill({ contentType: 'image/jpeg', body: scans[i] });
	});
	await page.goto(`${url}/__bench/`);
	await page.waitForFunction(() => 'bench' in globalThis);
	await page.evaluate(([i, p]) => globalThis.bench.login('applicants', i, p), [idNumber, PASSWORD]);
	const urls = [0, 1, 2, 3].map((i) => `${url}/__bench/scan${i}.jpg`);
	await page.evaluate((u) => globalThis.bench.prepare(u), urls);

	await context.setOffline(true);
	const q0 = Date.now();
	await page.evaluate(([c, e, h]) => globalThis.bench.queue(c, e, h), [certs, enterprise.id, holder]);
	const queueMs = Date.now() - q0;

	const t0 = Date.now();
	await context.setOffline(false);
	let last;
	for (;;) {
		last = await page.evaluate(() => globalThis.bench.states());
		if ((last.count.done ?? 0) + (last.count.failed ?? 0) >= N) break;
		if (Date.now() - t0 > 600_000) throw new Error(`timeout: ${JSON.stringify(last)}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	const syncMs = Date.now() - t0;
	const onServer = (await admin.collection('cert_applications').getList(1, 1, { filter: `applicant = "${applicant.id}"` })).totalItems;
	await context.close();

	// ---------------------------------------------------------------- first load
	const fresh = await browser.newContext();
	const lp = await fresh.newPage();
	const assets = new Map();
	lp.on('response', async (res) => {
		const type = res.request().resourceType();
		const path = new URL(res.url()).pathname;
		if (!['script', 'stylesheet'].includes(type) && !/\.(js|css)$/.test(path)) return;
		if (path.endsWith('/service-worker.js')) return;
		try {
			assets.set(path, await res.body());
		} catch {
			// a redirect or an aborted request has no body to keep
		}
	});
	await lp.goto(`${url}/login`, { waitUntil: 'networkidle' });
	await lp.waitForTimeout(500);
	let js = 0;
	let css = 0;
	for (const [path, body] of assets) {
		const gz = gzipSync(body, { level: 9 }).length;
		if (path.endsWith('.css')) css += gz;
		else js += gz;
	}
	await fresh.close();

	const kb = (b) => (b / 1024).toFixed(1);
	console.log(
		`sync: ${N} 份申请 × 5 个附件（3 × ~${kb(scans[0].length)} KB + 2 × ${kb(scans[3].length)} KB，每份 ${kb(perItem)} KB，共 ${((N * perItem) / 2 ** 20).toFixed(1)} MB）`
	);
	console.log(`  queued offline in ${queueMs} ms`);
	console.log(
		`  reconnect → all 已提交: ${syncMs} ms (${(syncMs / N).toFixed(0)} ms/份, ${((N * perItem) / 2 ** 20 / (syncMs / 1000)).toFixed(1)} MB/s)`
	);
	console.log(
		`  states: ${JSON.stringify(last.count)}${last.errors.length ? ' errors: ' + last.errors.join(' | ') : ''}; records on server: ${onServer}`
	);
	console.log(
		`first load /login: JS ${kb(js)} KB + CSS ${kb(css)} KB = ${kb(js + css)} KB gzip (${assets.size} files), budget ${BUDGET_KB} KB → ${js + css <= BUDGET_KB * 1024 ? 'OK' : 'OVER'}`
	);
	if (onServer !== N || (last.count.done ?? 0) !== N) process.exitCode = 1;
} finally {
	await browser?.close();
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
	rmSync(dataDir, { recursive: true, force: true });
}
