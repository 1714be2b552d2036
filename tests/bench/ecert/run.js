// npm run bench:ecert — the e-certificate's two costs, measured for real:
//
// 1. Issuance: N approved applications (default 1,000) issued by ONE run of
//    the minute cron job against a real PocketBase with our hooks; each
//    issuance signs a new version (SM2 in Go) and writes its history row.
//    Reports certificates signed per second and the latency of other
//    requests made during the run, as a ratio against the same requests on
//    the idle server just before (the baseline).
// 2. PDF: one certificate's PDF generated in headless Chromium from the
//    document page, font slices fetched (cold) and from the Cache API (warm).
//
//   npm run bench:ecert [-- --applications 1000 --probes 4]
//   BENCH_QUICK=1 npm run bench:ecert     (20 applications, one PDF run)
//
// The approvals are made just after a minute starts, with a delay of under a
// second (ISSUE_DELAY_MINUTES=0.01), so the cron tick that starts the next
// minute finds all N due and issues them in one run; the clock runs from
// that tick until the last one is issued.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { buildHooksLib } from '../../../scripts/build-hooks-lib.js';
import { ensurePocketBase } from '../../../scripts/build-server.js';
import { ecertKeyEnv } from '../../../scripts/ecert-key.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const QUICK = process.env.BENCH_QUICK === '1';
const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('applications', QUICK ? 20 : 1000);
const PROBES = arg('probes', 4);
const PDF_RUNS = QUICK ? 1 : 5;
const PER_APPLICANT = 20;
const DELAY_MINUTES = 0.01;
const SUPERUSER = { email: 'bench@ecert.local', password: 'Bench-Ecert-2026' };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(join(ROOT, 'pb_public/index.html')) || !existsSync(join(ROOT, 'pb_public/ecert-fonts/index.json'))) {
	console.log('Building the app (npm run build) …');
	if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
}
await buildHooksLib();
const require = createRequire(import.meta.url);
const d = require(join(ROOT, 'pb_hooks/lib/domain.js'));
const { sm2 } = require('sm-crypto');

// ---------------------------------------------------------------- server
const port = await new Promise((res) => {
	const s = createServer().listen(0, '127.0.0.1', () => {
		const p = s.address().port;
		s.close(() => res(p));
	});
});
const dataDir = mkdtempSync(join(tmpdir(), 'anguan-ecert-'));
const bin = ensurePocketBase({ quiet: true });
const common = [
	`--dir=${dataDir}`,
	`--hooksDir=${join(ROOT, 'pb_hooks')}`,
	`--migrationsDir=${join(ROOT, 'pb_migrations')}`,
	`--publicDir=${join(ROOT, 'pb_public')}`
];
const env = { ...process.env, ISSUE_DELAY_MINUTES: String(DELAY_MINUTES), ...ecertKeyEnv(dataDir, {}).env };
const up = spawnSync(bin, [...common, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password], { env, encoding: 'utf8' });
if (up.status !== 0) throw new Error(up.stderr || up.stdout);
const server = spawn(bin, [...common, '--hooksPool=64', 'serve', `--http=127.0.0.1:${port}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (b) => (serverLog += b));
const url = `http://127.0.0.1:${port}`;
let browser;
async function stop() {
	await browser?.close().catch(() => {});
	if (server.exitCode === null && !server.signalCode) {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(dataDir, { recursive: true, force: true });
}
process.on('SIGINT', () => stop().then(() => process.exit(130)));
for (let i = 0; ; i++) {
	try {
		if ((await fetch(`${url}/api/health`)).ok) break;
	} catch {
		// not listening yet
	}
	if (i > 300) throw new Error(`PocketBase did not start:\n${serverLog}`);
	await new Promise((r) => setTimeout(r, 100));
}

async function api(path, { method = 'GET', token, json, form } = {}) {
	const res = await fetch(url + path, {
		method,
		headers: { ...(token ? { authorization: token } : {}), ...(json ? { 'content-type': 'application/json' } : {}) },
		body: json ? JSON.stringify(json) : form
	});
	const text = await res.text();
	if (!res.ok) throw Object.assign(new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`), { status: res.status });
	return text ? JSON.parse(text) : null;
}
async function pool(items, n, fn) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(n, items.length) }, async () => {
			while (next < items.length) await fn(items[next++]);
		})
	);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

const admin = (
	await api('/api/collections/_superusers/auth-with-password', {
		method: 'POST',
		json: { identity: SUPERUSER.email, password: SUPERUSER.password }
	})
).token;
await api('/api/settings', { method: 'PATCH', token: admin, json: { rateLimits: { enabled: false } } });

// ---------------------------------------------------------------- data: N applications waiting in 审核中
const started = performance.now();
console.log(`准备数据：${N} 份申请（${Math.ceil(N / PER_APPLICANT)} 名申请人，每人 ${PER_APPLICANT} 本证书）…`);
const [employer, newEmployer] = await Promise.all(
	[1, 2].map((i) =>
		api('/api/collections/enterprises/records', {
			method: 'POST',
			token: admin,
			json: {
				uscc: d.makeCreditCode(('91530100' + String(i).padStart(9, '0')).slice(0, 17)),
				name: `云南签名压测建设工程${i}有限公司`,
				password: 'Bench12345',
				passwordConfirm: 'Bench12345',
				mustChangePassword: false
			}
		})
	)
);
const scan = new Blob(
	[
		'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
		'%'.repeat(2048)
	],
	{ type: 'application/pdf' }
);
const applications = [];
await pool(
	Array.from({ length: Math.ceil(N / PER_APPLICANT) }, (_, i) => i),
	4,
	async (i) => {
		const idNumber = d.makeIdNumber('530102', `19${60 + (i % 40)}0${1 + (i % 9)}1${i % 10}`, i % 1000);
		const holder = await api('/api/collections/applicants/records', {
			method: 'POST',
			token: admin,
			json: {
				idNumber,
				name: '签名压测',
				title: '无',
				position: '安全员',
				enterprise: employer.id,
				password: 'Bench12345',
				passwordConfirm: 'Bench12345',
				mustChangePassword: false
			}
		});
		const token = (
			await api(`/api/collections/applicants/impersonate/${holder.id}`, { method: 'POST', token: admin, json: { duration: 3600 } })
		).token;
		const count = Math.min(PER_APPLICANT, N - i * PER_APPLICANT);
		for (let c = 0; c < count; c++) {
			const cert = await api('/api/collections/certificates/records', {
				method: 'POST',
				token: admin,
				json: { holder: holder.id, category: 'C2', status: '有效', validUntil: '2030-06-30', enterprise: employer.id }
			});
			const f = new FormData();
			for (const [k, v] of Object.entries({
				applicant: holder.id,
				certificate: cert.id,
				kind: '变更',
				idNumber,
				name: '王签名',
				title: '工程师',
				position: '项目安全负责人',
				enterprise: newEmployer.id
			}))
				f.append(k, v);
			for (const field of ['idCardBack', 'idCardFront', 'pledge', 'applicationForm', 'socialInsurance'])
				f.append(field, scan, `${field}.pdf`);
			const a = await api('/api/collections/cert_applications/records', { method: 'POST', token, form: f });
			applications.push(a.id);
		}
	}
);
await pool(applications, 8, (id) =>
	api(`/api/collections/cert_applications/records/${id}`, { method: 'PATCH', token: admin, json: { status: '审核中' } })
);
console.log(`  准备用时 ${((performance.now() - started) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------- approvals, then the next cron tick issues them
while (new Date().getSeconds() < 1 || new Date().getSeconds() > 3) await sleep(200);
const approveStart = Date.now();
const tick = Math.ceil(approveStart / 60_000) * 60_000;
await pool(applications, 8, (id) =>
	api(`/api/collections/cert_applications/records/${id}`, { method: 'PATCH', token: admin, json: { status: '审核通过' } })
);
const approveEnd = Date.now();
console.log(
	`  审核通过 ${N} 份用时 ${((approveEnd - approveStart) / 1000).toFixed(1)} s；下一次定时任务在 ${((tick - approveEnd) / 1000).toFixed(0)} s 后`
);
if (approveEnd > tick - 2000) console.log('  注意：审核通过用时过长，部分申请会由下一次定时任务发证');

// ---------------------------------------------------------------- probes: other requests while the job runs
const certNo = d.formatCertNo({ category: 'B', year: 2020, serial: 1 });
async function probe(until, into) {
	while (!until()) {
		const t = performance.now();
		const res = await fetch(`${url}/api/anguan/verify?no=${encodeURIComponent(certNo)}&code=ABCDEFGHJKLM`);
		await res.text();
		into.push(performance.now() - t);
		await sleep(20);
	}
}
const issuedCount = async () =>
	(await api(`/api/collections/cert_applications/records?perPage=1&filter=${encodeURIComponent("status='已发证'")}`, { token: admin }))
		.totalItems;
const idle = [];
while (Date.now() < tick - 3500) await sleep(100);
const idleUntil = Date.now() + 3000;
await Promise.all(Array.from({ length: PROBES }, () => probe(() => Date.now() > idleUntil, idle)));
const issuedBefore = await issuedCount();

const busy = [];
let running = true;
while (Date.now() < tick) await sleep(20);
const probes = Promise.all(Array.from({ length: PROBES }, () => probe(() => !running, busy)));
const cpuBefore = cpuSeconds();
let issued = issuedBefore;
const deadline = tick + (QUICK ? 120_000 : 300_000);
while (issued < N && Date.now() < deadline) {
	await sleep(200);
	issued = await issuedCount();
}
const jobSeconds = (Date.now() - tick) / 1000;
const cpu = cpuSeconds() - cpuBefore;
running = false;
await probes;
const job = { issued: issued - issuedBefore };

function cpuSeconds() {
	try {
		const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(f[11]) + Number(f[12])) / 100;
	} catch {
		return NaN;
	}
}

// Spot check: signatures made during the run verify with the browser's library.
const keys = (await api('/api/anguan/ecert/keys')).keys;
const sample = (
	await api(`/api/collections/certificates/records?perPage=5&sort=-updated&filter=${encodeURIComponent('ecertVersion>0')}`, {
		token: admin
	})
).items;
const verified = sample.filter((c) => {
	const p = d.parsePayloadText(c.ecertPayload);
	const key = keys.find((k) => k.kid === p?.kid);
	return key && sm2.doVerifySignature(c.ecertPayload, c.ecertSignature, key.publicKey, { hash: true });
}).length;
const versions = (await api('/api/collections/ecert_versions/records?perPage=1', { token: admin })).totalItems;

idle.sort((a, b) => a - b);
busy.sort((a, b) => a - b);
const rate = job.issued / jobSeconds;
console.log(`\n发证（一次定时任务运行）`);
console.log(
	`  发证 ${job.issued}/${N}（定时任务前已发 ${issuedBefore}），从定时任务开始到最后一本发出 ${jobSeconds.toFixed(2)} s → ${rate.toFixed(0)} 本/秒；服务器 CPU ${((cpu * 1000) / Math.max(1, job.issued)).toFixed(2)} ms/本`
);
console.log(`  签名抽查 ${verified}/${sample.length} 通过浏览器库核验；历史版本记录 ${versions} 条`);
console.log(
	`  同时进行的其他请求（${PROBES} 路 GET /api/anguan/verify）：${busy.length} 次，p50 ${pct(busy, 50).toFixed(1)} ms，p95 ${pct(busy, 95).toFixed(1)} ms，最大 ${(busy.at(-1) ?? NaN).toFixed(1)} ms`
);
console.log(
	`  基线（空闲时同样的请求）：p50 ${pct(idle, 50).toFixed(1)} ms，p95 ${pct(idle, 95).toFixed(1)} ms → p95 比 ${(pct(busy, 95) / pct(idle, 95)).toFixed(2)}`
);

// ---------------------------------------------------------------- PDF in Chromium
const holder = await api('/api/collections/applicants/records', {
	method: 'POST',
	token: admin,
	json: {
		idNumber: d.makeIdNumber('530102', '19800101', 999),
		name: '欧阳明华',
		title: '高级工程师',
		position: '项目经理',
		enterprise: employer.id,
		password: 'Bench12345',
		passwordConfirm: 'Bench12345',
		mustChangePassword: false
	}
});
const cert = await api('/api/collections/certificates/records', {
	method: 'POST',
	token: admin,
	json: {
		holder: holder.id,
		category: 'B',
		status: '有效',
		certNo: d.formatCertNo({ category: 'B', year: 2025, serial: 4242 }),
		firstIssued: '2019-05-01',
		validUntil: '2028-06-30',
		enterprise: employer.id,
		ecertIssuedAt: new Date().toISOString()
	}
});
browser = await chromium.launch({
	executablePath: CHROMIUM,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage']
});
const page = await (await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' })).newPage();
if (process.env.BENCH_DEBUG) page.on('console', (m) => console.log('  [page]', m.text()));
await page.goto(`${url}/login`);
await page.getByLabel('身份证号').fill(holder.idNumber);
await page.getByLabel('密码', { exact: true }).fill('Bench12345');
await page.getByRole('button', { name: '登录' }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
// Cold: nothing of the PDF's code or fonts in this browser yet; the clock runs
// from opening the document page to the finished download, clicking as soon as
// the button is there (the page starts loading code and fonts when idle).
const download = async () => {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PDF' }).click()]);
	const bytes = readFileSync(await file.path()).length;
	await page.getByRole('button', { name: '下载 PDF' }).waitFor();
	return bytes;
};
// CPU time of this Chromium (all its processes) beside wall time: on a shared
// machine wall time includes waiting for a core, CPU time does not.
async function busyMs() {
	// Chromium's processes are this script's descendants whose command line names it.
	const parent = new Map();
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			parent.set(pid, /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
		} catch {
			/* gone */
		}
	}
	const mine = (pid) => {
		for (let p = pid, i = 0; p && p !== '0' && i < 20; p = parent.get(p), i++) if (p === String(process.pid)) return true;
		return false;
	};
	let ticks = 0;
	for (const pid of parent.keys()) {
		try {
			if (!mine(pid) || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue;
			const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
			ticks += Number(f[11]) + Number(f[12]);
		} catch {
			/* gone */
		}
	}
	return ticks * 10;
}
let t = performance.now();
const busy0 = await busyMs();
await page.goto(`${url}/certificates/${cert.id}`);
await page.getByRole('button', { name: '下载 PDF' }).waitFor();
const clickedAt = performance.now();
const busyAtClick = await busyMs();
const size = await download();
const cold = performance.now() - t;
const coldClick = performance.now() - clickedAt;
const busyEnd = await busyMs();
const coldBusy = busyEnd - busy0;
const coldClickBusy = busyEnd - busyAtClick;
// Warm: the holder comes back later (code and font slices cached): reload, read a moment, click.
const warm = [];
const warmBusy = [];
for (let i = 1; i < PDF_RUNS; i++) {
	await page.reload();
	await page.getByRole('button', { name: '下载 PDF' }).waitFor();
	await sleep(500);
	t = performance.now();
	const b = await busyMs();
	await download();
	warm.push(performance.now() - t);
	warmBusy.push((await busyMs()) - b);
}
warm.sort((a, b) => a - b);
warmBusy.sort((a, b) => a - b);
console.log(`\nPDF（Chromium，一本证书）`);
console.log(
	`  全冷（打开证书页到 PDF 下载完成，含代码与字体切片下载）${(cold / 1000).toFixed(2)} s（Chromium CPU ${(coldBusy / 1000).toFixed(2)} s），其中点击到下载 ${(coldClick / 1000).toFixed(2)} s（CPU ${(coldClickBusy / 1000).toFixed(2)} s）；文件 ${(size / 1024).toFixed(0)} KB`
);
if (warm.length)
	console.log(
		`  再次打开（代码与字体已缓存），点击到下载：中位 ${(pct(warm, 50) / 1000).toFixed(2)} s，最慢 ${(warm.at(-1) / 1000).toFixed(2)} s（Chromium CPU 中位 ${(pct(warmBusy, 50) / 1000).toFixed(2)} s）`
	);

console.log(`\n机器负载（1 分钟平均）${loadavg()[0].toFixed(2)}，${cpus().length} 核`);
// The PDF target: from the click, with nothing of the PDF's code or fonts in the browser yet.
const pass = job.issued === N && verified === sample.length && coldClick <= 1000 && size < 400 * 1024;
console.log(
	`目标（一次定时任务发完 ${N} 本且签名可核验；首次生成 PDF 点击到下载 ≤ 1 s 含代码与字体加载，< 400 KB）：${pass ? '达到' : '未达到'}`
);
await stop();
process.exit(job.issued === N && verified === sample.length ? 0 : 1);
