/**
 * What reviewers do in the admin UI, against a real PocketBase: the UI sends
 * every field back on save (JSON fields re-encoded, files as their names),
 * so the hooks compare values, never presence; a decision takes one save;
 * identities that became someone else's are refused at approval; an
 * issuance that fails anyway is parked for a reviewer instead of retried
 * forever; the queue links to each request.
 */
import type { ClientResponseError, RecordModel } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { cleanMessage } from '../../src/lib/api/errors';
import {
	APPLICATION_MESSAGES,
	addDays,
	chinaDay,
	chinaDateTime,
	earlyRenewalMessage,
	makeIdNumber,
	operationStatusText,
	photoCheckSummary,
	renewedValidUntil
} from '../../src/lib/domain';
import { makeJpeg } from '../support/jpeg';
import { startPocketBase, superuserClient } from '../support/pocketbase';
import { adminClient, createEnterprise, refused, uniqueCreditCode, uniqueIdNumber } from './helpers';
import { createHolder, eventsOf, pdfScan, review, submitApplication } from './factories-applications';

const said = (e: ClientResponseError, field?: string) =>
	cleanMessage(field ? ((e.response.data as Record<string, { message: string }>)[field]?.message ?? '') : e.response.message);
const moves = async (id: string) => (await eventsOf(id)).map((e) => `${e.from || '∅'}→${e.to}`);

/** A photo report as the photo tool writes it, keys in the tool's order. */
const REPORT = {
	version: 1,
	checkedAt: '2026-11-01T08:00:00.000Z',
	source: { name: 'me.jpg', type: 'image/jpeg', width: 3000, height: 4000, bytes: 2_400_000 },
	crop: { x: 10, y: 20, width: 2000, height: 2600 },
	faceDetector: 'face-api',
	results: [
		{ id: 'face', level: 'pass', message: '检测到一张人脸', value: 0.97 },
		{ id: 'background', level: 'warn', message: '背景不够均匀，可能有阴影', value: 0.81 }
	],
	acknowledged: true
};

/** Keys of every object in reverse order: what Go's re-encoding of the admin UI's JSON does to the applicant's text. */
function reordered(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(reordered);
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.keys(value)
				.reverse()
				.map((k) => [k, reordered((value as Record<string, unknown>)[k])])
		);
	return value;
}

/** The body the admin UI's "Save changes" sends: every field of the record as loaded, with the reviewer's edits. */
async function saveLikeAdminUi(collection: string, id: string, edits: Record<string, unknown>): Promise<RecordModel> {
	const admin = await adminClient();
	const loaded = await admin.collection(collection).getOne(id);
	const body: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(loaded))
		if (k !== 'expand') body[k] = typeof v === 'object' && v !== null && !Array.isArray(v) ? reordered(v) : v;
	return admin.collection(collection).update(id, { ...body, ...edits });
}

const photoFile = () => new File([makeJpeg(480, 624)], 'photo.jpg', { type: 'image/jpeg' });

describe('saving a decision as the admin UI does', () => {
	it('accepts every field sent back unchanged — photo, JSON report, scans, relations — and refuses a real edit', async () => {
		const h = await createHolder();
		const a = await submitApplication(h, { photo: photoFile(), photoCheck: JSON.stringify(REPORT) });
		expect(a.photo).toMatch(/\.jpg$/);

		const claimed = await saveLikeAdminUi('cert_applications', a.id, { status: '审核中' });
		expect(claimed.status).toBe('审核中');

		const changedJson = await refused(
			() => saveLikeAdminUi('cert_applications', a.id, { photoCheck: { ...REPORT, acknowledged: false } }),
			400
		);
		expect(said(changedJson, 'photoCheck')).toBe(APPLICATION_MESSAGES.reviewerContent);
		const droppedScan = await refused(() => saveLikeAdminUi('cert_applications', a.id, { applicationForm: [] }), 400);
		expect(said(droppedScan, 'applicationForm')).toBe(APPLICATION_MESSAGES.reviewerContent);
		const otherEmployer = await refused(() => saveLikeAdminUi('cert_applications', a.id, { enterprise: h.employer.id }), 400);
		expect(said(otherEmployer, 'enterprise')).toBe(APPLICATION_MESSAGES.reviewerContent);
		const newScan = await refused(() => saveLikeAdminUi('cert_applications', a.id, { 'pledge+': [pdfScan('另一份.pdf')] }), 400);
		expect(said(newScan, 'pledge')).toBe(APPLICATION_MESSAGES.reviewerContent);

		const rejected = await saveLikeAdminUi('cert_applications', a.id, { status: '审核不通过', rejectReasons: ['证件照片不符合要求'] });
		expect(rejected).toMatchObject({ status: '审核不通过', rejectReasons: ['证件照片不符合要求'] });
		expect(await moves(a.id)).toEqual(['∅→已提交', '已提交→审核中', '审核中→审核不通过']);
	});

	it('the same for an enterprise change with its original-values snapshot', async () => {
		const ent = await createEnterprise();
		const c = await ent.pb.collection('enterprise_changes').create({
			enterprise: ent.record.id,
			name: '云南改名建设有限公司',
			license: pdfScan('营业执照.pdf')
		});
		const approved = await saveLikeAdminUi('enterprise_changes', c.id, { status: '审核通过' });
		expect(approved.status).toBe('审核通过');
		expect((await (await adminClient()).collection('enterprises').getOne(ent.record.id)).name).toBe('云南改名建设有限公司');
	});
});

describe('one save decides', () => {
	it('已提交 → 审核通过 directly: decided, recorded, issued', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		const approved = await review(a.id, '审核通过');
		expect(approved.decidedAt).not.toBe('');
		expect(approved.reviewer).toBe('reviewer@test.local');
		expect((await (await adminClient()).collection('cert_applications').getOne(a.id)).status).toBe('已发证');
		expect(await moves(a.id)).toEqual(['∅→已提交', '已提交→审核通过', '审核通过→已发证']);
	});

	it('已提交 → 审核不通过 directly, with a reason the applicant reads', async () => {
		const h = await createHolder();
		const a = await submitApplication(h);
		await review(a.id, '审核不通过', { rejectReasons: ['在新单位参保不满3个月'] });
		const seen = await h.applicant.pb.collection('cert_applications').getOne(a.id);
		expect(operationStatusText(seen as never)).toBe('变更证书审批不通过 原因: 在新单位参保不满3个月');
	});
});

describe('the photo report, readable', () => {
	it('is summarised in Chinese next to the JSON, and follows the photo to the applicant', async () => {
		const h = await createHolder();
		const a = await submitApplication(h, { photo: photoFile(), photoCheck: JSON.stringify(REPORT) });
		expect(a.photoCheckSummary).toBe(photoCheckSummary(REPORT));
		expect(a.photoCheckSummary).toBe('人脸: 通过；白色背景: 提示（背景不够均匀，可能有阴影）；申请人已确认提示项');
		// Not the applicant's to write.
		const forged = await h.applicant.pb.collection('cert_applications').update(a.id, { photoCheckSummary: '全部通过' });
		expect(forged.photoCheckSummary).toBe(a.photoCheckSummary);
		await review(a.id, '审核通过');
		const person = await (await adminClient()).collection('applicants').getOne(h.applicant.record.id);
		expect(person.photoCheckSummary).toBe(a.photoCheckSummary);
	});
});

describe('an enterprise changes its details again and again', () => {
	it('after an approved change the next one is accepted; a refused one is corrected and resubmitted with its scans kept', async () => {
		const ent = await createEnterprise();
		const pb = ent.pb.collection('enterprise_changes');
		const first = await pb.create({ enterprise: ent.record.id, name: '第一次改名建设有限公司', license: pdfScan('执照1.pdf') });
		const admin = await adminClient();
		await admin.collection('enterprise_changes').update(first.id, { status: '审核通过' });

		const second = await pb.create({ enterprise: ent.record.id, qualLevel: '总承包二级', qualScan: [pdfScan('资质.pdf')] });
		expect(second.status).toBe('已提交');
		await admin
			.collection('enterprise_changes')
			.update(second.id, { status: '审核不通过', rejectReasons: ['资质证书扫描件不清晰或不完整'] });
		// Corrected: same record, the stored scan kept, one value changed.
		const corrected = await pb.update(second.id, { status: '已提交', qualLevel: '总承包一级' });
		expect(corrected).toMatchObject({ status: '已提交', qualLevel: '总承包一级', qualScan: second.qualScan });
		await admin.collection('enterprise_changes').update(second.id, { status: '审核通过' });

		const third = await pb.create({ enterprise: ent.record.id, name: '第三次改名建设有限公司', license: pdfScan('执照3.pdf') });
		await admin.collection('enterprise_changes').update(third.id, { status: '审核通过' });
		expect(await admin.collection('enterprises').getOne(ent.record.id)).toMatchObject({
			name: '第三次改名建设有限公司',
			qualLevel: '总承包一级'
		});
	});

	it('offers enterprise reasons, not personal ones', async () => {
		const ent = await createEnterprise();
		const c = await ent.pb
			.collection('enterprise_changes')
			.create({ enterprise: ent.record.id, name: '某某建设有限公司', license: pdfScan('执照.pdf') });
		const admin = await adminClient();
		await refused(
			() => admin.collection('enterprise_changes').update(c.id, { status: '审核不通过', rejectReasons: ['在新单位参保不满3个月'] }),
			400
		);
		const ok = await admin
			.collection('enterprise_changes')
			.update(c.id, { status: '审核不通过', rejectReasons: ['统一社会信用代码与营业执照不一致'] });
		expect(ok.status).toBe('审核不通过');
	});
});

describe('identity conflicts', () => {
	it('two applicants asking for the same new ID number: the second approval is refused with the reason', async () => {
		const [h1, h2] = await Promise.all([createHolder(), createHolder()]);
		const wanted = uniqueIdNumber();
		const [a1, a2] = await Promise.all([submitApplication(h1, { idNumber: wanted }), submitApplication(h2, { idNumber: wanted })]);
		await review(a1.id, '审核通过');
		const e = await refused(() => review(a2.id, '审核通过'), 400);
		expect(said(e, 'idNumber')).toBe(APPLICATION_MESSAGES.idNumberConflict);
		// The way out: refuse with a reason; the applicant corrects and resubmits.
		await review(a2.id, '审核不通过', { rejectNote: '身份证号与他人重复，请核对' });
		expect(
			(await h2.applicant.pb.collection('cert_applications').update(a2.id, { status: '已提交', idNumber: h2.applicant.identity })).status
		).toBe('已提交');
	});

	it('two enterprises asking for the same new credit code: the second approval is refused', async () => {
		const [e1, e2] = await Promise.all([createEnterprise(), createEnterprise()]);
		const wanted = uniqueCreditCode();
		const body = (ent: typeof e1) => ({ enterprise: ent.record.id, uscc: wanted, license: pdfScan('执照.pdf') });
		const [c1, c2] = await Promise.all([
			e1.pb.collection('enterprise_changes').create(body(e1)),
			e2.pb.collection('enterprise_changes').create(body(e2))
		]);
		const admin = await adminClient();
		await admin.collection('enterprise_changes').update(c1.id, { status: '审核通过' });
		const e = await refused(() => admin.collection('enterprise_changes').update(c2.id, { status: '审核通过' }), 400);
		expect(said(e, 'uscc')).toBe('该统一社会信用代码已被其他企业使用，不能审核通过；请核实后选择“审核不通过”并写明原因');
		expect((await admin.collection('enterprise_changes').getOne(c2.id)).status).toBe('已提交');
	});

	it('性别 follows the ID number when an approved change replaces it', async () => {
		const h = await createHolder();
		const admin = await adminClient();
		const before = await admin.collection('applicants').getOne(h.applicant.record.id);
		// Same region and a random birth day; the 17th digit decides: odd 男, even 女.
		const other = makeIdNumber(
			'530102',
			`19${70 + Math.floor(Math.random() * 25)}0${1 + Math.floor(Math.random() * 9)}15`,
			before.gender === '男' ? 246 : 357
		);
		const a = await submitApplication(h, { idNumber: other });
		await review(a.id, '审核通过');
		const after = await admin.collection('applicants').getOne(h.applicant.record.id);
		expect(after.idNumber).toBe(other);
		expect(after.gender).toBe(before.gender === '男' ? '女' : '男');
	});
});

describe('an issuance that fails is parked for a reviewer, never retried silently', () => {
	it('the queue shows why, the applicant is told a reviewer is on it, the job leaves it alone until a reviewer acts', async () => {
		// Its own server with a short delay between approval and issuance, so a conflict can arise in between.
		const server = await startPocketBase({ env: { ISSUE_DELAY_MINUTES: '0.02' } });
		try {
			const admin = await superuserClient(server.url);
			const ent = await admin
				.collection('enterprises')
				.create({ uscc: uniqueCreditCode(), name: '甲建设有限公司', password: 'Anguan2026pass', passwordConfirm: 'Anguan2026pass' });
			const idNumber = uniqueIdNumber();
			const holder = await admin.collection('applicants').create({
				idNumber,
				name: '张三',
				title: '无',
				position: '无',
				enterprise: ent.id,
				password: 'Anguan2026pass',
				passwordConfirm: 'Anguan2026pass'
			});
			const cert = await admin
				.collection('certificates')
				.create({ holder: holder.id, category: 'C2', status: '有效', validUntil: '2029-06-30', enterprise: ent.id });
			const { default: PocketBase } = await import('pocketbase');
			const me = new PocketBase(server.url);
			await me.collection('applicants').authWithPassword(idNumber, 'Anguan2026pass');
			const wanted = uniqueIdNumber();
			const a = await me.collection('cert_applications').create({
				applicant: holder.id,
				certificate: cert.id,
				kind: '变更',
				idNumber: wanted,
				name: '张三',
				title: '无',
				position: '安全员',
				enterprise: ent.id,
				idCardBack: pdfScan('a.pdf'),
				idCardFront: pdfScan('b.pdf'),
				pledge: [pdfScan('c.pdf')],
				applicationForm: [pdfScan('d.pdf')],
				socialInsurance: [pdfScan('e.pdf')]
			});
			await admin.collection('cert_applications').update(a.id, { status: '审核通过' });
			// Meanwhile someone else is registered with that number.
			const squatter = await admin
				.collection('applicants')
				.create({ idNumber: wanted, name: '李四', password: 'Anguan2026pass', passwordConfirm: 'Anguan2026pass' });
			await new Promise((r) => setTimeout(r, 1500));

			const run = () => admin.send('/api/anguan/jobs/issue', { method: 'POST' });
			const first = await run();
			expect(first.issued).toBe(0);
			expect(first.failed).toEqual([{ id: a.id, error: '变更后的身份证号已被其他账号使用，无法写入申请人信息' }]);
			const parked = await admin.collection('cert_applications').getOne(a.id);
			expect(parked).toMatchObject({ status: '审核通过', issueError: '变更后的身份证号已被其他账号使用，无法写入申请人信息' });
			expect(parked.issueFailedAt).not.toBe('');
			// Not tried again by the job.
			expect(await run()).toEqual({ issued: 0, failed: [] });

			const queue = await admin.collection('review_queue').getFullList();
			expect(queue.find((q) => q.id === a.id)).toMatchObject({
				status: '发证失败',
				problem: '变更后的身份证号已被其他账号使用，无法写入申请人信息',
				who: '张三'
			});

			// The applicant learns that a reviewer is on it — not the reason, not another person's data.
			const seen = await me.collection('cert_applications').getOne(a.id);
			expect(seen.issueError).toBeUndefined();
			expect(operationStatusText(seen as never)).toBe(`变更证书审核通过，${APPLICATION_MESSAGES.issuePending}`);

			// Emptying the error without resolving anything: tried once more, parked again — no loop.
			await admin.collection('cert_applications').update(a.id, { issueError: '' });
			await new Promise((r) => setTimeout(r, 1500));
			expect((await run()).failed).toHaveLength(1);

			// The reviewer refuses it (审核通过 → 审核不通过) with a reason the applicant can act on.
			const refusedOne = await admin
				.collection('cert_applications')
				.update(a.id, { status: '审核不通过', rejectNote: '身份证号与他人重复，请核对' });
			expect(refusedOne).toMatchObject({ issueError: '', issueFailedAt: '', issueAfter: '' });
			// While the number is someone else's, the applicant is told at once when resubmitting…
			const e = await refused(() => me.collection('cert_applications').update(a.id, { status: '已提交' }), 400);
			expect(said(e, 'idNumber')).toBe(APPLICATION_MESSAGES.idNumberTaken);
			// …and once the duplicate account is removed, it is resubmitted, approved and issued.
			await admin.collection('applicants').delete(squatter.id);
			await me.collection('cert_applications').update(a.id, { status: '已提交' });
			await admin.collection('cert_applications').update(a.id, { status: '审核通过' });
			await new Promise((r) => setTimeout(r, 1500));
			expect((await run()).issued).toBe(1);
			expect((await admin.collection('applicants').getOne(holder.id)).idNumber).toBe(wanted);
			const events = await admin
				.collection('review_events')
				.getFullList({ filter: admin.filter('recordId = {:id}', { id: a.id }), sort: 'created' });
			expect(events.map((x) => x.to)).toEqual(['已提交', '审核通过', '审核不通过', '已提交', '审核通过', '已发证']);
		} finally {
			await server.stop();
		}
	});
});

describe('renewal window', () => {
	it('a renewal is refused before its window opens — so not again right after one was issued', async () => {
		const h = await createHolder({ validUntil: addDays(chinaDay(), 40) });
		const a = await submitApplication(h, { kind: '延续' });
		await review(a.id, '审核通过');
		const cert = await (await adminClient()).collection('certificates').getOne(h.certificate.id);
		expect(cert.validUntil.slice(0, 10)).toBe(renewedValidUntil(addDays(chinaDay(), 40)));
		const again = await refused(() => submitApplication(h, { kind: '延续' }), 400);
		expect(said(again, 'certificate')).toBe(earlyRenewalMessage(cert.validUntil));
		// A change is not bound to the window.
		expect((await submitApplication(h, { kind: '变更' })).status).toBe('已提交');
	});
});

describe('the review queue', () => {
	it('lists what waits, oldest first, each with a link that opens it in the admin UI and China-time submission', async () => {
		const h = await createHolder();
		const ent = await createEnterprise();
		const a = await submitApplication(h);
		const c = await ent.pb
			.collection('enterprise_changes')
			.create({ enterprise: ent.record.id, qualLevel: '总承包三级', qualScan: [pdfScan('资质.pdf')] });
		const admin = await adminClient();
		const queue = await admin.collection('review_queue').getFullList();
		const row = queue.find((q) => q.id === a.id)!;
		expect(row).toMatchObject({ source: '证书申请', kind: '变更', status: '已提交', who: '测试申请人', category: 'C2' });
		expect(row.open).toMatch(new RegExp(`/_/#/collections\\?collection=cert_applications&record=${a.id}$`));
		expect(row.submitted).toBe(chinaDateTime(a.submittedAt));
		expect(queue.find((q) => q.id === c.id)).toMatchObject({ source: '企业信息修改', kind: '企业资质修改', status: '已提交' });
		const order = queue.map((q) => q.submitted);
		expect(order).toEqual([...order].sort());
		// Decided requests leave the queue.
		await review(a.id, '审核通过');
		expect((await admin.collection('review_queue').getFullList()).some((q) => q.id === a.id)).toBe(false);
		// Applicants do not see it at all.
		await refused(() => h.applicant.pb.collection('review_queue').getFullList());
	});
});
