/**
 * How the app and the API are served (server/static.go): the build's
 * pre-compressed copies by Accept-Encoding, cache lifetimes by kind of file,
 * revalidation, and personal API responses that no cache may keep.
 * Against the real build in pb_public/ (npm test builds it; alone, this file
 * builds what is missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressPublic, isCompressed } from '../../scripts/compress-public.js';
import { ROOT } from '../support/pocketbase';
import { pdfScan } from './factories-applications';
import { createEnterprise, pbUrl } from './helpers';

const PUBLIC = join(ROOT, 'pb_public');

interface Raw {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	/** The bytes as sent, not decoded. */
	body: Buffer;
}

/** A GET that shows the wire: fetch would decode the body and hide what was sent. */
function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
	return new Promise((resolve, reject) => {
		request(pbUrl() + path, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		})
			.on('error', reject)
			.end();
	});
}

const vary = (r: Raw) => String(r.headers.vary ?? '').toLowerCase();

/** The largest script index.html preloads: a hashed file under /_app/immutable/. */
let asset: string;
let original: Buffer;

beforeAll(async () => {
	if (!existsSync(join(PUBLIC, 'index.html'))) {
		const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
		if (build.status !== 0) throw new Error('npm run build failed');
	} else if (!(await isCompressed(PUBLIC))) await compressPublic(PUBLIC, { quiet: true });
	const index = readFileSync(join(PUBLIC, 'index.html'), 'utf8');
	const scripts = [...index.matchAll(/\/_app\/immutable\/[\w/.-]+\.js/g)].map((m) => m[0]);
	asset = scripts.sort((a, b) => statSync(join(PUBLIC, b)).size - statSync(join(PUBLIC, a)).size)[0];
	original = readFileSync(join(PUBLIC, asset));
}, 300_000);

describe('the built app', () => {
	it('sends a hashed asset brotli-compressed to a browser that accepts br, cached for a year as immutable', async () => {
		const r = await get(asset, { 'accept-encoding': 'gzip, deflate, br' });
		expect(r.status).toBe(200);
		expect(r.headers['content-encoding']).toBe('br');
		expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(r.headers['content-type']).toMatch(/^text\/javascript/);
		expect(vary(r)).toContain('accept-encoding');
		expect(r.body.length).toBeLessThan(original.length);
		expect(brotliDecompressSync(r.body).equals(original)).toBe(true);
	});

	it('sends gzip where br is not accepted (or refused with q=0)', async () => {
		for (const accept of ['gzip', 'br;q=0, gzip;q=0.8']) {
			const r = await get(asset, { 'accept-encoding': accept });
			expect(r.headers['content-encoding'], accept).toBe('gzip');
			expect(r.headers['cache-control']).toContain('immutable');
			expect(gunzipSync(r.body).equals(original)).toBe(true);
		}
	});

	it('sends the file as it is to a client that asks for no encoding', async () => {
		const r = await get(asset);
		expect(r.headers['content-encoding']).toBeUndefined();
		expect(Number(r.headers['content-length'])).toBe(original.length);
		expect(r.body.equals(original)).toBe(true);
		expect(vary(r)).toContain('accept-encoding');
	});

	it('answers a revisit with 304 Not Modified, by ETag or by date', async () => {
		const first = await get(asset, { 'accept-encoding': 'br' });
		const etag = String(first.headers.etag);
		expect(etag).toMatch(/^".+"$/);
		expect((await get(asset, { 'accept-encoding': 'br', 'if-none-match': etag })).status).toBe(304);
		expect((await get(asset, { 'if-modified-since': String(first.headers['last-modified']) })).status).toBe(304);
		// The gzip and plain copies are other representations: the br tag does not match them.
		expect((await get(asset, { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
	});

	it('makes the browser revalidate index.html, every app route, the service worker and the manifest', async () => {
		for (const [path, type] of [
			['/', /^text\/html/],
			['/index.html', /^text\/html/],
			['/certificates', /^text\/html/],
			['/service-worker.js', /^text\/javascript/],
			['/manifest.webmanifest', /^application\/manifest\+json/]
		] as const) {
			const r = await get(path, { 'accept-encoding': 'br, gzip' });
			expect(r.status, path).toBe(200);
			expect(r.headers['cache-control'], path).toBe('no-cache');
			expect(r.headers['content-type'], path).toMatch(type);
		}
		const page = await get('/certificates', { 'accept-encoding': 'br' });
		expect(page.headers['content-encoding']).toBe('br');
		expect(brotliDecompressSync(page.body).toString()).toBe(readFileSync(join(PUBLIC, 'index.html'), 'utf8'));
	});

	it('serves a prerendered page at its path: /login is login.html, which preloads the login code', async () => {
		const r = await get('/login?next=%2Fcertificates', { 'accept-encoding': 'br' });
		expect(r.status).toBe(200);
		expect(r.headers['cache-control']).toBe('no-cache');
		expect(brotliDecompressSync(r.body).toString()).toBe(readFileSync(join(PUBLIC, 'login.html'), 'utf8'));
	});

	it('answers a missing hashed asset with 404, not with the app page', async () => {
		const r = await get('/_app/immutable/chunks/gone.js');
		expect(r.status).toBe(404);
		expect(r.headers['content-type']).not.toMatch(/html/);
	});
});

describe('the API', () => {
	it('marks record responses and protected files private, no-store', async () => {
		const enterprise = await createEnterprise({ data: { license: pdfScan('营业执照.pdf') } });
		const id = enterprise.record.id;
		const auth = { authorization: enterprise.pb.authStore.token };

		const rec = await get(`/api/collections/enterprises/records/${id}`, auth);
		expect(rec.status).toBe(200);
		expect(rec.headers['cache-control']).toBe('private, no-store');

		const token = await enterprise.pb.files.getToken();
		const file = await get(`/api/files/enterprises/${id}/${enterprise.record.license}?token=${token}`);
		expect(file.status).toBe(200);
		expect(file.headers['cache-control']).toBe('private, no-store');

		const refused = await get(`/api/collections/enterprises/records/${id}`);
		expect(refused.status).toBe(404);
		expect(refused.headers['cache-control']).toBe('private, no-store');
	});

	it('leaves the public configuration cacheable', async () => {
		const r = await get('/api/anguan/config');
		expect(r.status).toBe(200);
		expect(r.headers['cache-control'] ?? '').not.toContain('no-store');
	});
});
