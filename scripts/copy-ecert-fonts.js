// Puts the CJK font the e-certificate PDF embeds into the built app, after
// `vite build`: Noto Sans SC (SIL OFL, @fontsource) in its ~100 unicode-range
// slices of ~45 KB each. They go to pb_public/ecert-fonts/ — outside the
// service worker's precache list (static/ and the Vite output), so no visitor
// downloads 4.6 MB up front: the PDF code fetches only the slices holding the
// characters of one certificate and keeps them in the Cache API for offline use.
// WOFF (zlib, which browsers unpack natively), not WOFF2 (Brotli, which they do not expose).
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = join(root, 'node_modules/@fontsource/noto-sans-sc');
const out = join(root, 'pb_public/ecert-fonts');

export async function copyEcertFonts() {
	const css = await readFile(join(pkg, '400.css'), 'utf8');
	const faces = [];
	for (const m of css.matchAll(/url\(\.\/files\/([\w-]+)\.woff2\)[^;]*;\s*unicode-range:\s*([^;]+);/g)) {
		const ranges = m[2].split(',').map((r) => {
			const [lo, hi] = r.trim().replace(/^U\+/i, '').split('-');
			// A single code point as a number, a span as [first, last].
			return hi === undefined ? parseInt(lo, 16) : [parseInt(lo, 16), parseInt(hi, 16)];
		});
		faces.push({ file: `${m[1]}.woff`, ranges });
	}
	if (faces.length < 50) throw new Error(`@fontsource/noto-sans-sc/400.css: expected ~100 font slices, found ${faces.length}`);
	// A new font release gets a new folder, so a browser never mixes slices of two releases.
	const dir = createHash('sha256').update(css).digest('hex').slice(0, 10);
	await rm(out, { recursive: true, force: true });
	await mkdir(join(out, dir), { recursive: true });
	for (const f of faces) await copyFile(join(pkg, 'files', f.file), join(out, dir, f.file));
	await writeFile(join(out, 'index.json'), JSON.stringify({ dir, faces }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await copyEcertFonts();
