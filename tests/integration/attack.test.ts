/**
 * The categories of the attack run against a started server, kept as a
 * regression suite: a cross-account matrix over every collection and verb,
 * file tokens, mass assignment, and a malformed-input sweep of every
 * endpoint. Whatever the attempt: never another account's data, never a
 * state-machine bypass, never a 5xx.
 */
import PocketBase, { ClientResponseError, type RecordModel } from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRONG_PASSWORD } from '../support/identities';
import { applicationBody, createHolder, pdfScan, submitApplication, type Holder } from './factories-applications';
import { adminClient, client, createApplicant, createEnterprise, pbUrl, type Account } from './helpers';

let victim: Holder;
let victimApplication: RecordModel;
let victimEnterprise: Account;
let victimChange: RecordModel;
let attacker: Account;
let attackerEnterprise: Account;
let fresh: Account; // still has to change the default password

const SYSTEM = ['_superusers', '_mfas', '_otps', '_authOrigins', '_externalAuths', 'login_audit', 'review_queue'];

beforeAll(async () => {
	victim = await createHolder();
	victimApplication = await submitApplication(victim);
	victimEnterprise = await createEnterprise();
	victimChange = await victimEnterprise.pb
		.collection('enterprise_changes')
		.create({ enterprise: victimEnterprise.record.id, name: '受害建设工程有限公司', license: pdfScan('license.pdf') });
	[attacker, attackerEnterprise, fresh] = await Promise.all([
		createApplicant(),
		createEnterprise(),
		createApplicant({ mustChangePassword: true })
	]);
});

/** The status of an SDK call: 2xx as 200, else the error's status. */
async function statusOf(fn: () => Promise<unknown>): Promise<number> {
	try {
		await fn();
		return 200;
	} catch (e) {
		if (e instanceof ClientResponseError) return e.status;
		throw e;
	}
}

async function snapshot(): Promise<string> {
	const admin = await adminClient();
	const rows = await Promise.all([
		admin.collection('applicants').getOne(victim.applicant.record.id),
		admin.collection('certificates').getOne(victim.certificate.id),
		admin.collection('cert_applications').getOne(victimApplication.id),
		admin.collection('enterprises').getOne(victimEnterprise.record.id),
		admin.collection('enterprise_changes').getOne(victimChange.id)
	]);
	return JSON.stringify(rows.map(({ updated, ...r }) => (void updated, r)));
}

describe('cross-account matrix', () => {
	it('no other account, no half-registered account and no anonymous visitor lists, views, creates, updates or deletes the victim’s records', async () => {
		const before = await snapshot();
		const targets: [string, string][] = [
			['applicants', victim.applicant.record.id],
			['certificates', victim.certificate.id],
			['cert_applications', victimApplication.id],
			['enterprises', victimEnterprise.record.id],
			['enterprise_changes', victimChange.id],
			[
				'review_events',
				(await (await adminClient()).collection('review_events').getFirstListItem(`recordId = "${victimApplication.id}"`)).id
			]
		];
		const actors: [string, PocketBase][] = [
			['another applicant', attacker.pb],
			['another enterprise', attackerEnterprise.pb],
			['an account that has not changed its default password', fresh.pb],
			['anonymous', client()]
		];
		const seen: string[] = [];
		for (const [who, pb] of actors) {
			for (const [collection, id] of targets) {
				const c = pb.collection(collection);
				const list = await c.getList(1, 200).catch(() => ({ items: [] as RecordModel[] }));
				if (list.items.some((r) => r.id === id)) seen.push(`${who} lists ${collection}`);
				const verbs: [string, () => Promise<unknown>][] = [
					['view', () => c.getOne(id)],
					['filter by id', () => c.getFirstListItem(`id = "${id}"`)],
					['update', () => c.update(id, { phone: '13000000000', status: '已撤回', contactName: 'x', name: 'x' })],
					['delete', () => c.delete(id)]
				];
				for (const [verb, call] of verbs) {
					const status = await statusOf(call);
					if (status < 400 || status >= 500) seen.push(`${who} ${verb} ${collection}: ${status}`);
				}
			}
			const self = pb.authStore.record?.id;
			for (const collection of SYSTEM) {
				const status = await statusOf(() => pb.collection(collection).getList(1, 1));
				const items = status === 200 ? (await pb.collection(collection).getList(1, 50)).items : [];
				// PocketBase lets an account list its own login origins (_authOrigins); nothing of anyone else's.
				if (items.some((r) => r.recordRef !== self)) seen.push(`${who} lists ${collection}`);
			}
			for (const [collection, body] of [
				['applicants', { idNumber: victim.applicant.identity, name: 'x', password: STRONG_PASSWORD, passwordConfirm: STRONG_PASSWORD }],
				['enterprises', { uscc: victimEnterprise.identity, name: 'x', password: STRONG_PASSWORD, passwordConfirm: STRONG_PASSWORD }],
				['certificates', { holder: victim.applicant.record.id, category: 'A', status: '有效' }],
				['cert_applications', applicationBody(victim)],
				['enterprise_changes', { enterprise: victimEnterprise.record.id, name: '冒名有限公司', license: pdfScan('x.pdf') }],
				['review_events', { recordCollection: 'cert_applications', recordId: victimApplication.id, to: '审核通过' }],
				['_superusers', { email: `evil${Date.now()}@x.cn`, password: STRONG_PASSWORD, passwordConfirm: STRONG_PASSWORD }]
			] as [string, Record<string, unknown>][]) {
				const status = await statusOf(() => pb.collection(collection).create(body));
				if (status < 400 || status >= 500) seen.push(`${who} creates ${collection}: ${status}`);
			}
		}
		expect(seen).toEqual([]);
		expect(await snapshot()).toBe(before);
	});

	it('the enterprise directory shows names and codes to logged-in people only, and accepts no writes', async () => {
		const dir = attacker.pb.collection('enterprise_directory');
		const row = (await dir.getList(1, 1, { filter: `id = "${victimEnterprise.record.id}"` })).items[0];
		expect(Object.keys(row).sort()).toEqual(['collectionId', 'collectionName', 'id', 'name', 'regCity', 'uscc']);
		expect((await client().collection('enterprise_directory').getList(1, 5)).items).toHaveLength(0);
		expect((await fresh.pb.collection('enterprise_directory').getList(1, 5)).items).toHaveLength(0);
		for (const call of [() => dir.create({ name: 'x' }), () => dir.update(row.id, { name: 'x' }), () => dir.delete(row.id)])
			expect(await statusOf(call)).toBeGreaterThanOrEqual(400);
	});
});

describe('file tokens', () => {
	it('a protected file needs the owner’s (or a reviewer’s) fresh file token: another account’s token, an auth token or a forged one get nothing', async () => {
		const url = (token?: string, thumb = false) =>
			`${pbUrl()}/api/files/cert_applications/${victimApplication.id}/${victimApplication.idCardFront}${token !== undefined ? `?token=${token}` : ''}${thumb ? `${token !== undefined ? '&' : '?'}thumb=240x0` : ''}`;
		expect((await fetch(url(await victim.applicant.pb.files.getToken()))).status).toBe(200);
		const refusedWith = async (token?: string, thumb = false) => expect((await fetch(url(token, thumb))).status, String(token)).toBe(404);
		await refusedWith();
		await refusedWith(undefined, true);
		await refusedWith(await attacker.pb.files.getToken());
		await refusedWith(await attackerEnterprise.pb.files.getToken());
		await refusedWith(victim.applicant.pb.authStore.token); // an auth token is not a file token
		const [h, , s] = (await attacker.pb.files.getToken()).split('.');
		const forged = Buffer.from(
			JSON.stringify({ id: victim.applicant.record.id, collectionId: victim.applicant.record.collectionId, type: 'file', exp: 9999999999 })
		).toString('base64url');
		await refusedWith(`${h}.${forged}.${s}`);
		await refusedWith('garbage');
		// Anonymous requests for a file token are refused outright.
		expect((await fetch(`${pbUrl()}/api/files/token`, { method: 'POST' })).status).toBe(401);
	});
});

describe('mass assignment', () => {
	it('an applicant cannot set fields the server owns on its own record', async () => {
		const a = await createApplicant();
		for (const body of [
			{ mustChangePassword: true },
			{ verified: true },
			{ email: 'me@evil.cn' },
			{ emailVisibility: true },
			{ photoCheckSummary: '通过' },
			{ gender: '女' },
			{ enterprise: attackerEnterprise.record.id }
		]) {
			expect(await statusOf(() => a.pb.collection('applicants').update(a.record.id, body)), JSON.stringify(body)).toBe(403);
		}
		// PocketBase drops a token key from a non-reviewer's body: the account's tokens stay as they were.
		await a.pb
			.collection('applicants')
			.update(a.record.id, { tokenKey: 'x'.repeat(50) })
			.catch(() => undefined);
		expect((await a.pb.collection('applicants').getOne(a.record.id)).id).toBe(a.record.id);
		// A fresh account cannot skip the forced password change by clearing the flag itself.
		expect(await statusOf(() => fresh.pb.collection('applicants').update(fresh.record.id, { mustChangePassword: false }))).toBe(403);
		const admin = await adminClient();
		expect((await admin.collection('applicants').getOne(fresh.record.id)).mustChangePassword).toBe(true);
	});

	it('a new application cannot arrive decided, issued, or in someone else’s name; decision fields are the server’s', async () => {
		const h = await createHolder();
		const forged = await submitApplication(h, {
			status: '审核通过',
			reviewer: 'admin@x.cn',
			decidedAt: '2020-01-01 00:00:00.000Z',
			issuedAt: '2020-01-01 00:00:00.000Z',
			rejectReasons: ['在新单位参保不满3个月'],
			issueError: 'x',
			origName: '伪造',
			reviewLink: 'https://evil.example'
		});
		const stored = await (await adminClient()).collection('cert_applications').getOne(forged.id);
		expect(stored).toMatchObject({
			status: '已提交',
			reviewer: '',
			decidedAt: '',
			issuedAt: '',
			rejectReasons: [],
			issueError: '',
			origName: '测试申请人'
		});
		expect(stored.reviewLink).not.toContain('evil');
		expect(await statusOf(() => h.applicant.pb.collection('cert_applications').update(forged.id, { status: '已发证' }))).toBe(400);
		expect(await statusOf(() => attacker.pb.collection('cert_applications').create(applicationBody(h)))).toBeGreaterThanOrEqual(400);
		expect(
			await statusOf(() =>
				attackerEnterprise.pb
					.collection('enterprise_changes')
					.create({ enterprise: victimEnterprise.record.id, name: '冒名有限公司', license: pdfScan('x.pdf') })
			)
		).toBeGreaterThanOrEqual(400);
	});

	it('a batch carries no more rights than its requests one by one', async () => {
		const batch = attacker.pb.createBatch();
		batch.collection('applicants').update(victim.applicant.record.id, { phone: '13000000000' });
		batch.collection('cert_applications').update(victimApplication.id, { status: '已撤回' });
		expect(await statusOf(() => batch.send())).toBeGreaterThanOrEqual(400);
		const admin = await adminClient();
		expect((await admin.collection('cert_applications').getOne(victimApplication.id)).status).toBe('已提交');
	});
});

describe('malformed input sweep', () => {
	it('every endpoint answers malformed, oversized, mistyped and hostile bodies with a 4xx, never a 5xx', async () => {
		const token = attacker.pb.authStore.token;
		const endpoints: [string, string][] = [
			['POST', '/api/collections/applicants/auth-with-password'],
			['POST', '/api/collections/enterprises/auth-with-password'],
			['POST', '/api/collections/_superusers/auth-with-password'],
			['POST', '/api/collections/applicants/auth-refresh'],
			['POST', '/api/collections/cert_applications/records'],
			['PATCH', `/api/collections/cert_applications/records/${victimApplication.id}`],
			['PATCH', `/api/collections/applicants/records/${attacker.record.id}`],
			['POST', '/api/collections/enterprise_changes/records'],
			['POST', '/api/batch'],
			['POST', '/api/anguan/sessions/revoke'],
			['POST', '/api/anguan/jobs/issue'],
			['POST', '/api/anguan/jobs/retention'],
			['GET', '/api/collections/certificates/records?filter=' + encodeURIComponent('holder.idNumber ~ "5" || 1=1')],
			['GET', '/api/collections/cert_applications/records?sort=' + encodeURIComponent('@random,(select 1)')],
			['GET', '/api/collections/applicants/records?expand=' + encodeURIComponent('enterprise.applicants_via_enterprise')]
		];
		const deep = '['.repeat(5000) + ']'.repeat(5000);
		const bodies: (string | undefined)[] = [
			undefined,
			'not json',
			'{"identity":',
			'[]',
			'null',
			'{"identity":123,"password":["x"],"status":{"$gt":""}}',
			JSON.stringify({ identity: '\u0000\u202e5301', password: 'x'.repeat(100_000), name: '<script>alert(1)</script>', requests: 'x' }),
			JSON.stringify({ requests: [{ method: 'DELETE', url: '/api/collections/applicants/records/' + victim.applicant.record.id }] }),
			deep
		];
		const fails: string[] = [];
		for (const [method, path] of endpoints) {
			for (const body of method === 'GET' ? [undefined] : bodies) {
				for (const auth of [undefined, token]) {
					const res = await fetch(`${pbUrl()}${path}`, {
						method,
						headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
						body
					});
					if (res.status >= 500) fails.push(`${method} ${path} ${String(body).slice(0, 30)}: ${res.status}`);
				}
			}
		}
		expect(fails).toEqual([]);
		// The victim is still there and untouched by the batch in the sweep.
		expect((await (await adminClient()).collection('applicants').getOne(victim.applicant.record.id)).id).toBe(victim.applicant.record.id);
	});

	it('stored text comes back as the same text (the app escapes it), and multipart tricks are refused', async () => {
		const h = await createHolder();
		const xss = '<img src=x onerror=alert(1)>';
		const stored = await submitApplication(h, { position: xss });
		expect((await h.applicant.pb.collection('cert_applications').getOne(stored.id)).position).toBe(xss);
		const form = new FormData();
		form.append('applicant', h.applicant.record.id);
		form.append('idCardFront', new File(['<svg onload=alert(1)>'], 'x.svg', { type: 'image/svg+xml' }));
		const res = await fetch(`${pbUrl()}/api/collections/cert_applications/records`, {
			method: 'POST',
			headers: { authorization: h.applicant.pb.authStore.token },
			body: form
		});
		expect(res.status).toBe(400);
	});
});
