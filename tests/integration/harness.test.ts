import { describe, expect, it } from 'vitest';
import { adminClient, pbUrl } from './helpers';

describe('test PocketBase', () => {
	it('runs our migrations: every collection of the data model exists', async () => {
		const a = await adminClient();
		const names = (await a.collections.getFullList()).map((c) => c.name);
		for (const n of [
			'applicants',
			'enterprises',
			'certificates',
			'cert_applications',
			'enterprise_changes',
			'review_events',
			'enterprise_directory',
			'review_queue'
		])
			expect(names).toContain(n);
		expect((await fetch(`${pbUrl()}/api/health`)).ok).toBe(true);
	});
});
