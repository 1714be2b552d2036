// What a benchmark needs that a fresh clone does not have yet — SvelteKit's
// generated tsconfig, the PocketBase binary, the hooks' domain bundle, the
// built app — produced on demand, so `npm install && npm run bench:…` works.
//
// The built app is rebuilt unless SKIP_BUILD=1 (and a build exists): a
// benchmark of a stale build measures the wrong thing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHooksLib } from '../../scripts/build-hooks-lib.js';
import { ensurePocketBase } from '../../scripts/build-server.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const QUICK = process.env.BENCH_QUICK === '1';

function run(cmd, args) {
	const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

/** .svelte-kit/tsconfig.json, which tsconfig.json extends (Vite reads it for any build). */
export function syncSvelteKit() {
	if (!existsSync(join(ROOT, '.svelte-kit/tsconfig.json'))) run('npx', ['svelte-kit', 'sync']);
}

/** .pb/pocketbase built from server/ (or POCKETBASE_BIN), and pb_hooks/lib/domain.js. */
export async function preparePocketBase() {
	const bin = ensurePocketBase();
	await buildHooksLib();
	return bin;
}

/** The app in pb_public/, compressed as npm run build leaves it. */
export function buildApp() {
	if (process.env.SKIP_BUILD === '1' && existsSync(join(ROOT, 'pb_public/index.html'))) return;
	syncSvelteKit();
	run('npm', ['run', '--silent', 'build']);
}
