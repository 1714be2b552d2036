// npm run bench:issuance — the issuance job (pb_hooks/lib/issuance.js) on
// 1,000 approved 变更 applications, among N certificates already issued: how
// long it takes to issue them all, and what it does to the latency of the
// requests applicants make meanwhile (reading 我的证书, saving their contact
// details), against the same requests just before the job, in the same run.
//
//   npm run bench:issuance [-- --applications 1000 --existing 20000]
//   BENCH_QUICK=1 …          50 applications, no existing certificates
//
// The job runs through its superuser route (POST /api/anguan/jobs/issue, the
// same function the minute cron runs), repeated until nothing is waiting:
// each run takes at most 500. The cron may take a share when a minute turns,
// as it would in production; the count comes from the database.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { QUICK, ROOT } from '../prepare.js';
import { pool, recordId, startServer } from '../server.js';

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('applications', QUICK ? 50 : 1000);
const EXISTING = arg('existing', QUICK ? 0 : 20000);
const CERTS_EACH = 20;
const PROBES = 4;

// Approvals wait 3 s before they are due, so approving them all does not issue any.
const server = await startServer({ env: { ISSUE_DELAY_MINUTES: '0.05' } });
const d = createRequire(import.meta.url)(join(ROOT, 'pb_hooks/lib/domain.js'));
const { api, admin } = server;
let exitCode = 0;
try {
	const started = performance.now();
	const [employer, newEmployer] = await Promise.all(
		['91530100MA6K0FAB1', '91530100MA6K0FAB2'].map((body, i) =>
			api('/api/collections/enterprises/records', {
				method: 'POST',
				token: admin,
				json: {
					uscc: d.makeCreditCode(body),
					name: `云南发证测试建设${i}有限公司`,
					password: 'Bench12345',
					passwordConfirm: 'Bench12345',
					mustChangePassword: false
				}
			})
		)
	);

	// Certificates issued before: the numbers the job counts past.
	const year = Number(d.chinaDay().slice(0, 4));
	const holderOfOld = await api('/api/collections/applicants/records', {
		method: 'POST',
		token: admin,
		json: {
			idNumber: d.makeIdNumber('530102', '19700101', 999),
			name: '既有持证人',
			title: '无',
			position: '安全员',
			enterprise: employer.id,
			password: 'Bench12345',
			passwordConfirm: 'Bench12345',
			mustChangePassword: false
		}
	});
	const batches = [];
	for (let i = 0; i < EXISTING; i += 50) batches.push(i);
	await pool(batches, 4, async (from) => {
		const requests = [];
		for (let i = from; i < Math.min(from + 50, EXISTING); i++)
			requests.push({
				method: 'POST',
				url: '/api/collections/certificates/records',
				body: {
					holder: holderOfOld.id,
					category: 'C2',
					status: '有效',
					validUntil: '2028-06-30',
					enterprise: employer.id,
					certNo: d.formatCertNo({ category: 'C2', year, serial: i + 1 })
				}
			});
		await api('/api/batch', { method: 'POST', token: admin, json: { requests } });
	});

	// Applicants, their certificates and one submitted 变更 each.
	const people = [];
	await pool(
		Array.from({ length: Math.ceil(N / CERTS_EACH) }, (_, i) => i),
		4,
		async (i) => {
			const idNumber = d.makeIdNumber('530102', `19${60 + (i % 40)}0${1 + (i % 9)}1${i % 10}`, i % 1000);
			const rec = await api('/api/collections/applicants/records', {
				method: 'POST',
				token: admin,
				json: {
					idNumber,
					name: '发证申请人',
					title: '无',
					position: '安全员',
					phone: '13800000000',
					enterprise: employer.id,
					password: 'Bench12345',
					passwordConfirm: 'Bench12345',
					mustChangePassword: false
				}
			});
			const token = (
				await api(`/api/collections/applicants/impersonate/${rec.id}`, { method: 'POST', token: admin, json: { duration: 3600 } })
			).token;
			const certs = Array.from({ length: Math.min(CERTS_EACH, N - i * CERTS_EACH) }, () => recordId());
			await api('/api/batch', {
				method: 'POST',
				token: admin,
				json: {
					requests: certs.map((id) => ({
						method: 'POST',
						url: '/api/collections/certificates/records',
						body: { id, holder: rec.id, category: 'C2', status: '有效', validUntil: '2030-06-30', enterprise: employer.id }
					}))
				}
			});
			people[i] = { id: rec.id, idNumber, token, certs };
		}
	);
	const scan = new Blob(['%PDF-1.4\n%' + 'x'.repeat(4000) + '\n%%EOF\n'], { type: 'application/pdf' });
	const applications = [];
	await pool(
		people.flatMap((p) => p.certs.map((cert) => ({ p, cert }))),
		8,
		async ({ p, cert }) => {
			const f = new FormData();
			for (const [k, v] of Object.entries({
				applicant: p.id,
				certificate: cert,
				kind: '变更',
				idNumber: p.idNumber,
				name: '王发证',
				title: '工程师',
				position: '项目安全负责人',
				enterprise: newEmployer.id
			}))
				f.append(k, v);
			for (const field of ['idCardBack', 'idCardFront', 'pledge', 'applicationForm', 'socialInsurance'])
				f.append(field, scan, `${field}.pdf`);
			applications.push((await api('/api/collections/cert_applications/records', { method: 'POST', token: p.token, form: f })).id);
		}
	);
	await pool(applications, 8, (id) =>
		api(`/api/collections/cert_applications/records/${id}`, { method: 'PATCH', token: admin, json: { status: '审核通过' } })
	);
	console.log(`准备：${EXISTING} 本既有证书，${N} 份已审核通过的变更申请（${((performance.now() - started) / 1000).toFixed(0)} s）`);

	// ------------------------------------------------------------ probes
	const stats = (xs) => {
		const s = [...xs].sort((a, b) => a - b);
		const at = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN);
		return { n: s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN };
	};
	/** What applicants do meanwhile: read 我的证书, save their phone number. */
	async function probe(until) {
		const reads = [];
		const writes = [];
		await Promise.all(
			Array.from({ length: PROBES }, async (_, k) => {
				const p = people[k % people.length];
				for (let i = 0; !until.done; i++) {
					const t = performance.now();
					if (i % 2 === 0) {
						await api(`/api/collections/certificates/records?perPage=50&skipTotal=1&filter=${encodeURIComponent(`holder = "${p.id}"`)}`, {
							token: p.token
						});
						reads.push(performance.now() - t);
					} else {
						await api(`/api/collections/applicants/records/${p.id}`, {
							method: 'PATCH',
							token: p.token,
							json: { phone: `1380000${String(i % 10000).padStart(4, '0')}` }
						});
						writes.push(performance.now() - t);
					}
				}
			})
		);
		return { reads: stats(reads), writes: stats(writes) };
	}

	// The same requests for a few seconds with no job running (the approvals fall due meanwhile).
	const quiet = { done: false };
	const before = probe(quiet);
	await new Promise((r) => setTimeout(r, 5000));
	quiet.done = true;
	const idle = await before;
	const waiting = () =>
		api(`/api/collections/cert_applications/records?perPage=1&filter=${encodeURIComponent("status = '审核通过'")}`, { token: admin }).then(
			(r) => r.totalItems
		);

	const busy = { done: false };
	const during = probe(busy);
	const cpuBefore = server.cpuSeconds();
	const t0 = performance.now();
	let runs = 0;
	const failed = [];
	let left = N;
	while (left > 0) {
		const r = await api('/api/anguan/jobs/issue', { method: 'POST', token: admin });
		runs++;
		failed.push(...r.failed);
		left = await waiting();
		if (r.issued === 0 && r.failed.length === 0 && left > 0) await new Promise((res) => setTimeout(res, 200));
		if (failed.length >= left && left > 0 && r.issued === 0) break;
	}
	const seconds = (performance.now() - t0) / 1000;
	const cpu = server.cpuSeconds() - cpuBefore;
	busy.done = true;
	const load = await during;
	const issued = (
		await api(`/api/collections/cert_applications/records?perPage=1&filter=${encodeURIComponent("status = '已发证'")}`, { token: admin })
	).totalItems;
	const ms = (v) => `${v.toFixed(0)} ms`;
	console.log(
		`\n发证任务：${issued} 份用时 ${seconds.toFixed(1)} s（${(issued / seconds).toFixed(0)} 份/秒，服务器 CPU ${((cpu * 1000) / Math.max(1, issued)).toFixed(1)} ms/份），任务接口调用 ${runs} 次（每次至多 500 份；每分钟的定时任务也可能分担）`
	);
	console.log(`  失败 ${failed.length}${failed.length ? ' ' + JSON.stringify(failed.slice(0, 3)) : ''}，仍待发证 ${left}`);
	for (const [name, a, b] of [
		['读取我的证书', idle.reads, load.reads],
		['保存联系电话', idle.writes, load.writes]
	])
		console.log(
			`  ${name}（${PROBES} 个并发用户）：任务前 p50 ${ms(a.p50)} / p95 ${ms(a.p95)}（${a.n} 次），任务中 p50 ${ms(b.p50)} / p95 ${ms(b.p95)} / 最大 ${ms(b.max)}（${b.n} 次）；p95 比 ${(b.p95 / a.p95).toFixed(2)}`
		);
	console.log(`机器负载（1 分钟平均）${loadavg()[0].toFixed(2)}，${cpus().length} 核；PocketBase 内存峰值 ${server.peakRssMB()} MB`);
	if (issued !== N || failed.length || left) exitCode = 1;
} finally {
	await server.stop();
}
process.exit(exitCode);
