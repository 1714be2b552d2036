// After `vite build`: writes the service worker's lists from what is really
// in pb_public/ (SvelteKit's own `build` list misses worker chunks): the app
// shell, precached for every visitor, and the photo tool's files (face model,
// tfjs wasm, segmentation model, worker chunks), kept only once the tool is
// used. Each entry carries a content revision, so an update re-downloads only
// files that changed. Replaces `self.__PRECACHE_MANIFEST` in service-worker.js.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PHOTO_PREFIXES = ['/models/', '/tfjs/', '/_app/immutable/workers/'];
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

export async function writePrecacheManifest(dir = join(root, 'pb_public')) {
	const shell = [];
	const photo = [];
	const bytes = { shell: 0, shellGzip: 0, photo: 0, photoGzip: 0 };
	for (const file of (await walk(dir)).sort()) {
		// As the browser writes it in a URL's path (templates have Chinese names): that is what requests are matched by.
		const url = '/' + relative(dir, file).split(sep).map(encodeURIComponent).join('/');
		// The .br / .gz copies (scripts/compress-public.js) are the same files, chosen by the server.
		if (SKIP.has(url) || SKIP_PREFIXES.some((p) => url.startsWith(p)) || /\.(br|gz)$/.test(url)) continue;
		const body = await readFile(file);
		// Hashed names under _app/immutable/ never change content; the rest get a content hash.
		const revision = url.startsWith('/_app/immutable/') ? 'immutable' : createHash('sha256').update(body).digest('hex').slice(0, 12);
		const isPhoto = PHOTO_PREFIXES.some((p) => url.startsWith(p));
		(isPhoto ? photo : shell).push({ url, revision });
		const kind = isPhoto ? 'photo' : 'shell';
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
	await writeFile(swPath, sw.replace(TOKEN, `(${JSON.stringify({ shell, photo })})`));
	return { shell: shell.length, photo: photo.length, bytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const r = await writePrecacheManifest();
	const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
	console.log(
		`precache: app shell ${r.shell} files, ${kb(r.bytes.shell)} (${kb(r.bytes.shellGzip)} gzip); ` +
			`photo tool, kept on first use: ${r.photo} files, ${kb(r.bytes.photo)} (${kb(r.bytes.photoGzip)} gzip)`
	);
}
