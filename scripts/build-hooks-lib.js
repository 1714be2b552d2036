// Bundles src/lib/domain (TypeScript, ESM) to CommonJS for PocketBase's JS VM,
// so the hooks re-check exactly the rules the app checks.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildHooksLib() {
	await build({
		absWorkingDir: root,
		entryPoints: ['src/lib/domain/index.ts'],
		outfile: 'pb_hooks/lib/domain.js',
		bundle: true,
		format: 'cjs',
		platform: 'neutral',
		// goja implements ES5 and most of ES2015.
		target: 'es2015',
		banner: { js: '// Generated from src/lib/domain by scripts/build-hooks-lib.js — do not edit.' },
		tsconfigRaw: {},
		logLevel: 'warning'
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildHooksLib();
