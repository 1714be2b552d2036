/**
 * The hooks run the domain's zod schemas in PocketBase's JS VM: a client that
 * skips the form meets the form's own messages (asserted by domain constant),
 * for the new rules too — the applicant's phone on 个人信息, qualification
 * categories and levels from the list, and messages that never slip into
 * zod's English.
 */
import type { ClientResponseError } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { cleanMessage } from '../../src/lib/api/errors';
import { APPLICATION_MESSAGES, ENTERPRISE_CHANGE_MESSAGES, ENTERPRISE_MESSAGES, PROFILE_MESSAGES } from '../../src/lib/domain';
import { adminClient, createApplicant, createCertificate, createEnterprise, refused } from './helpers';
import { pdfScan } from './factories-applications';

const said = (e: ClientResponseError, field: string) =>
	cleanMessage((e.response.data as Record<string, { message: string }>)[field]?.message ?? '');

describe('the domain schemas on the server', () => {
	it("an applicant's phone number: a real one is kept (trimmed), anything else refused with the form's message", async () => {
		const a = await createApplicant();
		const saved = await a.pb.collection('applicants').update(a.record.id, { phone: ' 13800000000 ' });
		expect(saved.phone).toBe('13800000000');
		const e = await refused(() => a.pb.collection('applicants').update(a.record.id, { phone: '12345' }), 400);
		expect(said(e, 'phone')).toBe(PROFILE_MESSAGES.phone);
		expect((await (await adminClient()).collection('applicants').getOne(a.record.id)).phone).toBe('13800000000');
		// Emptying it is allowed.
		expect((await a.pb.collection('applicants').update(a.record.id, { phone: '' })).phone).toBe('');
	});

	it('a qualification category or level must come from the list the form offers', async () => {
		const ent = await createEnterprise();
		const create = (data: Record<string, unknown>) =>
			ent.pb.collection('enterprise_changes').create({ enterprise: ent.record.id, qualScan: [pdfScan('资质证书.pdf')], ...data });
		const e = await refused(() => create({ qualCategory: '水利水电施工总承包', qualLevel: '总承包九级' }), 400);
		expect(said(e, 'qualCategory')).toBe(ENTERPRISE_MESSAGES.qualCategory);
		expect(said(e, 'qualLevel')).toBe(ENTERPRISE_MESSAGES.qualLevel);
		const ok = await create({ qualCategory: '水利水电工程施工总承包', qualLevel: '总承包二级' });
		expect(ok.kind).toEqual(['企业资质修改']);
		// The hooks' own words live in the domain too.
		expect(said(await refused(() => create({ qualLevel: '总承包一级' }), 400), 'kind')).toBe(ENTERPRISE_CHANGE_MESSAGES.alreadyOpen);
	});

	it("input of the wrong type is answered in Chinese, never in zod's English", async () => {
		const a = await createApplicant();
		const cert = await createCertificate(a.record.id);
		const e = await refused(
			() =>
				a.pb
					.collection('cert_applications')
					.create({ applicant: a.record.id, certificate: cert.id, kind: '变更', idNumber: a.identity, title: '无', position: '无' }),
			400
		);
		expect(said(e, 'name')).toBe(APPLICATION_MESSAGES.nameEmpty);
		for (const v of Object.values(e.response.data as Record<string, { message: string }>)) expect(v.message).toMatch(/[\u4e00-\u9fff]/);
	});
});
