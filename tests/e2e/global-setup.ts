/**
 * One seeded PocketBase serving the built app (pb_public/) for the e2e suite.
 * Tests that must crash or restart a server start their own.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildHooksLib } from '../../scripts/build-hooks-lib.js';
import { seedAt } from '../../scripts/seed.js';
import { ROOT, startPocketBase, SUPERUSER } from '../support/pocketbase';

export default async function globalSetup() {
	if (!existsSync(join(ROOT, 'pb_public/index.html'))) throw new Error('The app is not built: run `npm run build` first (npm test does).');
	await buildHooksLib();
	const pb = await startPocketBase();
	await seedAt(pb.url, SUPERUSER.email, SUPERUSER.password);
	process.env.E2E_BASE_URL = pb.url;
	return async () => pb.stop();
}
