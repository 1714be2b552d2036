// Deadline rush: many applicants submit their 变更申请 at once, each with
// scanned attachments (three of ~200 KB), against a real PocketBase with our
// hooks; then the same load on a hook-free copy of the collection as the
// baseline. Prints throughput, latency percentiles, errors and duplicates.
//
//   npm run bench:rush [-- --applicants 50 --certs 12 --concurrency 32 --pool 64 --warmup 2]
//
// --pool N starts PocketBase with --hooksPool=N (default 64; 0 = PocketBase's
// own default of 15 pre-warmed JS VMs, beyond which every hook call builds a
// one-off VM — under a rush that doubles the CPU per submission).
//
// Own temp data dir and port; rate limits off for the run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { buildHooksLib } from '../../../scripts/build-hooks-lib.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const APPLICANTS = arg('applicants', 50);
const CERTS_EACH = arg('certs', 12);
const CONCURRENCY = arg('concurrency', 32);
// 64 JS VMs: what the deployment should run with (--hooksPool=64, see the README); 0 = PocketBase's default.
const POOL = arg('pool', 64);
const WARMUP_CERTS = arg('warmup', 2);
const SUPERUSER = { email: 'bench@rush.local', password: 'Bench-Rush-2026' };

await buildHooksLib();
const require = createRequire(import.meta.url);
const d = require(join(ROOT, 'pb_hooks/lib/domain.js'));

// ---------------------------------------------------------------- server
const port = await new Promise((res) => {
	const s = createServer().listen(0, '127.0.0.1', () => {
		const p = s.address().port;
		s.close(() => res(p));
	});
});
const dataDir = mkdtempSync(join(tmpdir(), 'anguan-rush-'));
const bin = process.env.POCKETBASE_BIN || join(ROOT, '.pb/pocketbase');
const common = [`--dir=${dataDir}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, `--migrationsDir=${join(ROOT, 'pb_migrations')}`, `--publicDir=${join(ROOT, 'pb_public')}`];
const env = { ...process.env, ISSUE_DELAY_MINUTES: '1440' };
const up = spawnSync(bin, [...common, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password], { env, encoding: 'utf8' });
if (up.status !== 0) throw new Error(up.stderr || up.stdout);
const server = spawn(bin, [...common, ...(POOL ? [`--hooksPool=${POOL}`] : []), 'serve', `--http=127.0.0.1:${port}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (b) => (serverLog += b));
const url = `http://127.0.0.1:${port}`;
async function stopServer() {
	if (server.exitCode === null && !server.signalCode) {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(dataDir, { recursive: true, force: true });
}
process.on('SIGINT', () => stopServer().then(() => process.exit(130)));

for (let i = 0; ; i++) {
	try {
		if ((await fetch(`${url}/api/health`)).ok) break;
	} catch {}
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
	const body = text ? JSON.parse(text) : null;
	if (!res.ok) throw Object.assign(new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`), { status: res.status, body });
	return body;
}

const admin = (await api('/api/collections/_superusers/auth-with-password', { method: 'POST', json: { identity: SUPERUSER.email, password: SUPERUSER.password } })).token;
await api('/api/settings', { method: 'PATCH', token: admin, json: { rateLimits: { enabled: false } } });

// ---------------------------------------------------------------- data
const ids = (n) => Array.from({ length: n }, () => Array.from({ length: 15 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join(''));
function creditCode(i) {
	const body = ('91530100' + String(i).padStart(9, '0')).slice(0, 17);
	return d.makeCreditCode(body);
}
const [employer, newEmployer] = await Promise.all(
	[0, 1].map((i) =>
		api('/api/collections/enterprises/records', {
			method: 'POST',
			token: admin,
			json: { uscc: creditCode(i + 1), name: `云南压测建设工程${i}有限公司`, password: 'Bench12345', passwordConfirm: 'Bench12345', mustChangePassword: false }
		})
	)
);

const setupStarted = performance.now();
console.log(`准备数据：${APPLICANTS} 名申请人 × ${CERTS_EACH} 本证书 …`);
const applicants = [];
let made = 0;
async function makeApplicant(i) {
	const idNumber = d.makeIdNumber('530102', `19${60 + (i % 40)}0${1 + (i % 9)}1${i % 10}`, i % 1000);
	const rec = await api('/api/collections/applicants/records', {
		method: 'POST',
		token: admin,
		json: { idNumber, name: '压测申请人', title: '无', position: '安全员', enterprise: employer.id, password: 'Bench12345', passwordConfirm: 'Bench12345', mustChangePassword: false }
	});
	// Impersonation gives a token without a password check per applicant.
	const auth = await api(`/api/collections/applicants/impersonate/${rec.id}`, { method: 'POST', token: admin, json: { duration: 3600 } });
	const certs = [];
	const batch = { requests: [] };
	// More certificates each for the warm-up round.
	for (const id of ids(CERTS_EACH + WARMUP_CERTS)) {
		certs.push(id);
		batch.requests.push({
			method: 'POST',
			url: '/api/collections/certificates/records',
			body: { id, holder: rec.id, category: 'C2', status: '有效', validUntil: '2030-06-30', enterprise: employer.id }
		});
	}
	await api('/api/batch', { method: 'POST', token: admin, json: batch });
	applicants[i] = { id: rec.id, idNumber, token: auth.token, certs };
	made++;
}
await pool(Array.from({ length: APPLICANTS }, (_, i) => i), 4, makeApplicant);

// The baseline: same fields, rule and files, no hooks.
const file = (name, mime, extra) => ({ name, type: 'file', maxSelect: 20, maxSize: 10 << 20, mimeTypes: ['image/jpeg', 'image/png', 'application/pdf'], protected: true, ...extra });
await api('/api/collections', {
	method: 'POST',
	token: admin,
	json: {
		name: 'bench_plain',
		type: 'base',
		createRule: '@request.auth.id != "" && applicant = @request.auth.id',
		fields: [
			{ name: 'applicant', type: 'text' },
			{ name: 'certificate', type: 'text' },
			{ name: 'kind', type: 'text' },
			{ name: 'idNumber', type: 'text' },
			{ name: 'name', type: 'text' },
			{ name: 'title', type: 'text' },
			{ name: 'position', type: 'text' },
			{ name: 'enterprise', type: 'text' },
			{ name: 'status', type: 'text' },
			file('idCardBack'),
			file('idCardFront'),
			file('pledge'),
			file('applicationForm'),
			file('socialInsurance')
		]
	}
});

// Realistic scans: three ~200 KB PDFs and the two ID-card sides as ~30 KB PDFs.
function pdf(kb) {
	const head = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R>>endobj\n';
	const noise = Buffer.alloc(kb * 1024);
	for (let i = 0; i < noise.length; i++) noise[i] = 33 + ((i * 2654435761) >>> 24) % 90;
	return new Blob([head, '%', noise, '\ntrailer<</Root 1 0 R>>\n%%EOF\n'], { type: 'application/pdf' });
}
const BIG = [pdf(200), pdf(200), pdf(200)];
const SMALL = pdf(30);

function body(a, cert) {
	const f = new FormData();
	f.append('id', ids(1)[0]);
	f.append('applicant', a.id);
	f.append('certificate', cert);
	f.append('kind', '变更');
	f.append('idNumber', a.idNumber);
	f.append('name', '王压测');
	f.append('title', '工程师');
	f.append('position', '项目安全负责人');
	f.append('enterprise', newEmployer.id);
	f.append('idCardBack', SMALL, '国徽面.pdf');
	f.append('idCardFront', SMALL, '姓名面.pdf');
	f.append('pledge', BIG[0], '承诺书.pdf');
	f.append('applicationForm', BIG[1], '原证书.pdf');
	f.append('socialInsurance', BIG[2], '社保证明.pdf');
	return f;
}

// ---------------------------------------------------------------- load
async function pool(items, n, fn) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(n, items.length) }, async () => {
			while (next < items.length) await fn(items[next++]);
		})
	);
}

/** CPU seconds PocketBase has used so far (Linux): steadier than wall time on a shared machine. */
function serverCpuSeconds() {
	try {
		const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return NaN;
	}
}

async function rush(collection, jobs) {
	const latencies = [];
	const errors = {};
	const cpuBefore = serverCpuSeconds();
	const started = performance.now();
	await pool(jobs, CONCURRENCY, async ({ a, cert }) => {
		const t = performance.now();
		try {
			await api(`/api/collections/${collection}/records`, { method: 'POST', token: a.token, form: body(a, cert) });
			latencies.push(performance.now() - t);
		} catch (e) {
			const key = `${e.status ?? 'network'} ${e.body?.message ?? e.message}`.slice(0, 120);
			errors[key] = (errors[key] ?? 0) + 1;
		}
	});
	const seconds = (performance.now() - started) / 1000;
	const cpuMs = ((serverCpuSeconds() - cpuBefore) * 1000) / jobs.length;
	latencies.sort((x, y) => x - y);
	const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
	const rows = await api(`/api/collections/${collection}/records?perPage=1&fields=id`, { token: admin });
	const perCert = new Map();
	for (let page = 1; ; page++) {
		const list = await api(`/api/collections/${collection}/records?perPage=500&page=${page}&fields=certificate&skipTotal=1`, { token: admin });
		for (const r of list.items) perCert.set(r.certificate, (perCert.get(r.certificate) ?? 0) + 1);
		if (list.items.length < 500) break;
	}
	const duplicates = [...perCert.values()].reduce((n, c) => n + (c - 1), 0);
	return {
		collection,
		submissions: jobs.length,
		ok: latencies.length,
		stored: rows.totalItems,
		seconds,
		rate: latencies.length / seconds,
		p50: pct(50),
		p95: pct(95),
		p99: pct(99),
		max: latencies.at(-1) ?? NaN,
		errors,
		duplicates,
		cpuMs
	};
}

const jobs = [];
for (let c = 0; c < CERTS_EACH; c++) for (const a of applicants) jobs.push({ a, cert: a.certs[c] });
const warmupJobs = [];
for (let c = CERTS_EACH; c < CERTS_EACH + WARMUP_CERTS; c++) for (const a of applicants) warmupJobs.push({ a, cert: a.certs[c] });
console.log(`  准备用时 ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
const MB = ((jobs.length + 2 * warmupJobs.length) * (3 * 200 + 2 * 30)) / 1024;
console.log(`并发 ${CONCURRENCY}，JS VM 池 ${POOL || '默认(15)'}，共 ${jobs.length} 份申请（另有预热 ${warmupJobs.length} 份），每份 5 个附件（3 × 200 KB + 2 × 30 KB），约 ${MB.toFixed(0)} MB\n`);

// Warm-up of both paths (JS VMs load the hooks' modules once each, page cache), not counted.
const WARMUP = warmupJobs.length;
await rush('cert_applications', warmupJobs);
await rush('bench_plain', warmupJobs.map((j) => ({ ...j, cert: 'warmup-' + j.cert })));

const hooked = { ...(await rush('cert_applications', jobs)), stored: 0 };
hooked.stored = (await api('/api/collections/cert_applications/records?perPage=1&fields=id', { token: admin })).totalItems - WARMUP;
const plain = await rush('bench_plain', jobs);
const plainOnly = { ...plain, stored: plain.stored - WARMUP };

function show(r, label) {
	console.log(`${label}（${r.collection}）`);
	console.log(`  提交成功 ${r.ok}/${r.submissions}，库中记录 ${r.stored}，用时 ${r.seconds.toFixed(2)} s`);
	console.log(`  服务器 CPU ${r.cpuMs.toFixed(1)} ms/份`);
	console.log(`  吞吐 ${r.rate.toFixed(1)} 份/秒；延迟 p50 ${r.p50.toFixed(0)} ms，p95 ${r.p95.toFixed(0)} ms，p99 ${r.p99.toFixed(0)} ms，最大 ${r.max.toFixed(0)} ms`);
	console.log(`  错误 ${Object.values(r.errors).reduce((a, b) => a + b, 0)}${Object.keys(r.errors).length ? ' ' + JSON.stringify(r.errors) : ''}，重复记录 ${r.duplicates}`);
}
show(hooked, '带业务规则');
show(plainOnly, '基线：无 hook 的同构集合');
console.log(`\n吞吐比（带规则 / 基线）${(hooked.rate / plain.rate).toFixed(2)}，p95 比 ${(hooked.p95 / plain.p95).toFixed(2)}，每份 CPU 比 ${(hooked.cpuMs / plain.cpuMs).toFixed(2)}`);
const rss = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];
console.log(`机器负载（1 分钟平均）${loadavg()[0].toFixed(2)}，${cpus().length} 核；PocketBase 内存峰值 ${rss ? Math.round(Number(rss) / 1024) + ' MB' : '未知'}`);
const pass = hooked.rate >= 50 && hooked.p95 < 1000 && hooked.ok === hooked.submissions && hooked.duplicates === 0;
console.log(`目标（≥ 50 份/秒，p95 < 1 s，无错误，无重复）：${pass ? '达到' : '未达到'}`);
await stopServer();
process.exit(pass ? 0 : 1);
