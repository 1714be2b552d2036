/**
 * Headers and routes as a browser or a scanner meets them on the served app:
 * a Content-Security-Policy (SvelteKit's <meta> with its script hashes, plus
 * the server's frame-ancestors), Referrer-Policy, Permissions-Policy, and
 * unknown /api/ paths answered 404 JSON instead of the app page with 200.
 */
import { describe, expect, it } from 'vitest';
import { pbUrl } from './helpers';

const get = (path: string, init?: RequestInit) => fetch(`${pbUrl()}${path}`, init);

describe('security headers', () => {
	it('every app page and the admin UI forbid framing and carry Referrer-Policy and Permissions-Policy', async () => {
		for (const path of ['/', '/login', '/certificates', '/_/']) {
			const res = await get(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
			expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
			expect(res.headers.get('permissions-policy'), path).toContain('camera=(self)');
			expect(res.headers.get('permissions-policy'), path).toContain('geolocation=()');
		}
	});

	it('the app page’s policy runs only its own scripts: no inline script but the hashed boot script, WebAssembly for the face detector', async () => {
		const html = await (await get('/login')).text();
		const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
		expect(meta).toBeTruthy();
		const scriptSrc = meta!
			.split(';')
			.map((d) => d.trim())
			.find((d) => d.startsWith('script-src'))!;
		expect(scriptSrc).toContain("'self'");
		expect(scriptSrc).toContain("'wasm-unsafe-eval'");
		expect(scriptSrc).not.toContain("'unsafe-inline'");
		expect(scriptSrc).not.toContain("'unsafe-eval'");
		expect(scriptSrc).toMatch(/'sha256-[A-Za-z0-9+/=]+'/);
		expect(meta).toContain("object-src 'none'");
		// Exactly the inline scripts the policy hashes, nothing else inline.
		const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)];
		expect(inline.length).toBe((scriptSrc.match(/'sha256-/g) ?? []).length);
	});

	it('API answers keep PocketBase’s own types; protected files keep its sandbox policy', async () => {
		const res = await get('/api/health');
		expect(res.headers.get('content-type')).toContain('application/json');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
	});
});

describe('unknown API paths', () => {
	it('answer 404 JSON, not the app page with 200, for any method', async () => {
		for (const [method, path] of [
			['GET', '/api/nope'],
			['GET', '/api/anguan/unknown'],
			['POST', '/api/nope'],
			['DELETE', '/api/x/y']
		]) {
			const res = await get(path, { method });
			expect(res.status, `${method} ${path}`).toBe(404);
			expect(res.headers.get('content-type'), `${method} ${path}`).toContain('application/json');
			const body = await res.json();
			expect(body.status ?? body.code).toBe(404);
		}
	});

	it('known ones still work, and the app’s own paths still get the app', async () => {
		expect((await get('/api/anguan/config')).status).toBe(200);
		const page = await get('/apply/some-certificate');
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toContain('text/html');
	});
});
