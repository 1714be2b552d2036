/**
 * enterprise_changes (企业名称修改 / 企业资质修改) under the same review state
 * machine: snapshot on submission, reviewer-only decisions with a reason,
 * and the approved values applied to the enterprise.
 */
import type { ClientResponseError } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { cleanMessage } from '../../src/lib/api/errors';
import { REVIEW_MESSAGES } from '../../src/lib/domain';
import { adminClient, createEnterprise, refused, uniqueCreditCode } from './helpers';
import { eventsOf, pdfScan } from './factories-applications';

const said = (e: ClientResponseError, field: string) =>
	cleanMessage((e.response.data as Record<string, { message: string }>)[field]?.message ?? '');
const decide = async (id: string, status: string, extra: Record<string, unknown> = {}) =>
	(await adminClient()).collection('enterprise_changes').update(id, { status, ...extra });

describe('enterprise changes', () => {
	it('approval applies the requested name, code and licence to the enterprise', async () => {
		const ent = await createEnterprise({ data: { legalRep: '张三' } });
		const uscc = uniqueCreditCode();
		const c = await ent.pb.collection('enterprise_changes').create({
			enterprise: ent.record.id,
			kind: ['企业名称修改'],
			status: '审核通过',
			name: '云南新名称建设有限公司',
			uscc,
			license: pdfScan('营业执照.pdf')
		});
		expect(c.status).toBe('已提交');
		expect(c.original).toMatchObject({ name: '测试建设工程有限公司', legalRep: '张三', uscc: ent.identity });

		// One save decides: 已提交 → 审核通过.
		await decide(c.id, '审核通过');

		const after = await (await adminClient()).collection('enterprises').getOne(ent.record.id);
		expect(after).toMatchObject({ name: '云南新名称建设有限公司', uscc, legalRep: '张三' });
		expect(after.license).toMatch(/\.pdf$/);
		expect((await eventsOf(c.id)).map((x) => `${x.from || '∅'}→${x.to}`)).toEqual(['∅→已提交', '已提交→审核通过']);
	});

	it('rejection needs a reason; the enterprise resubmits; one open request at a time', async () => {
		const ent = await createEnterprise();
		const pb = ent.pb.collection('enterprise_changes');
		const c = await pb.create({
			enterprise: ent.record.id,
			kind: ['企业资质修改'],
			qualLevel: '总承包二级',
			qualScan: [pdfScan('资质.pdf')]
		});
		const second = await refused(
			() => pb.create({ enterprise: ent.record.id, kind: ['企业资质修改'], qualLevel: '总承包一级', qualScan: [pdfScan('资质2.pdf')] }),
			400
		);
		expect(said(second, 'kind')).toBe('已有一份企业信息修改申请在办理中，审核结束后再提交');

		await decide(c.id, '审核中');
		expect(said(await refused(() => pb.update(c.id, { qualLevel: '总承包一级' }), 400), 'qualLevel')).toBe(
			'申请正在审核中，暂不能修改或撤回'
		);
		expect(said(await refused(() => decide(c.id, '审核不通过'), 400), 'rejectReasons')).toBe(REVIEW_MESSAGES.reasonRequired);
		await decide(c.id, '审核不通过', { rejectNote: '资质证书扫描件不清晰' });
		const again = await pb.update(c.id, { status: '已提交', qualScan: [pdfScan('资质-清晰.pdf')] });
		expect(again.status).toBe('已提交');
		expect(said(await refused(() => pb.update(c.id, { status: '审核中' }), 400), 'status')).toBe('只有审核人员可以将申请设为“审核中”');
	});

	it('refuses an empty request and a malformed credit code', async () => {
		const ent = await createEnterprise();
		const pb = ent.pb.collection('enterprise_changes');
		expect(said(await refused(() => pb.create({ enterprise: ent.record.id, kind: ['企业名称修改'] }), 400), 'kind')).toBe(
			'请填写至少一项修改内容'
		);
		const bad = await refused(() => pb.create({ enterprise: ent.record.id, kind: ['企业名称修改'], uscc: '91530100MA6K00000X' }), 400);
		expect(said(bad, 'uscc')).toMatch(/统一社会信用代码/);
	});
});
