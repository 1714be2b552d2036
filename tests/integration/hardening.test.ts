/**
 * What a provincial deployment on the internet needs, each through the API
 * as an attacker or a careless client would meet it: no `users` collection,
 * no reviewer login shown to applicants, weak passwords refused on the
 * server, scan bombs refused by their header, invisible characters refused in
 * every text field, phone numbers normalised, protected files never cached,
 * 退出所有设备 ending every token, short tokens.
 */
import { describe, expect, it } from 'vitest';
import { fieldErrors, errorMessage } from '../../src/lib/api/errors';
import { defaultPassword, PASSWORD_STRENGTH_MESSAGES, SCAN_MAX_PIXELS, TEXT_HYGIENE_MESSAGE } from '../../src/lib/domain';
import { jpegClaiming, pdfWithPages, pngClaiming } from '../support/bombs';
import { makeJpeg } from '../support/jpeg';
import { createHolder, eventsOf, review, submitApplication } from './factories-applications';
import { adminClient, client, createApplicant, createEnterprise, pbUrl, refused, STRONG_PASSWORD } from './helpers';

const file = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => new File([bytes], name, { type });

describe('PocketBase’s starter users collection', () => {
	it('is gone: no sign-up, no list, no uploads', async () => {
		const signUp = await fetch(`${pbUrl()}/api/collections/users/records`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'x@example.com', password: 'whatever-123', passwordConfirm: 'whatever-123' })
		});
		expect(signUp.status).toBe(404);
		expect((await fetch(`${pbUrl()}/api/collections/users/records`)).status).toBe(404);
		const admin = await adminClient();
		expect((await admin.collections.getFullList()).map((c) => c.name)).not.toContain('users');
	});
});

describe('reviewers stay anonymous to applicants', () => {
	it('the decision and its audit rows show a role, never the reviewer’s login; reviewers still see who decided', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		await review(a.id, '审核不通过', { rejectReasons: ['在新单位参保不满3个月'] });
		const seen = await h.applicant.pb.collection('cert_applications').getOne(a.id);
		expect(seen).not.toHaveProperty('reviewer');
		const events = await h.applicant.pb.collection('review_events').getFullList({ filter: `recordId = "${a.id}"` });
		expect(events.map((e) => e.actor).sort()).toEqual(['审核人员', '申请人']);
		for (const e of events) expect(JSON.stringify(e)).not.toContain('@');
		expect((await (await adminClient()).collection('cert_applications').getOne(a.id)).reviewer).toBe('reviewer@test.local');
		expect((await eventsOf(a.id)).find((e) => e.to === '审核不通过')).toMatchObject({
			actor: '审核人员',
			actorAccount: 'reviewer@test.local'
		});
	});
});

describe('new passwords on the server', () => {
	it('refuses what a strength estimator guesses, the account’s own data and padded spaces, from a client that skipped the form', async () => {
		const a = await createApplicant({ mustChangePassword: true, data: { name: '李明华' } });
		const change = (p: string) =>
			a.pb.collection('applicants').update(a.record.id, { oldPassword: a.password, password: p, passwordConfirm: p });
		for (const weak of ['password1', `Aa${defaultPassword(a.identity)}`, `X${a.identity}`, 'Qwer1234!']) {
			expect(fieldErrors(await refused(() => change(weak), 400)).password, weak).toBe(PASSWORD_STRENGTH_MESSAGES.weak);
		}
		expect(fieldErrors(await refused(() => change(` ${STRONG_PASSWORD} `), 400)).password).toBe(PASSWORD_STRENGTH_MESSAGES.spaces);
		const ok = await change(STRONG_PASSWORD);
		expect(ok.mustChangePassword).toBe(false);
	});
});

describe('scan bombs', () => {
	it('refuses an image whose header promises more pixels than the budget, on every file field, before it is stored', async () => {
		const h = await createHolder();
		const bomb = () => file(jpegClaiming(20000, 15000), 'bomb.jpg', 'image/jpeg');
		const e = await refused(() => submitApplication(h, { idCardFront: bomb() }), 400);
		expect(fieldErrors(e).idCardFront).toBe(
			'“bomb.jpg”的像素过大（20000×15000，超过 5000 万像素）：请用手机普通拍照模式重拍，或缩小后再上传'
		);
		// PNG too, and on an enterprise's own licence field and a reviewer's upload alike.
		const ent = await createEnterprise();
		const admin = await adminClient();
		const png = file(pngClaiming(30000, 30000), 'bomb.png', 'image/png');
		expect(
			fieldErrors(await refused(() => admin.collection('enterprises').update(ent.record.id, { license: png }), 400)).license
		).toContain('像素过大');
		expect(
			fieldErrors(await refused(() => admin.collection('applicants').update(h.applicant.record.id, { photo: bomb() }), 400)).photo
		).toBeTruthy();
		// Nothing was stored.
		expect(
			(await admin.collection('cert_applications').getList(1, 1, { filter: `applicant = "${h.applicant.record.id}"` })).totalItems
		).toBe(0);
	});

	it('accepts the largest legal image and a normal scan', async () => {
		const side = Math.floor(Math.sqrt(SCAN_MAX_PIXELS));
		const h = await createHolder();
		const a = await submitApplication(h, {
			idCardFront: file(jpegClaiming(side, side), 'front.jpg', 'image/jpeg'),
			idCardBack: file(makeJpeg(640, 400), 'back.jpg', 'image/jpeg')
		});
		expect(a.idCardFront).toMatch(/\.jpg$/);
	});

	it('refuses a PDF with more pages than the limit', async () => {
		const h = await createHolder();
		const e = await refused(() => submitApplication(h, { applicationForm: [file(pdfWithPages(101), 'book.pdf', 'application/pdf')] }), 400);
		expect(fieldErrors(e).applicationForm).toBe('“book.pdf”有 101 页，超过 100 页：请只上传所需的页');
		const ok = await submitApplication(h, { applicationForm: [file(pdfWithPages(40), 'certificate.pdf', 'application/pdf')] });
		expect(ok.applicationForm).toHaveLength(1);
	});
});

describe('input hygiene on the server', () => {
	it('refuses control, bidi-override and zero-width characters in any text field, for owners and reviewers alike', async () => {
		const h = await createHolder();
		const e1 = await refused(() => submitApplication(h, { position: '安全员\u202e' }), 400);
		expect(fieldErrors(e1).position).toBe(TEXT_HYGIENE_MESSAGE);
		const ent = await createEnterprise();
		const e2 = await refused(() => ent.pb.collection('enterprises').update(ent.record.id, { contactName: '张\u200b工' }), 400);
		expect(fieldErrors(e2).contactName).toBe(TEXT_HYGIENE_MESSAGE);
		const a = await submitApplication(h);
		const admin = await adminClient();
		const e3 = await refused(
			() => review(a.id, '审核不通过', { rejectReasons: ['在新单位参保不满3个月'], rejectNote: '请补充\u0007材料' }),
			400
		);
		expect(fieldErrors(e3).rejectNote).toBe(TEXT_HYGIENE_MESSAGE);
		expect((await admin.collection('cert_applications').getOne(a.id)).status).toBe('已提交');
	});

	it('accepts rare characters outside the BMP and a minority name’s middle dot', async () => {
		const h = await createHolder();
		const a = await submitApplication(h, { name: '王𠀀' });
		expect(a.name).toBe('王𠀀');
		const b = await createHolder();
		expect((await submitApplication(b, { name: '阿依古丽·买买提' })).name).toBe('阿依古丽·买买提');
	});

	it('refuses an ID number with an impossible region and a credit code with an impossible organisation type', async () => {
		const admin = await adminClient();
		const { makeIdNumber, makeCreditCode } = await import('../../src/lib/domain');
		const e = await refused(
			() =>
				admin
					.collection('applicants')
					.create({ idNumber: makeIdNumber('990101', '19800101', 11), name: '测试', password: 'Abc12345x', passwordConfirm: 'Abc12345x' }),
			400
		);
		expect(fieldErrors(e).idNumber).toBe('身份证号前两位（省份代码）不正确，请核对后重新输入');
		const e2 = await refused(
			() =>
				admin
					.collection('enterprises')
					.create({ uscc: makeCreditCode('94530100MA6K12345'), name: '测试', password: 'Abc12345x', passwordConfirm: 'Abc12345x' }),
			400
		);
		expect(fieldErrors(e2).uscc).toBe('统一社会信用代码第2位（机构类别代码）与第1位不相符，请核对后重新输入');
		expect(
			errorMessage(
				await refused(
					() =>
						client()
							.collection('applicants')
							.authWithPassword(makeIdNumber('000101', '19800101', 11), 'x'),
					400
				)
			)
		).toContain('省份代码');
	});

	it('stores phone numbers as digits, whatever spacing, +86 or full-width digits were typed', async () => {
		const a = await createApplicant();
		expect((await a.pb.collection('applicants').update(a.record.id, { phone: '+86 138 1234 5678' })).phone).toBe('13812345678');
		expect((await a.pb.collection('applicants').update(a.record.id, { phone: '１３９００００００００' })).phone).toBe('13900000000');
		expect(fieldErrors(await refused(() => a.pb.collection('applicants').update(a.record.id, { phone: '12345' }), 400)).phone).toBe(
			'请输入正确的手机号或固定电话，如 13800000000 或 0871-65177922'
		);
		const e = await createEnterprise();
		expect((await e.pb.collection('enterprises').update(e.record.id, { contactPhone: '（0871）6517 7922' })).contactPhone).toBe(
			'0871-65177922'
		);
	});
});

describe('sessions', () => {
	it('protected files are served private, no-store (a 网吧 browser keeps no ID scan)', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		const token = await h.applicant.pb.files.getToken();
		const res = await fetch(`${pbUrl()}/api/files/cert_applications/${a.id}/${a.idCardFront}?token=${token}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('private, no-store');
	});

	it('tokens last an hour, refresh while in use, and 退出所有设备 ends every login and file token of the account', async () => {
		const a = await createApplicant();
		const withPhoto = await (
			await adminClient()
		)
			.collection('applicants')
			.update(a.record.id, { photo: file(makeJpeg(440, 572), 'photo.jpg', 'image/jpeg') });
		const photoUrl = (token: string) => `${pbUrl()}/api/files/applicants/${a.record.id}/${withPhoto.photo}?token=${token}`;
		const payload = JSON.parse(Buffer.from(a.pb.authStore.token.split('.')[1], 'base64url').toString());
		expect(payload.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(3600);
		expect(payload.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(3000);
		// Another device, logged in too, refreshes its token.
		const other = client();
		await other.collection('applicants').authWithPassword(a.identity, a.password);
		await other.collection('applicants').authRefresh();
		const fileToken = await other.files.getToken();
		expect((await fetch(photoUrl(fileToken))).status).toBe(200);

		const res = await fetch(`${pbUrl()}/api/anguan/sessions/revoke`, { method: 'POST', headers: { authorization: a.pb.authStore.token } });
		expect(res.status).toBe(200);
		await refused(() => a.pb.collection('applicants').getOne(a.record.id));
		await refused(() => other.collection('applicants').authRefresh(), 401);
		await refused(() => other.collection('applicants').getOne(a.record.id));
		expect((await fetch(photoUrl(fileToken))).status).toBe(404);
		// The password still works: a fresh login starts a new session.
		const again = client();
		await again.collection('applicants').authWithPassword(a.identity, a.password);
		expect((await again.collection('applicants').getOne(a.record.id)).id).toBe(a.record.id);
		expect((await fetch(`${pbUrl()}/api/anguan/sessions/revoke`, { method: 'POST' })).status).toBe(401);
	});
});
