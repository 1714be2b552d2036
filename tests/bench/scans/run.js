// Scan bombs and the memory they cost: 20 applicants at once upload a scan of
// the largest legal size (SCAN_MAX_PIXELS, a real JPEG), then the admin UI
// asks for the 20 thumbnails at once — PocketBase decodes each whole image to
// make one. Prints PocketBase's peak resident memory in each phase against
// the idle server of the same run, and how fast an over-budget file is
// refused by its header (never decoded).
//
//   npm run bench:scans [-- --scans 20]        BENCH_QUICK=1: 4 scans of 2 MP, one round
//   PB_THUMBS_MAX_WORKERS=4 npm run bench:scans  thumbnails decoded at once (default 2, as npm start)
//
// Own temp data dir and port; Linux (/proc) for the memory figures.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';
import { buildHooksLib } from '../../../scripts/build-hooks-lib.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const QUICK = process.env.BENCH_QUICK === '1';
const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCANS = arg('scans', QUICK ? 4 : 20);
const SUPERUSER = { email: 'bench@scans.local', password: 'Bench-Scans-2026' };

await buildHooksLib();
const require = createRequire(import.meta.url);
const d = require(join(ROOT, 'pb_hooks/lib/domain.js'));

// ---------------------------------------------------------------- the scan
// The largest legal image: SCAN_MAX_PIXELS at a 4:3 phone-photo shape, a
// smooth page-like picture so it stays under the 10 MB field limit.
const PIXELS = QUICK ? 2_000_000 : d.SCAN_MAX_PIXELS;
const WIDTH = Math.floor(Math.sqrt((PIXELS * 4) / 3));
const HEIGHT = Math.floor(PIXELS / WIDTH);
console.log(`制作扫描件：${WIDTH}×${HEIGHT}（${((WIDTH * HEIGHT) / 1e6).toFixed(1)} MP）…`);
const rgba = Buffer.alloc(WIDTH * HEIGHT * 4);
let seed = 1;
for (let y = 0; y < HEIGHT; y++) {
	for (let x = 0; x < WIDTH; x++) {
		const i = (y * WIDTH + x) * 4;
		// Lines of "text" on paper, with a phone camera's sensor grain.
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		const grain = (seed >> 16) % 13;
		const ink = y % 48 < 3 && x % 1200 < 1000 ? 60 : 238;
		rgba[i] = ink + grain;
		rgba[i + 1] = ink + grain;
		rgba[i + 2] = ink + grain - 6;
		rgba[i + 3] = 255;
	}
}
const scan = new Uint8Array(jpeg.encode({ data: rgba, width: WIDTH, height: HEIGHT }, 80).data);
console.log(`扫描件 ${(scan.length / 1024 / 1024).toFixed(1)} MB`);

// ---------------------------------------------------------------- server
const port = await new Promise((res) => {
	const s = createServer().listen(0, '127.0.0.1', () => {
		const p = s.address().port;
		s.close(() => res(p));
	});
});
const dataDir = mkdtempSync(join(tmpdir(), 'anguan-scans-'));
const bin = process.env.POCKETBASE_BIN || join(ROOT, '.pb/pocketbase');
const common = [
	`--dir=${dataDir}`,
	`--hooksDir=${join(ROOT, 'pb_hooks')}`,
	`--migrationsDir=${join(ROOT, 'pb_migrations')}`,
	`--publicDir=${join(ROOT, 'pb_public')}`
];
const up = spawnSync(bin, [...common, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password], { encoding: 'utf8' });
if (up.status !== 0) throw new Error(up.stderr || up.stdout);
// What npm start / start:production run with (scripts/start.js), unless set.
const THUMB_WORKERS = process.env.PB_THUMBS_MAX_WORKERS || '2';
const server = spawn(bin, [...common, '--hooksPool=64', 'serve', `--http=127.0.0.1:${port}`], {
	stdio: ['ignore', 'ignore', 'pipe'],
	env: { ...process.env, PB_THUMBS_MAX_WORKERS: THUMB_WORKERS }
});
let serverLog = '';
server.stderr.on('data', (b) => (serverLog += b));
const url = `http://127.0.0.1:${port}`;
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

// ---------------------------------------------------------------- memory
const rssMb = () => {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
};
/** Runs fn while sampling PocketBase's resident memory every 10 ms; returns the peak and the time. */
async function measured(fn) {
	let peak = rssMb();
	const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 10);
	const t0 = performance.now();
	try {
		await fn();
	} finally {
		clearInterval(timer);
	}
	return { peak: Math.max(peak, rssMb()), ms: performance.now() - t0 };
}

try {
	const admin = (
		await api('/api/collections/_superusers/auth-with-password', {
			method: 'POST',
			json: { identity: SUPERUSER.email, password: SUPERUSER.password }
		})
	).token;
	await api('/api/settings', { method: 'PATCH', token: admin, json: { rateLimits: { enabled: false } } });

	const employer = await api('/api/collections/enterprises/records', {
		method: 'POST',
		token: admin,
		json: {
			uscc: d.makeCreditCode('91530100BENCHSCAN'.slice(0, 17).replace(/[IOSVZ]/g, 'A')),
			name: '扫描压测建设有限公司',
			password: 'Bench-Scans-2026',
			passwordConfirm: 'Bench-Scans-2026'
		}
	});
	const holders = [];
	for (let i = 0; i < SCANS; i++) {
		const idNumber = d.makeIdNumber('530102', `19${70 + (i % 30)}0${1 + (i % 9)}15`, 100 + i);
		const person = await api('/api/collections/applicants/records', {
			method: 'POST',
			token: admin,
			json: {
				idNumber,
				name: '扫描压测',
				title: '无',
				position: '安全员',
				enterprise: employer.id,
				password: 'Bench-Scans-2026',
				passwordConfirm: 'Bench-Scans-2026'
			}
		});
		const cert = await api('/api/collections/certificates/records', {
			method: 'POST',
			token: admin,
			json: {
				holder: person.id,
				category: 'C2',
				status: '有效',
				firstIssued: '2024-01-01',
				validUntil: '2029-06-30',
				enterprise: employer.id
			}
		});
		const auth = await api(`/api/collections/applicants/impersonate/${person.id}`, {
			method: 'POST',
			token: admin,
			json: { duration: 3600 }
		});
		holders.push({ person, cert, token: auth.token, idNumber });
	}
	const pdf = new TextEncoder().encode(
		'%PDF-1.4\n1 0 obj<</Type/Pages/Count 1>>endobj\n2 0 obj<</Type/Page>>endobj\n%' + 'x'.repeat(12000) + '\n%%EOF\n'
	);
	const form = (h, front) => {
		const f = new FormData();
		for (const [k, v] of Object.entries({
			applicant: h.person.id,
			certificate: h.cert.id,
			kind: '变更',
			idNumber: h.idNumber,
			name: '扫描压测',
			title: '无',
			position: '安全员',
			enterprise: employer.id
		}))
			f.append(k, v);
		f.append('idCardFront', new Blob([front], { type: 'image/jpeg' }), 'front.jpg');
		for (const k of ['idCardBack', 'pledge', 'applicationForm', 'socialInsurance'])
			f.append(k, new Blob([pdf], { type: 'application/pdf' }), `${k}.pdf`);
		return f;
	};

	await new Promise((r) => setTimeout(r, 500));
	const idle = rssMb();

	const created = [];
	const uploads = await measured(async () => {
		await Promise.all(
			holders.map(async (h) =>
				created.push(await api('/api/collections/cert_applications/records', { method: 'POST', token: h.token, form: form(h, scan) }))
			)
		);
	});

	const fileToken = (await api('/api/files/token', { method: 'POST', token: admin })).token;
	const thumbs = await measured(async () => {
		await Promise.all(
			created.map(async (a) => {
				const res = await fetch(`${url}/api/files/cert_applications/${a.id}/${a.idCardFront}?thumb=240x0&token=${fileToken}`);
				await res.arrayBuffer();
				if (!res.ok) throw new Error(`thumb ${res.status}`);
			})
		);
	});

	// An over-budget scan: a real small JPEG whose header claims 20000×15000.
	const bomb = Uint8Array.from(jpeg.encode({ data: Buffer.alloc(16 * 16 * 4, 255), width: 16, height: 16 }, 80).data);
	for (let i = 2; i + 9 < bomb.length;) {
		if (bomb[i + 1] >= 0xc0 && bomb[i + 1] <= 0xc2) {
			bomb.set([15000 >> 8, 15000 & 255, 20000 >> 8, 20000 & 255], i + 5);
			break;
		}
		i += 2 + ((bomb[i + 2] << 8) | bomb[i + 3]);
	}
	let refusedStatus = 0;
	const bombRun = await measured(async () => {
		const h = holders[0];
		const res = await fetch(`${url}/api/collections/cert_applications/records`, {
			method: 'POST',
			headers: { authorization: h.token },
			body: form(h, bomb)
		});
		refusedStatus = res.status;
		await res.arrayBuffer();
	});

	const mb = (x) => `${x.toFixed(0)} MB`;
	const workers = Number(THUMB_WORKERS);
	console.log(`
bench:scans — ${SCANS} 份最大合法扫描件（${WIDTH}×${HEIGHT}，${(scan.length / 1024 / 1024).toFixed(1)} MB），${cpus().length} 核，负载 ${loadavg()[0].toFixed(1)}
  空闲 PocketBase 常驻内存          ${mb(idle)}
  ${SCANS} 份同时上传：峰值            ${mb(uploads.peak)}（空闲的 ${(uploads.peak / idle).toFixed(1)} 倍，${(uploads.ms / 1000).toFixed(1)} s）
  ${SCANS} 个缩略图同时生成：峰值      ${mb(thumbs.peak)}（空闲的 ${(thumbs.peak / idle).toFixed(1)} 倍，${(thumbs.ms / 1000).toFixed(1)} s；同时解码上限 ${workers}）
  每份扫描件的缩略图约占            ${mb((thumbs.peak - idle) / Math.min(workers, SCANS))}
  超预算图片（声称 20000×15000）     HTTP ${refusedStatus}，${bombRun.ms.toFixed(0)} ms，峰值 ${mb(bombRun.peak)}（只读文件头，不解码）`);
	if (refusedStatus !== 400) throw new Error(`the over-budget scan was not refused: HTTP ${refusedStatus}`);
	if (created.length !== SCANS) throw new Error(`only ${created.length} of ${SCANS} uploads succeeded`);
} finally {
	if (server.exitCode === null) {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(dataDir, { recursive: true, force: true });
}
