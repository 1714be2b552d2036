// Bundles src/lib/domain (TypeScript, ESM) to CommonJS for PocketBase's JS VM,
// so the hooks re-check exactly the rules the app checks; and, apart because
// its dictionaries are large and only a password change needs them, the
// new-password rule with its estimator (src/lib/password/strength.ts).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const BUNDLES = [
	{ entry: 'src/lib/domain/index.ts', outfile: 'pb_hooks/lib/domain.js', from: 'src/lib/domain' },
	{ entry: 'src/lib/password/strength.ts', outfile: 'pb_hooks/lib/password.js', from: 'src/lib/password/strength.ts' }
];

export async function buildHooksLib() {
	await Promise.all(BUNDLES.map(bundle));
}

function bundle({ entry, outfile, from }) {
	return build({
		absWorkingDir: root,
		entryPoints: [entry],
		outfile,
		bundle: true,
		format: 'cjs',
		platform: 'neutral',
		mainFields: ['module', 'main'],
		// goja implements ES5 and most of ES2015.
		target: 'es2015',
		banner: { js: `// Generated from ${from} by scripts/build-hooks-lib.js — do not edit.` },
		tsconfigRaw: {},
		logLevel: 'warning'
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildHooksLib();
