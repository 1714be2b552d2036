/**
 * The retention schedule (pb_hooks/lib/retention.js) on a server of its own:
 * requests and audit rows are made through the API as people make them, then
 * aged by a one-off migration that moves their timestamps into the past (the
 * server is stopped meanwhile, as for any migration), and the daily job is
 * run through its route. Withdrawn and abandoned requests go with their files
 * and audit trail, decided requests lose their scans after the archive
 * period, and the login audit is kept at least 183 days whatever is configured.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pocketbaseBin, ROOT, startPocketBase, superuserClient, type RunningPocketBase } from '../support/pocketbase';
import { STRONG_PASSWORD, uniqueCreditCode, uniqueIdNumber } from '../support/identities';

const DAY = 86_400_000;
const env = { AUDIT_RETENTION_DAYS: '30' }; // asks for less than the 183-day minimum
let server: RunningPocketBase;
let admin: PocketBase;
const tmp: string[] = [];

afterAll(async () => {
	await server?.stop();
	tmp.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const pdf = (name: string) =>
	new File([`%PDF-1.4\n1 0 obj<</Type/Pages/Count 1>>endobj\n2 0 obj<</Type/Page>>endobj\n%${'x'.repeat(12000)}\n%%EOF\n`], name, {
		type: 'application/pdf'
	});

async function holder() {
	const ent = await admin
		.collection('enterprises')
		.create({ uscc: uniqueCreditCode(), name: '留存测试建设有限公司', password: STRONG_PASSWORD, passwordConfirm: STRONG_PASSWORD });
	const identity = uniqueIdNumber();
	const person = await admin.collection('applicants').create({
		idNumber: identity,
		name: '留存测试',
		title: '无',
		position: '安全员',
		enterprise: ent.id,
		password: STRONG_PASSWORD,
		passwordConfirm: STRONG_PASSWORD
	});
	const cert = await admin
		.collection('certificates')
		.create({ holder: person.id, category: 'C2', status: '有效', firstIssued: '2024-01-01', validUntil: '2029-06-30', enterprise: ent.id });
	const pb = new PocketBase(server.url);
	await pb.collection('applicants').authWithPassword(identity, STRONG_PASSWORD);
	const body = {
		applicant: person.id,
		certificate: cert.id,
		kind: '变更',
		idNumber: identity,
		name: '留存测试',
		title: '无',
		position: '安全员',
		enterprise: ent.id,
		idCardBack: pdf('back.pdf'),
		idCardFront: pdf('front.pdf'),
		pledge: [pdf('pledge.pdf')],
		applicationForm: [pdf('form.pdf')],
		socialInsurance: [pdf('si.pdf')]
	};
	return { identity, submit: () => pb.collection('cert_applications').create(body), pb };
}

/** Rows to age, by record id or login identity, and how many days ago their times become. */
const aged: { table: string; where: string; set: string[]; days: number }[] = [];
const age = (table: string, where: string, set: string[], days: number) => aged.push({ table, where, set, days });

const ids: Record<string, string> = {};
let auditOld = '';
let auditKept = '';

beforeAll(async () => {
	const dataDir = mkdtempSync(join(ROOT, 'tests/.tmp/retention-'));
	tmp.push(dataDir);
	server = await startPocketBase({ dataDir, env });
	admin = await superuserClient(server.url);

	const withdrawnOld = await holder();
	const w1 = await withdrawnOld.submit();
	await withdrawnOld.pb.collection('cert_applications').update(w1.id, { status: '已撤回' });
	age('cert_applications', `id = '${w1.id}'`, ['updated'], 100);
	const withdrawnRecent = await holder();
	const w2 = await withdrawnRecent.submit();
	await withdrawnRecent.pb.collection('cert_applications').update(w2.id, { status: '已撤回' });
	age('cert_applications', `id = '${w2.id}'`, ['updated'], 60);

	const refusedOld = await holder();
	const r1 = await refusedOld.submit();
	await admin.collection('cert_applications').update(r1.id, { status: '审核不通过', rejectReasons: ['在新单位参保不满3个月'] });
	age('cert_applications', `id = '${r1.id}'`, ['updated', 'decidedAt'], 200);
	const refusedRecent = await holder();
	const r2 = await refusedRecent.submit();
	await admin.collection('cert_applications').update(r2.id, { status: '审核不通过', rejectReasons: ['在新单位参保不满3个月'] });
	age('cert_applications', `id = '${r2.id}'`, ['updated', 'decidedAt'], 150);

	const issuedOld = await holder();
	const i1 = await issuedOld.submit();
	await admin.collection('cert_applications').update(i1.id, { status: '审核通过' }); // issued at once (ISSUE_DELAY_MINUTES=0)
	age('cert_applications', `id = '${i1.id}'`, ['updated', 'decidedAt', 'issuedAt'], 1100);
	const issuedRecent = await holder();
	const i2 = await issuedRecent.submit();
	await admin.collection('cert_applications').update(i2.id, { status: '审核通过' });
	age('cert_applications', `id = '${i2.id}'`, ['updated', 'decidedAt', 'issuedAt'], 400);
	Object.assign(ids, { w1: w1.id, w2: w2.id, r1: r1.id, r2: r2.id, i1: i1.id, i2: i2.id });

	// Login audit rows: one logged in "200 days ago", one "170 days ago".
	auditOld = withdrawnOld.identity;
	auditKept = withdrawnRecent.identity;
	age('login_audit', `identity = '${auditOld}'`, ['created'], 200);
	age('login_audit', `identity = '${auditKept}'`, ['created'], 170);

	// Stop, age the rows with a one-off migration, start again.
	await server.stop();
	const migrations = mkdtempSync(join(ROOT, 'tests/.tmp/retention-migrations-'));
	tmp.push(migrations);
	cpSync(join(ROOT, 'pb_migrations'), migrations, { recursive: true });
	const now = Date.now();
	const statements = aged.map(
		(a) =>
			`UPDATE ${a.table} SET ${a.set.map((c) => `${c} = '${new Date(now - a.days * DAY).toISOString().replace('T', ' ')}'`).join(', ')} WHERE ${a.where}`
	);
	writeFileSync(
		join(migrations, '1999999999_age_rows_for_test.js'),
		`migrate((app) => {\n${statements.map((q) => `  app.db().newQuery(${JSON.stringify(q)}).execute();`).join('\n')}\n});\n`
	);
	const up = spawnSync(
		pocketbaseBin(),
		[`--dir=${dataDir}`, `--migrationsDir=${migrations}`, `--hooksDir=${join(ROOT, 'pb_hooks')}`, 'migrate', 'up'],
		{ encoding: 'utf8' }
	);
	expect(up.status, up.stderr).toBe(0);
	server = await startPocketBase({ dataDir, env });
	admin = await superuserClient(server.url);
}, 180_000);

describe('the daily retention job', () => {
	it('purges withdrawn and abandoned requests with their files and review trail, keeps recent ones, strips old decided requests of their scans', async () => {
		const before = await admin.collection('cert_applications').getOne(ids.w1);
		const fileUrl = `${server.url}/api/files/cert_applications/${ids.w1}/${before.idCardFront}?token=${await admin.files.getToken()}`;
		expect((await fetch(fileUrl)).status).toBe(200);
		expect((await admin.collection('review_events').getFullList({ filter: `recordId = "${ids.w1}"` })).length).toBeGreaterThan(0);

		const res = await fetch(`${server.url}/api/anguan/jobs/retention`, {
			method: 'POST',
			headers: { authorization: admin.authStore.token }
		});
		expect(res.status).toBe(200);
		const done = await res.json();
		expect(done).toMatchObject({ withdrawn: 1, refused: 1, filesRemoved: 1, loginAudit: 1 });
		expect(done.schedule).toMatchObject({ withdrawnDays: 90, refusedDays: 180, filesDays: 1095, auditDays: 183 });

		const left = (await admin.collection('cert_applications').getFullList()).map((r) => r.id);
		expect(left).not.toContain(ids.w1);
		expect(left).not.toContain(ids.r1);
		expect(left).toEqual(expect.arrayContaining([ids.w2, ids.r2, ids.i1, ids.i2]));
		expect((await fetch(fileUrl)).status).toBe(404);
		expect(
			await admin.collection('review_events').getFullList({ filter: `recordId = "${ids.w1}" || recordId = "${ids.r1}"` })
		).toHaveLength(0);

		const old = await admin.collection('cert_applications').getOne(ids.i1);
		expect(old).toMatchObject({ status: '已发证', idCardFront: '', idCardBack: '', pledge: [], applicationForm: [], socialInsurance: [] });
		expect((await admin.collection('cert_applications').getOne(ids.i2)).idCardFront).not.toBe('');
	});

	it('keeps the login audit at least 183 days even when configured shorter', async () => {
		const rows = async (identity: string) =>
			(await admin.collection('login_audit').getFullList({ filter: admin.filter('identity = {:identity}', { identity }) })).length;
		expect(await rows(auditOld)).toBe(0);
		expect(await rows(auditKept)).toBeGreaterThan(0);
	});

	it('is for reviewers only', async () => {
		expect((await fetch(`${server.url}/api/anguan/jobs/retention`, { method: 'POST' })).status).toBe(401);
	});
});
