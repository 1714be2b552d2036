// Writes PocketBase's declarations for the JS hooks to pb_hooks/types.d.ts
// (gitignored), where the hooks' `/// <reference path="types.d.ts" />` looks
// for them: PocketBase writes them into its data dir at start, so we start our
// build once on a throwaway data dir and copy the file. Used by the hooks'
// type check (tsconfig.hooks.json).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePocketBase } from './build-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export function writeHookTypes() {
	const bin = ensurePocketBase({ quiet: true });
	const dir = mkdtempSync(join(tmpdir(), 'anguan-types-'));
	try {
		// A command that bootstraps the app (the JS VM plugin writes the file then), with no hooks or migrations of ours.
		const res = spawnSync(bin, [`--dir=${dir}`, `--hooksDir=${dir}`, `--migrationsDir=${dir}`, 'migrate', 'history-sync'], {
			encoding: 'utf8'
		});
		if (res.status !== 0) throw new Error(`pocketbase migrate history-sync failed: ${res.stderr || res.stdout}`);
		copyFileSync(join(dir, 'types.d.ts'), join(root, 'pb_hooks/types.d.ts'));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeHookTypes();
