// After `vite build`: writes the service worker's lists from what is really
// in pb_public/ (SvelteKit's own `build` list misses worker chunks): the app
// shell, precached for every visitor, and the files kept only once they are
// used — the photo tool's (face model, tfjs wasm, segmentation model, worker
// chunks), the PDF maker's (pdf-lib) and the password meter's (zxcvbn's
// dictionaries): half a megabyte each that most visitors never need. Each
// entry carries a content revision, so an update re-downloads only files that
// changed. Replaces `self.__PRECACHE_MANIFEST` in service-worker.js.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PHOTO_PREFIXES = ['/models/', '/tfjs/', '/_app/immutable/workers/'];
/** Modules loaded by a dynamic import only when someone uses them (the PDF downloads, the new-password meter). */
const ON_DEMAND_MODULES = ['src/lib/ecert/pdf.ts', 'src/lib/ecert/pledge-pdf.ts', 'src/lib/password/strength.ts'];
const VITE_MANIFEST = join(root, '.svelte-kit/output/client/.vite/manifest.json');
/** Never precached: the worker itself, Kit's version poll, and the fallback's own path (listed as '/'). */
const SKIP = new Set(['/service-worker.js', '/_app/version.json', '/index.html']);
/** Fetched only when needed and kept by the page itself: the e-certificate PDF's font slices (src/lib/ecert/fonts.ts)… */
/** …and the manifest's screenshots, which only an install dialog shows. */
const SKIP_PREFIXES = ['/ecert-fonts/', '/screenshots/'];
const TOKEN = 'self.__PRECACHE_MANIFEST';

async function walk(dir) {
	const out = [];
	for (const d of await readdir(dir, { withFileTypes: true })) {
		const p = join(dir, d.name);
		if (d.isDirectory()) out.push(...(await walk(p)));
		else out.push(p);
	}
	return out;
}

/**
 * The built files of ON_DEMAND_MODULES and of the chunks only they import
 * (statically), from Vite's manifest: a chunk the rest of the app imports too
 * stays in the shell.
 */
function onDemandFiles(manifestPath = VITE_MANIFEST) {
	if (!existsSync(manifestPath)) throw new Error(`${manifestPath} missing: run after \`vite build\``);
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
	const closure = (keys) => {
		const seen = new Set();
		const visit = (k) => {
			if (seen.has(k) || !manifest[k]) return;
			seen.add(k);
			for (const i of manifest[k].imports ?? []) visit(i);
		};
		keys.forEach(visit);
		return seen;
	};
	const missing = ON_DEMAND_MODULES.filter((m) => !manifest[m]);
	if (missing.length) throw new Error(`not in the build: ${missing.join(', ')} (renamed? update ON_DEMAND_MODULES)`);
	const elsewhere = closure(Object.keys(manifest).filter((k) => !ON_DEMAND_MODULES.includes(k)));
	const files = new Set();
	for (const k of closure(ON_DEMAND_MODULES)) if (!elsewhere.has(k)) files.add('/' + manifest[k].file);
	return files;
}

export async function writePrecacheManifest(dir = join(root, 'pb_public')) {
	const lazy = onDemandFiles();
	const shell = [];
	const onDemand = [];
	const bytes = { shell: 0, shellGzip: 0, onDemand: 0, onDemandGzip: 0 };
	for (const file of (await walk(dir)).sort()) {
		// As the browser writes it in a URL's path (templates have Chinese names): that is what requests are matched by.
		const url = '/' + relative(dir, file).split(sep).map(encodeURIComponent).join('/');
		// The .br / .gz copies (scripts/compress-public.js) are the same files, chosen by the server.
		if (SKIP.has(url) || SKIP_PREFIXES.some((p) => url.startsWith(p)) || /\.(br|gz)$/.test(url)) continue;
		const body = await readFile(file);
		// Hashed names under _app/immutable/ never change content; the rest get a content hash.
		const revision = url.startsWith('/_app/immutable/') ? 'immutable' : createHash('sha256').update(body).digest('hex').slice(0, 12);
		const later = PHOTO_PREFIXES.some((p) => url.startsWith(p)) || lazy.has(url);
		(later ? onDemand : shell).push({ url, revision });
		const kind = later ? 'onDemand' : 'shell';
		bytes[kind] += body.length;
		bytes[`${kind}Gzip`] += gzipSync(body).length;
	}
	const index = await readFile(join(dir, 'index.html'));
	shell.push({ url: '/', revision: createHash('sha256').update(index).digest('hex').slice(0, 12) });
	bytes.shell += index.length;
	bytes.shellGzip += gzipSync(index).length;

	const swPath = join(dir, 'service-worker.js');
	const sw = await readFile(swPath, 'utf8');
	if (!sw.includes(TOKEN)) throw new Error(`${swPath} has no ${TOKEN} to replace`);
	await writeFile(swPath, sw.replace(TOKEN, `(${JSON.stringify({ shell, onDemand })})`));
	return { shell: shell.length, onDemand: onDemand.length, bytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const r = await writePrecacheManifest();
	const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
	console.log(
		`precache: app shell ${r.shell} files, ${kb(r.bytes.shell)} (${kb(r.bytes.shellGzip)} gzip); ` +
			`kept on first use (photo tool, PDF, password meter): ${r.onDemand} files, ${kb(r.bytes.onDemand)} (${kb(r.bytes.onDemandGzip)} gzip)`
	);
}
