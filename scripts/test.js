// npm test: builds PocketBase (once) and the app, type-checks and lints, then
// runs every suite — unit and integration (vitest, real PocketBase), e2e (Playwright, Debian's
// Chromium) — and ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePocketBase } from './build-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// Not test-results/: Playwright empties that folder when it starts.
const results = join(root, 'tests/.tmp/results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status;

ensurePocketBase();
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
// Types first: svelte-check covers the app, the tests and the scripts' TypeScript;
// then the checking gate: ESLint (floating promises among others), Prettier, the hooks' types.
const typesOk = run('npm', ['run', '--silent', 'check']) === 0;
const lintOk = run('npm', ['run', '--silent', 'lint']) === 0;

const vitestJson = join(results, 'vitest.json');
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const e2eJson = join(results, 'e2e.json');
run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
	const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
	passed += v.numPassedTests;
	failed += v.numFailedTests;
	skipped += v.numPendingTests + v.numTodoTests;
	if (!v.success && v.numFailedTests === 0) failed += 1; // a suite that failed to load
} else failed += 1;
if (existsSync(e2eJson)) {
	const p = JSON.parse(readFileSync(e2eJson, 'utf8'));
	passed += p.stats.expected + p.stats.flaky;
	failed += p.stats.unexpected + (p.errors?.length ? 1 : 0);
	skipped += p.stats.skipped;
} else failed += 1;

if (!typesOk) {
	console.log('svelte-check found type errors (see above)');
	failed += 1;
}
if (!lintOk) {
	console.log('npm run lint found problems (see above; `npm run format` fixes the layout)');
	failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
