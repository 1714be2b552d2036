/**
 * Per-account lockout and the login audit, through the login API as the app
 * and the admin UI call it: five wrong passwords lock the account for 15
 * minutes whatever addresses they come from, the answer says how long in
 * Chinese, an unknown account is answered the same way, and every attempt is
 * a login_audit row reviewers can read and nobody can write.
 */
import { describe, expect, it } from 'vitest';
import { cleanMessage, errorMessage } from '../../src/lib/api/errors';
import { maskIdNumber } from '../../src/lib/domain';
import { adminClient, client, createApplicant, createEnterprise, pbUrl, refused, uniqueIdNumber } from './helpers';

const login = (collection: string, identity: string, password: string, ip = '203.0.113.7') =>
	fetch(`${pbUrl()}/api/collections/${collection}/auth-with-password`, {
		method: 'POST',
		// PocketBase trusts X-Forwarded-For only when configured; the guesses below come from one socket but say otherwise.
		headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, 'user-agent': 'attack-test' },
		body: JSON.stringify({ identity, password })
	}).then(async (r) => {
		const body = (await r.json()) as { message: string; token?: string };
		// PocketBase ends messages with '.'; the app drops it after Chinese text (cleanMessage), so do the tests.
		return { status: r.status, body: { ...body, message: cleanMessage(body.message ?? '') } };
	});

async function auditOf(identity: string) {
	const admin = await adminClient();
	return admin.collection('login_audit').getFullList({ filter: admin.filter('identity = {:identity}', { identity }), sort: 'created,id' });
}

describe('lockout per account', () => {
	it('five wrong passwords lock the account: even the right one is refused for 15 minutes, with the wait in Chinese', async () => {
		const a = await createApplicant();
		const answers: string[] = [];
		for (let i = 0; i < 5; i++) answers.push((await login('applicants', a.identity, `wrong-guess-${i}`)).body.message);
		expect(answers.slice(0, 2)).toEqual(['身份证号或密码错误', '身份证号或密码错误']);
		expect(answers[2]).toBe('身份证号或密码错误；再错 2 次账号将锁定 15 分钟');
		expect(answers[3]).toBe('身份证号或密码错误；再错 1 次账号将锁定 15 分钟');
		expect(answers[4]).toBe('身份证号或密码错误；连续 5 次错误，账号已锁定，请 15 分钟后再试');

		const right = await login('applicants', a.identity, a.password);
		expect(right.status).toBe(400);
		expect(right.body.token).toBeUndefined();
		expect(right.body.message).toMatch(/^密码错误次数过多，账号已锁定，请 1[45] 分钟后再试$/);
		// The app shows exactly that text.
		expect(errorMessage(await refused(() => client().collection('applicants').authWithPassword(a.identity, a.password), 400))).toMatch(
			/账号已锁定，请 1[45] 分钟后再试/
		);
	});

	it('counts concurrent guesses from many addresses: no more than five passwords are ever checked', async () => {
		const a = await createApplicant();
		// 40 guesses at once from 8 addresses, the right password among the last ones.
		const guesses = Array.from({ length: 40 }, (_, i) =>
			login('applicants', a.identity, i === 35 ? a.password : `guess-${i}`, `198.51.100.${i % 8}`)
		);
		const results = await Promise.all(guesses);
		expect(results.filter((r) => r.body.token)).toHaveLength(0);
		// The helper's own login when the account was made, then the 40 guesses.
		const rows = (await auditOf(a.identity)).slice(1);
		expect(rows).toHaveLength(40);
		expect(rows.filter((r) => r.result === '密码错误').length).toBeLessThanOrEqual(5);
		expect(rows.filter((r) => r.result === '已锁定').length).toBeGreaterThanOrEqual(35);
	});

	it('an unknown account locks the same way, so the answers do not tell which accounts exist', async () => {
		const unknown = uniqueIdNumber();
		const answers = [];
		for (let i = 0; i < 6; i++) answers.push((await login('applicants', unknown, `guess-${i}`)).body.message);
		expect(answers[0]).toBe('身份证号或密码错误');
		expect(answers[4]).toContain('账号已锁定，请 15 分钟后再试');
		expect(answers[5]).toMatch(/^密码错误次数过多，账号已锁定/);
	});

	it('a success clears the count, and enterprises and reviewers are locked alike', async () => {
		const e = await createEnterprise();
		for (let i = 0; i < 4; i++) await login('enterprises', e.identity, `wrong-${i}`);
		expect((await login('enterprises', e.identity, e.password)).body.token).toBeTruthy();
		for (let i = 0; i < 4; i++)
			expect((await login('enterprises', e.identity, `wrong-again-${i}`)).body.message).not.toContain('已锁定，请');
		expect((await login('enterprises', e.identity, 'wrong-5th')).body.message).toBe(
			'统一社会信用代码或密码错误；连续 5 次错误，账号已锁定，请 15 分钟后再试'
		);

		const reviewer = `nobody-${Date.now()}@test.local`;
		for (let i = 0; i < 5; i++) await login('_superusers', reviewer, `wrong-${i}`);
		expect((await login('_superusers', reviewer, 'wrong-6')).body.message).toMatch(/^密码错误次数过多，账号已锁定/);
	});
});

describe('login audit', () => {
	it('records who, when, from where and the result of every attempt; reviewers read it, with the ID number masked in lists', async () => {
		const a = await createApplicant({ data: { name: '审计测试人' } });
		await login('applicants', a.identity, 'not-it-1', '192.0.2.44');
		await login('applicants', a.identity, a.password, '192.0.2.44');
		const rows = await auditOf(a.identity);
		// The helper's own login when the account was made comes first.
		expect(rows.map((r) => r.result)).toEqual(['成功', '密码错误', '成功']);
		const last = rows[2];
		expect(last).toMatchObject({
			accountType: '个人',
			accountId: a.record.id,
			who: `${maskIdNumber(a.identity)} 审计测试人`,
			userAgent: 'attack-test'
		});
		expect(last.who).not.toContain(a.identity);
		expect(last.ip).toMatch(/\d/);
		expect(new Date(last.created.replace(' ', 'T')).getTime()).toBeGreaterThan(Date.now() - 60_000);
	});

	it('is append-only: no applicant, enterprise, anonymous visitor or reviewer writes or removes rows through the API', async () => {
		const a = await createApplicant();
		const [row] = await auditOf(a.identity);
		for (const pb of [a.pb, client()]) {
			await refused(() => pb.collection('login_audit').getList());
			await refused(() => pb.collection('login_audit').create({ result: '成功', identity: a.identity }));
		}
		const admin = await adminClient();
		await refused(() => admin.collection('login_audit').create({ result: '成功', identity: a.identity }), 403);
		await refused(() => admin.collection('login_audit').update(row.id, { result: '密码错误' }), 403);
		await refused(() => admin.collection('login_audit').delete(row.id), 403);
	});
});
