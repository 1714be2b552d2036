/**
 * 变更 / 延续 applications against a real PocketBase: what the server fills
 * in itself, every move of the review state machine it allows or refuses
 * (also for reviewers), the same Chinese messages for a request that skips
 * the app, and issuance with ISSUE_DELAY_MINUTES=0.
 */
import type { ClientResponseError } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { cleanMessage } from '../../src/lib/api/errors';
import {
	APPLICATION_MESSAGES,
	addDays,
	chinaDay,
	lateRenewalMessage,
	parseCertNo,
	REVIEW_MESSAGES,
	transitionError,
	validateApplication
} from '../../src/lib/domain';
import { adminClient, createApplicant, pbUrl, refused, uniqueIdNumber } from './helpers';
import { applicationBody, createHolder, eventsOf, pdfScan, review, submitApplication } from './factories-applications';

/** The message at a field (or on top), as the app shows it: PocketBase appends an ASCII '.'. */
const said = (e: ClientResponseError, field?: string) =>
	cleanMessage(field ? ((e.response.data as Record<string, { message: string }>)[field]?.message ?? '') : e.response.message);

const moves = async (id: string) => (await eventsOf(id)).map((e) => `${e.from || '∅'}→${e.to}`).sort();

describe('submitting an application', () => {
	it('the server sets status, submission time and the snapshot of current values, whatever the client sends', async () => {
		const h = await createHolder();
		const a = await submitApplication(h, {
			status: '审核通过',
			origName: '伪造',
			origEnterprise: h.newEmployer.id,
			reviewer: 'me',
			rejectReasons: ['在新单位参保不满3个月'],
			issueAfter: '2020-01-01 00:00:00.000Z'
		});
		expect(a.status).toBe('已提交');
		expect(a.submittedAt).not.toBe('');
		expect(a.origIdNumber).toBe(h.applicant.identity);
		expect(a.origName).toBe('测试申请人');
		expect(a.origEnterprise).toBe(h.employer.id);
		expect(a.origPosition).toBe('安全员');
		// Hidden from applicants (a reviewer's login); empty for reviewers too.
		expect(a).not.toHaveProperty('reviewer');
		expect((await (await adminClient()).collection('cert_applications').getOne(a.id)).reviewer).toBe('');
		expect(a.rejectReasons).toEqual([]);
		expect(a.issueAfter).toBe('');
		expect(Object.keys(a).filter((k) => k.startsWith('@'))).toEqual([]);
		expect(await moves(a.id)).toEqual(['∅→已提交']);
		expect((await eventsOf(a.id))[0].actor).toBe('申请人');
	});

	it('refuses a second open application for the same certificate', async () => {
		const h = await createHolder();
		await submitApplication(h);
		const e = await refused(() => submitApplication(h), 400);
		expect(said(e, 'certificate')).toBe(APPLICATION_MESSAGES.alreadyOpen);
	});

	it('refuses a B application without the 建造师执业证书, with the field message', async () => {
		const h = await createHolder({ category: 'B' });
		const e = await refused(() => submitApplication(h, { builderCert: [] }), 400);
		expect(said(e, 'builderCert')).toBe('B证须上传建造师执业证书（带二维码可验证）');
		expect(said(e)).toBe('B证须上传建造师执业证书（带二维码可验证）');
		expect((await submitApplication(h)).status).toBe('已提交');
	});

	it('a request that skips the app gets the same Chinese messages as the form', async () => {
		const h = await createHolder();
		const form = new FormData();
		form.append('applicant', h.applicant.record.id);
		form.append('certificate', h.certificate.id);
		form.append('kind', '变更');
		form.append('idNumber', '53010219900101123');
		form.append('name', '王1');
		form.append('title', '');
		form.append('position', '安全员');
		form.append('enterprise', h.newEmployer.id);
		form.append('idCardBack', pdfScan('a.pdf'));
		const res = await fetch(`${pbUrl()}/api/collections/cert_applications/records`, {
			method: 'POST',
			headers: { authorization: h.applicant.pb.authStore.token },
			body: form
		});
		expect(res.status).toBe(400);
		const body = (await res.json()) as { data: Record<string, { message: string }> };
		const expected = validateApplication({
			kind: '变更',
			category: 'C2',
			idNumber: '53010219900101123',
			name: '王1',
			title: '',
			position: '安全员',
			enterprise: h.newEmployer.id,
			files: { idCardBack: [{ name: 'a.pdf', size: 20 * 1024 }] }
		});
		const got = Object.fromEntries(Object.entries(body.data).map(([k, v]) => [k, cleanMessage(v.message)]));
		expect(got).toEqual(expected);
		expect(Object.keys(got).sort()).toEqual(['applicationForm', 'idCardFront', 'idNumber', 'name', 'pledge', 'socialInsurance', 'title']);
	});

	it('refuses a file type the rules do not allow', async () => {
		const h = await createHolder();
		const txt = new File(['x'.repeat(20000)], '承诺书.txt', { type: 'text/plain' });
		const e = await refused(() => submitApplication(h, { pledge: [txt] }), 400);
		expect(said(e, 'pledge')).toContain('只能上传 jpg、png 或 pdf');
	});

	it("only for one's own, valid certificate", async () => {
		const [h, other] = await Promise.all([createHolder(), createHolder()]);
		const e = await refused(() => submitApplication(h, { certificate: other.certificate.id }), 400);
		expect(said(e, 'certificate')).toBe(APPLICATION_MESSAGES.notHolder);
		const lapsed = await createHolder({ status: '失效' });
		const e2 = await refused(() => submitApplication(lapsed), 400);
		expect(said(e2, 'certificate')).toBe(APPLICATION_MESSAGES.certificateInactive);
	});

	it('refuses an ID number that belongs to another account', async () => {
		const [h, other] = await Promise.all([createHolder(), createApplicant()]);
		const e = await refused(() => submitApplication(h, { idNumber: other.identity }), 400);
		expect(said(e, 'idNumber')).toBe(APPLICATION_MESSAGES.idNumberTaken);
	});
});

describe('renewal (延续) deadline', () => {
	it('a certificate valid until D can be renewed on D − 1', async () => {
		const h = await createHolder({ validUntil: addDays(chinaDay(), 1) });
		expect((await submitApplication(h, { kind: '延续' })).status).toBe('已提交');
	});

	it('a late renewal is refused with the deadline in the message', async () => {
		const validUntil = chinaDay();
		const h = await createHolder({ validUntil });
		const e = await refused(() => submitApplication(h, { kind: '延续' }), 400);
		expect(said(e, 'certificate')).toBe(lateRenewalMessage(validUntil));
		// A change (变更) of a still valid certificate is not bound to the deadline.
		expect((await submitApplication(h, { kind: '变更' })).status).toBe('已提交');
	});
});

describe('review state machine: allowed moves', () => {
	it('submit → review → reject with reason → supplement and resubmit → review → approve → issued', async () => {
		const h = await createHolder({ certNo: '' });
		const a = await submitApplication(h);
		expect((await review(a.id, '审核中')).status).toBe('审核中');

		const rejected = await review(a.id, '审核不通过', { rejectReasons: ['在新单位参保不满3个月'], rejectNote: '请补充近3个月社保证明' });
		expect(rejected.status).toBe('审核不通过');
		expect(rejected.reviewer).toBe('reviewer@test.local');
		expect(rejected.decidedAt).not.toBe('');
		const seen = await h.applicant.pb.collection('cert_applications').getOne(a.id);
		expect(seen.rejectReasons).toEqual(['在新单位参保不满3个月']);

		// The applicant supplements the same record and resubmits it.
		const resubmitted = await h.applicant.pb
			.collection('cert_applications')
			.update(a.id, { status: '已提交', 'socialInsurance+': [pdfScan('社保证明-近3个月.pdf')] });
		expect(resubmitted.status).toBe('已提交');
		expect(resubmitted.socialInsurance).toHaveLength(2);
		expect(resubmitted.rejectReasons).toEqual([]);
		expect((await (await adminClient()).collection('cert_applications').getOne(a.id)).reviewer).toBe('');

		await review(a.id, '审核中');
		const approved = await review(a.id, '审核通过');
		expect(approved.status).toBe('审核通过');

		// ISSUE_DELAY_MINUTES=0: issued right after approval.
		const admin = await adminClient();
		const issued = await admin.collection('cert_applications').getOne(a.id);
		expect(issued.status).toBe('已发证');
		expect(issued.issuedAt).not.toBe('');
		const cert = await admin.collection('certificates').getOne(h.certificate.id);
		expect(parseCertNo(cert.certNo)).toMatchObject({ category: 'C2', year: Number(chinaDay().slice(0, 4)) });
		expect(cert.ecertIssuedAt).not.toBe('');
		expect(cert.verifyCode).toMatch(/^[A-Z2-9]{12}$/);
		expect(cert.enterprise).toBe(h.newEmployer.id);
		const person = await h.applicant.pb.collection('applicants').getOne(h.applicant.record.id);
		expect(person).toMatchObject({ name: '王小明', title: '工程师', position: '项目安全负责人', enterprise: h.newEmployer.id });

		expect(await moves(a.id)).toEqual(
			['∅→已提交', '已提交→审核中', '审核中→审核不通过', '审核不通过→已提交', '已提交→审核中', '审核中→审核通过', '审核通过→已发证'].sort()
		);
		const events = await h.applicant.pb.collection('review_events').getFullList({ filter: `recordId = "${a.id}"` });
		expect(events.find((e) => e.to === '审核不通过')?.reason).toBe('在新单位参保不满3个月；请补充近3个月社保证明');
		expect(events.find((e) => e.to === '已发证')?.actor).toBe('system');
	});

	it('the applicant withdraws while 已提交 and submits again', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		expect((await h.applicant.pb.collection('cert_applications').update(a.id, { status: '已撤回' })).status).toBe('已撤回');
		// A withdrawn application no longer blocks; it can be edited and sent again.
		const again = await h.applicant.pb.collection('cert_applications').update(a.id, { status: '已提交', position: '安全主管' });
		expect(again).toMatchObject({ status: '已提交', position: '安全主管' });
		expect(await moves(a.id)).toEqual(['∅→已提交', '已提交→已撤回', '已撤回→已提交'].sort());
	});

	it('a renewal extends the certificate by three years and keeps its number', async () => {
		const validUntil = addDays(chinaDay(), 30);
		const h = await createHolder({ validUntil, certNo: '云建安C2（2023）0000777' });
		const a = await submitApplication(h, { kind: '延续', enterprise: h.employer.id });
		await review(a.id, '审核中');
		await review(a.id, '审核通过');
		const cert = await (await adminClient()).collection('certificates').getOne(h.certificate.id);
		expect(cert.certNo).toBe('云建安C2（2023）0000777');
		expect(cert.validUntil.slice(0, 10)).toBe(`${Number(validUntil.slice(0, 4)) + 3}${validUntil.slice(4)}`);
		expect(cert.status).toBe('有效');
	});

	it('certificate numbers are allocated one after another within category and year', async () => {
		const [h1, h2] = await Promise.all([createHolder({ category: 'A', certNo: '' }), createHolder({ category: 'A', certNo: '' })]);
		const [a1, a2] = await Promise.all([submitApplication(h1), submitApplication(h2)]);
		await Promise.all([review(a1.id, '审核中'), review(a2.id, '审核中')]);
		await Promise.all([review(a1.id, '审核通过'), review(a2.id, '审核通过')]);
		const admin = await adminClient();
		const [c1, c2] = await Promise.all([
			admin.collection('certificates').getOne(h1.certificate.id),
			admin.collection('certificates').getOne(h2.certificate.id)
		]);
		const s = [parseCertNo(c1.certNo)!.serial, parseCertNo(c2.certNo)!.serial].sort((x, y) => x - y);
		expect(s[1]).toBe(s[0] + 1);
	});
});

describe('review state machine: refused moves', () => {
	it("a reviewer cannot jump past the table: 已发证 is the system's, a refusal is final until resubmitted", async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		const e2 = await refused(() => review(a.id, '已发证'), 400);
		expect(said(e2, 'status')).toBe('申请状态不能从“已提交”变为“已发证”');
		await review(a.id, '审核不通过', { rejectNote: '缺社保证明' });
		const e = await refused(() => review(a.id, '审核通过'), 400);
		expect(said(e, 'status')).toBe(transitionError('审核不通过', '审核通过', 'reviewer'));
		expect(said(e)).toBe('申请状态不能从“审核不通过”变为“审核通过”');
	});

	it("a reviewer cannot make the applicant's or the system's moves", async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		expect(said(await refused(() => review(a.id, '已撤回'), 400), 'status')).toBe('只有申请人可以将申请设为“已撤回”');
		await review(a.id, '审核中');
		await review(a.id, '审核不通过', { rejectReasons: ['承诺书未签字或未盖章'] });
		expect(said(await refused(() => review(a.id, '已提交'), 400), 'status')).toBe('只有申请人可以将申请设为“已提交”');
		const b = await submitApplication(h);
		await review(b.id, '审核中');
		// Not 审核通过 yet: the reviewer also cannot mark it issued.
		expect(said(await refused(() => review(b.id, '已发证'), 400), 'status')).toBe('申请状态不能从“审核中”变为“已发证”');
	});

	it('rejecting needs a reason; reasons only go with a rejection', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		await review(a.id, '审核中');
		const e = await refused(() => review(a.id, '审核不通过', { rejectReasons: [], rejectNote: '  ' }), 400);
		expect(said(e, 'rejectReasons')).toBe(REVIEW_MESSAGES.reasonRequired);
		const e2 = await refused(() => review(a.id, '审核通过', { rejectReasons: ['证件照片不符合要求'] }), 400);
		expect(said(e2, 'rejectReasons')).toBe(REVIEW_MESSAGES.reasonOnlyOnReject);
		expect((await review(a.id, '审核不通过', { rejectNote: '社保证明无二维码' })).status).toBe('审核不通过');
	});

	it('a reviewer cannot change what the applicant submitted, but may re-send it unchanged (the admin UI does)', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		const e = await refused(() => review(a.id, '审核中', { name: '李四' }), 400);
		expect(said(e, 'name')).toBe(APPLICATION_MESSAGES.reviewerContent);
		const fresh = await (await adminClient()).collection('cert_applications').getOne(a.id);
		const ok = await review(a.id, '审核中', {
			name: fresh.name,
			title: fresh.title,
			enterprise: fresh.enterprise,
			photoCheck: fresh.photoCheck
		});
		expect(ok.status).toBe('审核中');
	});

	it('the applicant cannot review its own application or set the system fields', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		const pb = h.applicant.pb.collection('cert_applications');
		expect(said(await refused(() => pb.update(a.id, { status: '审核中' }), 400), 'status')).toBe('只有审核人员可以将申请设为“审核中”');
		expect(said(await refused(() => pb.update(a.id, { status: '审核通过' }), 400), 'status')).toBe('只有审核人员可以将申请设为“审核通过”');
		expect(said(await refused(() => pb.update(a.id, { kind: '延续' }), 400), 'kind')).toBe(APPLICATION_MESSAGES.immutable);
		// Decision and system fields are simply not the applicant's to write.
		const same = await pb.update(a.id, { reviewer: 'me', decidedAt: '2020-01-01 00:00:00.000Z', rejectNote: 'x' });
		expect(same).toMatchObject({ status: '已提交', decidedAt: '', rejectNote: '' });
		expect((await (await adminClient()).collection('cert_applications').getOne(a.id)).reviewer).toBe('');
	});

	it('while 已提交 the applicant may only withdraw; while 审核中 nobody edits and nobody withdraws', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		const pb = h.applicant.pb.collection('cert_applications');
		expect(said(await refused(() => pb.update(a.id, { position: '经理' }), 400), 'position')).toBe(APPLICATION_MESSAGES.submittedLocked);
		await review(a.id, '审核中');
		const locked = '申请正在审核中，暂不能修改或撤回';
		expect(said(await refused(() => pb.update(a.id, { position: '经理' }), 400), 'position')).toBe(locked);
		expect(said(await refused(() => pb.update(a.id, { status: '已撤回' }), 400), 'status')).toBe(locked);
		expect(said(await refused(() => pb.update(a.id, { 'pledge+': [pdfScan('x.pdf')] }), 400), 'pledge')).toBe(locked);
	});

	it('a resubmission is checked like a new application', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		await review(a.id, '审核中');
		await review(a.id, '审核不通过', { rejectReasons: ['身份证扫描件不清晰或不完整'] });
		const e = await refused(
			() => h.applicant.pb.collection('cert_applications').update(a.id, { status: '已提交', idCardFront: null }),
			400
		);
		expect(said(e, 'idCardFront')).toBe('请上传身份证姓名面扫描件');
		expect((await h.applicant.pb.collection('cert_applications').getOne(a.id)).status).toBe('审核不通过');
	});

	it('an issued application is final', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		await review(a.id, '审核中');
		await review(a.id, '审核通过');
		const pb = h.applicant.pb.collection('cert_applications');
		expect(said(await refused(() => pb.update(a.id, { name: '赵六' }), 400), 'name')).toBe(APPLICATION_MESSAGES.decidedLocked);
		expect(said(await refused(() => review(a.id, '审核中'), 400), 'status')).toBe('申请状态不能从“已发证”变为“审核中”');
		// Issued, it no longer blocks a new application for the certificate.
		expect((await submitApplication(h, { name: '王小明' })).status).toBe('已提交');
	});
});

describe('privacy between applicants', () => {
	it("one applicant can neither read, change nor download another's application", async () => {
		const [h, intruder] = await Promise.all([createHolder(), createHolder()]);
		const a = await submitApplication(h);
		const theirs = intruder.applicant.pb.collection('cert_applications');
		await refused(() => theirs.getOne(a.id), 404);
		expect((await theirs.getList(1, 50, { filter: `id = "${a.id}"` })).items).toHaveLength(0);
		await refused(() => theirs.update(a.id, { status: '已撤回' }), 404);
		await refused(() => theirs.update(a.id, { 'pledge+': [pdfScan('evil.pdf')] }), 404);
		await refused(() => theirs.delete(a.id));
		expect(await intruder.applicant.pb.collection('review_events').getFullList({ filter: `recordId = "${a.id}"` })).toHaveLength(0);
		// Nor by filing in the other's name or for the other's certificate.
		await refused(() => theirs.create(applicationBody(h)));
		await refused(() => theirs.create(applicationBody(intruder, { certificate: h.certificate.id })), 400);

		const token = await intruder.applicant.pb.files.getToken();
		const url = `${pbUrl()}/api/files/cert_applications/${a.id}/${a.idCardFront}?token=${token}`;
		expect((await fetch(url)).status).toBe(404);
		const ownToken = await h.applicant.pb.files.getToken();
		expect((await fetch(url.replace(token, ownToken))).status).toBe(200);
		const admin = await adminClient();
		expect((await fetch(url.replace(token, await admin.files.getToken()))).status).toBe(200);
	});
});

describe('scheduled jobs', () => {
	it('lapse: a certificate past its end with no renewal pending becomes 失效; a pending renewal keeps it', async () => {
		const admin = await adminClient();
		const [lapsing, renewing] = await Promise.all([createHolder(), createHolder({ validUntil: addDays(chinaDay(), 10) })]);
		await submitApplication(renewing, { kind: '延续', enterprise: renewing.employer.id });
		const yesterday = addDays(chinaDay(), -1);
		await Promise.all([
			admin.collection('certificates').update(lapsing.certificate.id, { validUntil: yesterday }),
			admin.collection('certificates').update(renewing.certificate.id, { validUntil: yesterday })
		]);
		const res = await admin.send('/api/anguan/jobs/lapse', { method: 'POST' });
		expect(res.lapsed).toContain(lapsing.certificate.id);
		expect((await admin.collection('certificates').getOne(lapsing.certificate.id)).status).toBe('失效');
		expect((await admin.collection('certificates').getOne(renewing.certificate.id)).status).toBe('有效');
	});

	it('only reviewers may run a job by hand', async () => {
		const h = await createHolder();
		await refused(() => h.applicant.pb.send('/api/anguan/jobs/lapse', { method: 'POST' }));
		const res = await fetch(`${pbUrl()}/api/anguan/jobs/issue`, { method: 'POST' });
		expect(res.status).toBe(401);
	});
});

describe('ID number change', () => {
	it('approval applies a corrected ID number to the account', async () => {
		const h = await createHolder();
		const corrected = uniqueIdNumber();
		const a = await submitApplication(h, { idNumber: corrected });
		expect(a.origIdNumber).toBe(h.applicant.identity);
		await review(a.id, '审核中');
		await review(a.id, '审核通过');
		const person = await (await adminClient()).collection('applicants').getOne(h.applicant.record.id);
		expect(person.idNumber).toBe(corrected);
	});
});

describe('new ID photo', () => {
	it("the photo sent with the application becomes the applicant's photo on issuance", async () => {
		const { makeJpeg } = await import('../support/jpeg');
		const h = await createHolder();
		const photo = new File([makeJpeg(440, 572)], 'photo.jpg', { type: 'image/jpeg' });
		const a = await submitApplication(h, { photo, photoCheck: { passed: true, warnings: [] } });
		expect(a.photo).toMatch(/\.jpg$/);
		await review(a.id, '审核中');
		await review(a.id, '审核通过');
		const person = await h.applicant.pb.collection('applicants').getOne(h.applicant.record.id);
		expect(person.photo).toMatch(/\.jpg$/);
		expect(person.photoCheck).toEqual({ passed: true, warnings: [] });
		const token = await h.applicant.pb.files.getToken();
		const res = await fetch(h.applicant.pb.files.getURL(person, person.photo, { token }));
		expect(res.status).toBe(200);
		expect((await res.arrayBuffer()).byteLength).toBe(photo.size);
	});
});
