/**
 * The domain is the schema's single source: every select list, file bound and
 * the reviewers' queue of a migrated PocketBase equals the domain's constants.
 * The checker is shown to catch drift — the schema as the first migrations
 * left it, and a list changed by hand in the admin UI — and the migration
 * that takes the lists from the domain is shown to fix what it found.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import * as d from '../../src/lib/domain';
import { ROOT, startPocketBase, superuserClient, type RunningPocketBase } from '../support/pocketbase';
import { schemaDrift } from '../support/schema-contract';
import { adminClient } from './helpers';

const FIX = '1795761000_schema_from_domain.js';
const drift = async (admin: PocketBase) => schemaDrift(await admin.collections.getFullList());

describe('the schema contract', () => {
	it("holds on the migrated schema: every list and bound is the domain's", async () => {
		expect(await drift(await adminClient())).toEqual([]);
	});

	describe('on a server migrated step by step', () => {
		let dir: string;
		let data: string;
		let pb: RunningPocketBase;

		beforeAll(async () => {
			// Every migration but the fix (the hooks need the later ones' collections), in a folder of
			// their own; a data dir that outlives a restart. PocketBase runs a migration it has not yet
			// applied even when later ones already ran.
			dir = mkdtempSync(join(ROOT, 'tests/.tmp/migrations-'));
			data = mkdtempSync(join(ROOT, 'tests/.tmp/pb-contract-'));
			for (const f of readdirSync(join(ROOT, 'pb_migrations')).filter((f) => f !== FIX))
				cpSync(join(ROOT, 'pb_migrations', f), join(dir, f));
			pb = await startPocketBase({ migrationsDir: dir, dataDir: data });
		}, 60_000);
		afterAll(async () => {
			await pb?.stop();
			for (const p of [dir, data]) rmSync(p, { recursive: true, force: true });
		});

		it('finds the drift the first migrations left, and the migration fixes it', async () => {
			expect(await drift(await superuserClient(pb.url))).toEqual([
				`applicants.photo maxSize: schema ${2 << 20}, domain ${d.PHOTO_RULES.maxBytes}`,
				`cert_applications.photo maxSize: schema ${2 << 20}, domain ${d.PHOTO_RULES.maxBytes}`
			]);

			cpSync(join(ROOT, 'pb_migrations', FIX), join(dir, FIX));
			await pb.stop();
			await pb.restart(); // the same database: the new migration runs at start
			expect(await drift(await superuserClient(pb.url))).toEqual([]);
		});

		it('catches a list changed by hand and a queue that forgets a waiting status', async () => {
			const admin = await superuserClient(pb.url);
			const certificates = await admin.collections.getOne('certificates');
			const status = certificates.fields.find((f) => f.name === 'status')!;
			status.values = [...d.CERT_STATUSES, '暂停'];
			await admin.collections.update('certificates', { fields: certificates.fields });

			const queue = await admin.collections.getOne('review_queue');
			await admin.collections.update('review_queue', { viewQuery: String(queue.viewQuery).replaceAll("'已提交', '审核中'", "'已提交'") });

			const found = await drift(admin);
			expect(found).toContain(
				`certificates.status values: schema ${JSON.stringify([...d.CERT_STATUSES, '暂停'])}, domain ${JSON.stringify(d.CERT_STATUSES)}`
			);
			expect(found).toContain(`review_queue waiting statuses: schema ["已提交"], domain ${JSON.stringify(d.PENDING_STATUSES)}`);
		});
	});
});
