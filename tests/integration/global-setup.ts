/**
 * One real PocketBase for the integration suite (fresh data dir, our
 * migrations and hooks, issuance delay 0, rate limits off). Tests create their
 * own users, so files do not depend on each other.
 */
import type { TestProject } from 'vitest/node';
import { buildHooksLib } from '../../scripts/build-hooks-lib.js';
import { ensurePocketBase } from '../../scripts/build-server.js';
import { startPocketBase, type RunningPocketBase } from '../support/pocketbase';

let pb: RunningPocketBase | undefined;

export default async function setup(project: TestProject) {
	ensurePocketBase();
	await buildHooksLib();
	pb = await startPocketBase();
	project.provide('pbUrl', pb.url);
	project.provide('pbDataDir', pb.dataDir);
	return async () => {
		await pb?.stop();
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		pbUrl: string;
		/** its data dir, which also holds the test signing key (tests/support/pocketbase.ts) */
		pbDataDir: string;
	}
}
