import { describe, expect, it } from 'vitest';
import {
	adminClient,
	client,
	createApplicant,
	createEnterprise,
	createCertificate,
	refused,
	STRONG_PASSWORD,
	uniqueIdNumber
} from './helpers';
import { setRateLimits } from '../support/pocketbase';
import { pbUrl } from './helpers';
import { errorMessage, fieldErrors } from '../../src/lib/api/errors';

describe('logins', () => {
	it('an applicant logs in with the ID number and the default password (its last 6 characters)', async () => {
		const a = await createApplicant({ mustChangePassword: true });
		const pb = client();
		const auth = await pb.collection('applicants').authWithPassword(a.identity, a.identity.slice(-6));
		expect(auth.record.id).toBe(a.record.id);
		expect(auth.record.mustChangePassword).toBe(true);
	});

	it('an enterprise logs in with its unified social credit code and the last 6 characters', async () => {
		const e = await createEnterprise({ mustChangePassword: true });
		const auth = await client().collection('enterprises').authWithPassword(e.identity, e.identity.slice(-6));
		expect(auth.record.uscc).toBe(e.identity);
	});

	it('accepts a lower-case x at the end of an ID number', async () => {
		let id = uniqueIdNumber();
		while (!id.endsWith('X')) id = uniqueIdNumber();
		const admin = await adminClient();
		await admin.collection('applicants').create({ idNumber: id, name: '测试', password: 'Abc12345x', passwordConfirm: 'Abc12345x' });
		const auth = await client().collection('applicants').authWithPassword(id.toLowerCase(), 'Abc12345x');
		expect(auth.record.idNumber).toBe(id);
	});

	it('answers a wrong password and an unknown account alike, in Chinese', async () => {
		const a = await createApplicant();
		const wrong = await refused(() => client().collection('applicants').authWithPassword(a.identity, 'not-the-password1'), 400);
		const unknown = await refused(() => client().collection('applicants').authWithPassword(uniqueIdNumber(), 'whatever123'), 400);
		expect(errorMessage(wrong)).toBe('身份证号或密码错误');
		expect(errorMessage(unknown)).toBe('身份证号或密码错误');
	});

	it('explains a malformed ID number or credit code (real checksums) instead of trying it', async () => {
		const id = uniqueIdNumber();
		const badCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
		expect(errorMessage(await refused(() => client().collection('applicants').authWithPassword(badCheck, '123456'), 400))).toBe(
			'身份证号校验位不正确，请核对后重新输入'
		);
		expect(errorMessage(await refused(() => client().collection('applicants').authWithPassword('53010219850230123X', '123456'), 400))).toBe(
			'身份证号中的出生日期不正确'
		);
		expect(
			errorMessage(await refused(() => client().collection('enterprises').authWithPassword('91530100MA6K12345A', '123456'), 400))
		).toBe('统一社会信用代码校验位不正确，请核对后重新输入');
		expect(
			errorMessage(await refused(() => client().collection('enterprises').authWithPassword('91530100MA6K1234OT', '123456'), 400))
		).toContain('不含 I、O、S、V、Z');
	});

	it('limits password guessing: too many attempts are answered 429', async () => {
		await setRateLimits(pbUrl(), true);
		try {
			const a = await createApplicant();
			let last = 0;
			for (let i = 0; i < 12; i++) {
				const e = await refused(() =>
					client()
						.collection('applicants')
						.authWithPassword(a.identity, 'wrong-password' + i)
				);
				last = e.status;
			}
			expect(last).toBe(429);
		} finally {
			await setRateLimits(pbUrl(), false);
		}
	});

	it('refuses to save an account whose ID number or credit code fails the checksum', async () => {
		const admin = await adminClient();
		const id = uniqueIdNumber();
		const e = await refused(
			() =>
				admin.collection('applicants').create({
					idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1'),
					name: '测试',
					password: 'Abc12345',
					passwordConfirm: 'Abc12345'
				}),
			400
		);
		expect(fieldErrors(e).idNumber).toBe('身份证号校验位不正确，请核对后重新输入');
	});
});

describe('forced password change on first login', () => {
	it('keeps a fresh applicant out of everything until the default password is replaced', async () => {
		const a = await createApplicant({ mustChangePassword: true });
		await createCertificate(a.record.id);
		expect((await a.pb.collection('certificates').getList()).items).toHaveLength(0);
		const e = await refused(() => a.pb.collection('applicants').update(a.record.id, { phone: '13800000000' }), 403);
		expect(errorMessage(e)).toBe('首次登录请先修改默认密码');

		await a.pb
			.collection('applicants')
			.update(a.record.id, { oldPassword: a.password, password: STRONG_PASSWORD, passwordConfirm: STRONG_PASSWORD });
		const pb = client();
		const auth = await pb.collection('applicants').authWithPassword(a.identity, STRONG_PASSWORD);
		expect(auth.record.mustChangePassword).toBe(false);
		expect((await pb.collection('certificates').getList()).items).toHaveLength(1);
	});

	it('refuses a weak new password or one equal to the default, with the reason', async () => {
		const a = await createApplicant({ mustChangePassword: true });
		const change = (p: string) =>
			a.pb.collection('applicants').update(a.record.id, { oldPassword: a.password, password: p, passwordConfirm: p });
		expect(fieldErrors(await refused(() => change('abcdefgh'), 400)).password).toBe('新密码须同时包含字母和数字');
		expect(fieldErrors(await refused(() => change('abc1'), 400)).password).toBe('新密码至少 8 位');
		const e = await refused(() => change(a.identity.slice(-8)), 400);
		expect(fieldErrors(e).password).toMatch(/新密码/);
	});

	it('refuses a password change without the current password', async () => {
		const a = await createApplicant({ mustChangePassword: true });
		await refused(
			() => a.pb.collection('applicants').update(a.record.id, { password: STRONG_PASSWORD, passwordConfirm: STRONG_PASSWORD }),
			400
		);
	});

	it('a reviewer resetting a password forces another change', async () => {
		const a = await createApplicant();
		const admin = await adminClient();
		const updated = await admin.collection('applicants').update(a.record.id, { password: 'Temp12345', passwordConfirm: 'Temp12345' });
		expect(updated.mustChangePassword).toBe(true);
	});
});

describe('own record', () => {
	it('lets an applicant change the phone but not the ID number, name or employer', async () => {
		const a = await createApplicant();
		expect((await a.pb.collection('applicants').update(a.record.id, { phone: '13900000000' })).phone).toBe('13900000000');
		for (const body of [{ idNumber: uniqueIdNumber() }, { name: '别人' }, { enterprise: '' }]) {
			const e = await refused(() => a.pb.collection('applicants').update(a.record.id, body), 403);
			expect(errorMessage(e)).toBe('此项信息须通过变更申请修改，审核通过后生效');
		}
	});

	it('lets an enterprise change contact details but not its name or credit code', async () => {
		const e = await createEnterprise();
		const r = await e.pb.collection('enterprises').update(e.record.id, { contactName: '张工', contactPhone: '0871-60000000' });
		expect(r.contactName).toBe('张工');
		await refused(() => e.pb.collection('enterprises').update(e.record.id, { name: '另一家公司' }), 403);
	});
});

describe('enterprise contact details', () => {
	it("refuses a malformed phone number or email from a client that skipped the form, with the form's message", async () => {
		const e = await createEnterprise();
		const err = await refused(() => e.pb.collection('enterprises').update(e.record.id, { contactPhone: '12345' }), 400);
		expect(fieldErrors(err).contactPhone).toBe('请输入正确的手机号或固定电话，如 13800000000 或 0871-65177922');
		const err2 = await refused(() => e.pb.collection('enterprises').update(e.record.id, { contactName: ' ' }), 400);
		expect(fieldErrors(err2).contactName).toBe('请输入联系人姓名');
	});
});
