// After `vite build` (npm's postbuild): writes a brotli (.br) and a gzip (.gz)
// copy beside every text file in pb_public/, once per build at the highest
// levels, so the server only picks a file by Accept-Encoding
// (server/static.go; nginx's brotli_static / gzip_static do the same).
// A copy is kept only when it is smaller than the original.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text, wasm (−70 %) and the face model's weights (−20 %); PNG and JPEG are already dense. */
export const COMPRESSIBLE = /\.(html|js|mjs|css|json|webmanifest|svg|txt|xml|wasm|bin)$/;
const VARIANT = /\.(br|gz)$/;

async function listFiles(dir) {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

/**
 * Compresses one file both ways; returns the sizes written (0 = not worth keeping). A file
 * changed after the build needs this too: the server prefers the copies while they exist.
 */
export async function compressFile(file) {
	const data = await readFile(file);
	const [br, gzipped] = await Promise.all([
		brotli(data, {
			params: {
				[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
				[constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
				[constants.BROTLI_PARAM_SIZE_HINT]: data.length
			}
		}),
		gz(data, { level: constants.Z_BEST_COMPRESSION })
	]);
	const sizes = { file, raw: data.length, br: 0, gz: 0 };
	for (const [suffix, bytes] of [
		['.br', br],
		['.gz', gzipped]
	]) {
		if (bytes.length < data.length) {
			await writeFile(file + suffix, bytes);
			sizes[suffix.slice(1)] = bytes.length;
		} else await rm(file + suffix, { force: true });
	}
	return sizes;
}

export async function compressPublic(dir = join(root, 'pb_public'), { quiet = false } = {}) {
	const files = await listFiles(dir);
	// Copies left from an earlier build whose original is gone would be served for nothing.
	const present = new Set(files);
	await Promise.all(files.filter((f) => VARIANT.test(f) && !present.has(f.slice(0, -3))).map((f) => rm(f)));
	const todo = files.filter((f) => COMPRESSIBLE.test(f) && !VARIANT.test(f));
	const results = [];
	// Two at a time: zlib runs on libuv's thread pool, and the machine may have two cores.
	for (let i = 0; i < todo.length; i += 2) results.push(...(await Promise.all(todo.slice(i, i + 2).map(compressFile))));
	if (!quiet) {
		const sum = (k) => results.reduce((n, r) => n + (r[k] || r.raw), 0);
		const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
		console.log(
			`compress-public: ${results.length} files in ${relative(root, dir)}/, ${kb(sum('raw'))} → brotli ${kb(sum('br'))}, gzip ${kb(sum('gz'))}`
		);
	}
	return results;
}

/** Whether every compressible file in dir has its copies, newer than itself (a build left them). */
export async function isCompressed(dir = join(root, 'pb_public')) {
	const files = await listFiles(dir);
	const present = new Set(files);
	for (const f of files.filter((f) => COMPRESSIBLE.test(f) && !VARIANT.test(f))) {
		if (!present.has(f + '.gz')) return false;
		if ((await stat(f + '.gz')).mtimeMs < (await stat(f)).mtimeMs) return false;
	}
	return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await compressPublic(process.argv[2]);
