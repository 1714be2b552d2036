/**
 * What the 变更 / 延续 form needs before it can open: the certificate, the
 * applicant's current values and, for a resubmission, the application as it
 * was sent — from the server, or from the device when offline.
 */
import { errorMessage } from '$lib/api/errors';
import { cachedQuery } from '$lib/offline/cache';
import { collection, myId } from './client';
import type { ApplicantRecord, CertApplicationRecord, CertificateRecord } from './records';

export interface ApplicationFormData {
	cert: CertificateRecord;
	me: ApplicantRecord;
	application: CertApplicationRecord | null;
	fromCache: boolean;
}

export async function loadApplicationForm(certId: string, applicationId: string): Promise<{ data?: ApplicationFormData; error?: string }> {
	try {
		const [c, m] = await Promise.all([
			cachedQuery(`certificate:${certId}`, () => collection('certificates').getOne(certId, { requestKey: null })),
			cachedQuery('me', () => collection('applicants').getOne(myId(), { requestKey: null }))
		]);
		const a = applicationId
			? await cachedQuery(`application:${applicationId}`, () => collection('cert_applications').getOne(applicationId, { requestKey: null }))
			: null;
		return { data: { cert: c.data, me: m.data, application: a?.data ?? null, fromCache: c.fromCache || m.fromCache || !!a?.fromCache } };
	} catch (e) {
		return { error: errorMessage(e) };
	}
}
