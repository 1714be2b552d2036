/**
 * Test data for applications: a certificate holder with an employer, a new
 * employer to move to, scans of realistic size, and a complete 变更 / 延续
 * application body.
 */
import type { RecordModel } from 'pocketbase';
import type { Category } from '../../src/lib/domain';
import { adminClient, createApplicant, createCertificate, createEnterprise, uniqueIdNumber, type Account } from './helpers';

/** A real (tiny) PDF padded with a comment to `kb` kilobytes: PocketBase sniffs the type from the content. */
export function pdfScan(name = 'scan.pdf', kb = 20): File {
	const head =
		'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n';
	const tail = 'trailer<</Root 1 0 R>>\n%%EOF\n';
	const pad = '%' + 'x'.repeat(Math.max(0, kb * 1024 - head.length - tail.length - 2)) + '\n';
	return new File([head + pad + tail], name, { type: 'application/pdf' });
}

export interface Holder {
	applicant: Account;
	employer: RecordModel;
	newEmployer: RecordModel;
	certificate: RecordModel;
}

export async function createHolder(
	opts: { category?: Category; validUntil?: string; certNo?: string; status?: string } = {}
): Promise<Holder> {
	// Log the reviewer in before the parallel calls below, which would otherwise race to do it.
	await adminClient();
	const [employer, newEmployer] = await Promise.all([createEnterprise(), createEnterprise()]);
	const applicant = await createApplicant({ data: { enterprise: employer.record.id, title: '无', position: '安全员' } });
	const certificate = await createCertificate(applicant.record.id, {
		category: opts.category ?? 'C2',
		enterprise: employer.record.id,
		...(opts.validUntil ? { validUntil: opts.validUntil } : {}),
		...(opts.certNo !== undefined ? { certNo: opts.certNo } : {}),
		...(opts.status ? { status: opts.status } : {})
	});
	return { applicant, employer: employer.record, newEmployer: newEmployer.record, certificate };
}

/** A complete application body for the holder's certificate (B gets its 建造师执业证书). */
export function applicationBody(h: Holder, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const body: Record<string, unknown> = {
		applicant: h.applicant.record.id,
		certificate: h.certificate.id,
		kind: '变更',
		idNumber: h.applicant.identity,
		name: '王小明',
		title: '工程师',
		position: '项目安全负责人',
		enterprise: h.newEmployer.id,
		idCardBack: pdfScan('国徽面.pdf'),
		idCardFront: pdfScan('姓名面.pdf'),
		pledge: [pdfScan('承诺书.pdf')],
		applicationForm: [pdfScan('照片页.pdf'), pdfScan('签章页.pdf')],
		socialInsurance: [pdfScan('社保证明.pdf')]
	};
	if (h.certificate.category === 'B') body.builderCert = [pdfScan('建造师执业证书.pdf')];
	return { ...body, ...overrides };
}

export async function submitApplication(h: Holder, overrides: Record<string, unknown> = {}): Promise<RecordModel> {
	return h.applicant.pb.collection('cert_applications').create(applicationBody(h, overrides));
}

/** The reviewer (a superuser) sets the status, as in the admin UI. */
export async function review(id: string, status: string, extra: Record<string, unknown> = {}): Promise<RecordModel> {
	return (await adminClient()).collection('cert_applications').update(id, { status, ...extra });
}

export async function eventsOf(recordId: string): Promise<RecordModel[]> {
	return (await adminClient()).collection('review_events').getFullList({ filter: `recordId = "${recordId}"`, sort: 'created,id' });
}

export { uniqueIdNumber };
