/**
 * Certificate numbers at issuance continue after the highest number of the
 * same category and year — read from the certNo index, not by reading every
 * certificate (bench:issuance) — and numbers of other years or categories,
 * which sort higher, do not count.
 */
import { describe, expect, it } from 'vitest';
import { chinaDay, formatCertNo, parseCertNo } from '../../src/lib/domain';
import { createHolder, review, submitApplication } from './factories-applications';
import { adminClient } from './helpers';

describe('certificate numbers at issuance', () => {
	it('follow the highest number of the category this year, ignoring other years and categories', async () => {
		const year = Number(chinaDay().slice(0, 4));
		// Far above what other tests allocate, so this is the highest C1 number of the year.
		await createHolder({ category: 'C1', certNo: formatCertNo({ category: 'C1', year, serial: 9_000_041 }) });
		await createHolder({ category: 'C1', certNo: formatCertNo({ category: 'C1', year: year - 1, serial: 9_999_990 }) });
		await createHolder({ category: 'C3', certNo: formatCertNo({ category: 'C3', year, serial: 9_999_995 }) });

		const h = await createHolder({ category: 'C1', certNo: '' });
		const a = await submitApplication(h);
		await review(a.id, '审核通过');
		const cert = await (await adminClient()).collection('certificates').getOne(h.certificate.id);
		expect(parseCertNo(cert.certNo)).toEqual({ category: 'C1', year, serial: 9_000_042 });
	});
});
