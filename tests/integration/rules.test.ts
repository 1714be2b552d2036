/**
 * API rules of every collection, from both sides: the owner may, another
 * applicant, another enterprise and an anonymous visitor may not — list,
 * view, update, delete and file download. Reviewers (superusers) see all.
 */
import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	adminClient,
	client,
	createApplicant,
	createCertificate,
	createEnterprise,
	pbUrl,
	pngFile,
	refused,
	type Account
} from './helpers';

let owner: Account, otherApplicant: Account, ownerEnterprise: Account, otherEnterprise: Account;
let certificate: RecordModel, application: RecordModel, change: RecordModel;

const jpeg440 = async () => {
	// A real 440×572 JPEG (the photo hooks check the header), made once by the admin tests' helper.
	const { makeJpeg } = await import('../support/jpeg');
	return new File([makeJpeg(440, 572)], 'photo.jpg', { type: 'image/jpeg' });
};

beforeAll(async () => {
	const admin = await adminClient();
	[ownerEnterprise, otherEnterprise] = await Promise.all([createEnterprise(), createEnterprise()]);
	[owner, otherApplicant] = await Promise.all([createApplicant({ data: { enterprise: ownerEnterprise.record.id } }), createApplicant()]);
	certificate = await createCertificate(owner.record.id, { category: 'C2', enterprise: ownerEnterprise.record.id });
	await admin.collection('applicants').update(owner.record.id, { photo: await jpeg440() });
	await admin.collection('enterprises').update(ownerEnterprise.record.id, { license: pngFile('license.png') });
	application = await admin.collection('cert_applications').create({
		applicant: owner.record.id,
		certificate: certificate.id,
		kind: '变更',
		status: '已提交',
		idNumber: owner.identity,
		name: '测试申请人',
		title: '无',
		position: '安全员',
		enterprise: ownerEnterprise.record.id,
		idCardBack: pngFile('back.png'),
		idCardFront: pngFile('front.png'),
		pledge: [pngFile('pledge.png')],
		applicationForm: [pngFile('form1.png')],
		socialInsurance: [pngFile('si.png')]
	});
	change = await admin.collection('enterprise_changes').create({
		enterprise: ownerEnterprise.record.id,
		kind: ['企业名称修改'],
		status: '已提交',
		name: '测试建设工程集团有限公司',
		license: pngFile('license2.png')
	});
});

const anonymous = () => client();
type Side = [string, () => PocketBase];

function strangers(ownerIsEnterprise = false): Side[] {
	return [
		['another applicant', () => otherApplicant.pb],
		['another enterprise', () => (ownerIsEnterprise ? otherEnterprise.pb : ownerEnterprise.pb)],
		['anonymous', anonymous]
	];
}

/** The owner sees the record in list and view; nobody else does. */
async function expectOwnerOnlyRead(collection: string, id: string, ownerPb: PocketBase, others: Side[]) {
	expect((await ownerPb.collection(collection).getList(1, 50, { filter: `id = "${id}"` })).items.map((r) => r.id)).toEqual([id]);
	expect((await ownerPb.collection(collection).getOne(id)).id).toBe(id);
	for (const [, pb] of others) {
		expect((await pb().collection(collection).getList(1, 50)).items.map((r) => r.id)).not.toContain(id);
		await refused(() => pb().collection(collection).getOne(id), 404);
	}
}

async function expectNoWrite(collection: string, id: string, body: Record<string, unknown>, sides: Side[]) {
	for (const [, pb] of sides) {
		await refused(() => pb().collection(collection).update(id, body));
		await refused(() => pb().collection(collection).delete(id));
	}
}

/** Protected file: the owner downloads it with a file token; others get nothing, with or without a token. */
async function expectProtectedFile(record: RecordModel, field: string, ownerPb: PocketBase, others: Side[]) {
	const name = Array.isArray(record[field]) ? record[field][0] : record[field];
	expect(name).toBeTruthy();
	const url = (token?: string) => `${pbUrl()}/api/files/${record.collectionName}/${record.id}/${name}${token ? `?token=${token}` : ''}`;
	const ownerToken = await ownerPb.files.getToken();
	expect((await fetch(url(ownerToken))).status).toBe(200);
	expect((await fetch(url())).status).toBeGreaterThanOrEqual(400);
	for (const [, pb] of others) {
		const client = pb();
		const token = client.authStore.isValid ? await client.files.getToken() : undefined;
		expect((await fetch(url(token))).status).toBeGreaterThanOrEqual(400);
	}
	const admin = await adminClient();
	expect((await fetch(url(await admin.files.getToken()))).status).toBe(200);
}

describe('applicants', () => {
	it('an applicant reads only its own record', async () => {
		await expectOwnerOnlyRead('applicants', owner.record.id, owner.pb, strangers());
	});
	it('nobody else updates or deletes it, and the owner cannot delete it', async () => {
		await expectNoWrite('applicants', owner.record.id, { phone: '13000000000' }, strangers());
		await refused(() => owner.pb.collection('applicants').delete(owner.record.id));
	});
	it('nobody signs up through the API: accounts come from the registry', async () => {
		await refused(
			() =>
				anonymous()
					.collection('applicants')
					.create({ idNumber: owner.identity, name: 'x', password: 'Abc12345', passwordConfirm: 'Abc12345' }),
			403
		);
	});
	it('the ID photo is a protected file', async () => {
		await expectProtectedFile(await owner.pb.collection('applicants').getOne(owner.record.id), 'photo', owner.pb, strangers());
	});
});

describe('enterprises', () => {
	it('an enterprise reads only its own record', async () => {
		await expectOwnerOnlyRead(
			'enterprises',
			ownerEnterprise.record.id,
			ownerEnterprise.pb,
			strangers(true).concat([['its employee', () => owner.pb]])
		);
	});
	it('nobody else updates or deletes it', async () => {
		await expectNoWrite('enterprises', ownerEnterprise.record.id, { contactName: '某人' }, strangers(true));
	});
	it('the business licence scan is a protected file', async () => {
		await expectProtectedFile(
			await ownerEnterprise.pb.collection('enterprises').getOne(ownerEnterprise.record.id),
			'license',
			ownerEnterprise.pb,
			strangers(true)
		);
	});
	it('applicants find employers in the directory, which holds no contact or licence data', async () => {
		const list = await otherApplicant.pb
			.collection('enterprise_directory')
			.getList(1, 50, { filter: `id = "${ownerEnterprise.record.id}"` });
		expect(list.items).toHaveLength(1);
		expect(Object.keys(list.items[0]).sort()).toEqual(['collectionId', 'collectionName', 'id', 'name', 'regCity', 'uscc']);
		expect((await anonymous().collection('enterprise_directory').getList(1, 50)).items).toHaveLength(0);
	});
});

describe('certificates', () => {
	it('the holder reads the certificate; nobody else does', async () => {
		await expectOwnerOnlyRead('certificates', certificate.id, owner.pb, strangers());
	});
	it('nobody but a reviewer creates, changes or deletes certificates — not even the holder', async () => {
		await expectNoWrite('certificates', certificate.id, { status: '有效' }, [['holder', () => owner.pb], ...strangers()]);
		await refused(() => owner.pb.collection('certificates').create({ holder: owner.record.id, category: 'A', status: '有效' }), 403);
	});
});

describe('cert_applications', () => {
	it('the applicant reads its application; nobody else does', async () => {
		await expectOwnerOnlyRead('cert_applications', application.id, owner.pb, strangers());
	});
	it('nobody else changes or deletes it, and the owner cannot delete it', async () => {
		await expectNoWrite('cert_applications', application.id, { status: '已撤回' }, strangers());
		await refused(() => owner.pb.collection('cert_applications').delete(application.id));
	});
	it("nobody files an application in another applicant's name", async () => {
		const e = await refused(() =>
			otherApplicant.pb.collection('cert_applications').create({ applicant: owner.record.id, certificate: certificate.id, kind: '变更' })
		);
		expect([400, 403]).toContain(e.status);
		const count = await (await adminClient()).collection('cert_applications').getList(1, 1, { filter: `applicant = "${owner.record.id}"` });
		expect(count.totalItems).toBe(1);
	});
	it('nobody moves an application to another applicant', async () => {
		await refused(() => owner.pb.collection('cert_applications').update(application.id, { applicant: otherApplicant.record.id }));
	});
	it('ID-card scans and social-insurance proofs are protected files', async () => {
		const r = await owner.pb.collection('cert_applications').getOne(application.id);
		await expectProtectedFile(r, 'idCardFront', owner.pb, strangers());
		await expectProtectedFile(r, 'socialInsurance', owner.pb, strangers());
	});
});

describe('enterprise_changes', () => {
	it('the enterprise reads its change request; nobody else does', async () => {
		await expectOwnerOnlyRead(
			'enterprise_changes',
			change.id,
			ownerEnterprise.pb,
			strangers(true).concat([['its employee', () => owner.pb]])
		);
	});
	it('nobody else changes or deletes it', async () => {
		await expectNoWrite('enterprise_changes', change.id, { status: '已撤回' }, strangers(true));
	});
	it('its attachments are protected files', async () => {
		await expectProtectedFile(
			await ownerEnterprise.pb.collection('enterprise_changes').getOne(change.id),
			'license',
			ownerEnterprise.pb,
			strangers(true)
		);
	});
});

describe('review_events', () => {
	it('the applicant reads the history of its own application only; nobody writes it', async () => {
		const admin = await adminClient();
		const ev = await admin.collection('review_events').create({
			recordCollection: 'cert_applications',
			recordId: application.id,
			applicant: owner.record.id,
			from: '',
			to: '已提交',
			actor: 'test'
		});
		await expectOwnerOnlyRead('review_events', ev.id, owner.pb, strangers());
		await expectNoWrite('review_events', ev.id, { reason: 'x' }, [['owner', () => owner.pb], ...strangers()]);
		await refused(() => owner.pb.collection('review_events').create({ recordCollection: 'x', recordId: 'x', to: '审核通过' }), 403);
	});
});

describe('review_queue', () => {
	it('only reviewers see the queue', async () => {
		const admin = await adminClient();
		const q = await admin.collection('review_queue').getFullList({ filter: `id = "${application.id}" || id = "${change.id}"` });
		expect(q.map((r) => r.source).sort()).toEqual(['企业信息修改', '证书申请']);
		for (const [, pb] of [['owner', () => owner.pb] as Side, ...strangers()])
			await refused(() => pb().collection('review_queue').getList(1, 1), 403);
	});
});
