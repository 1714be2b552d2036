/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The app offline. Its lists come from the real build output
 * (scripts/precache-manifest.js writes them into this file after
 * `vite build`: Kit's own `build` list misses worker chunks):
 * - the app shell — every page's code, styles, icons, index.html (the SPA
 *   fallback, served for page navigations the network does not answer) — is
 *   precached for everyone;
 * - the photo tool's face model, tfjs wasm, segmentation model and worker
 *   chunks (~2.6 MB) are not: they are kept the first time the photo tool
 *   fetches them, so only applicants who use it download them, and it then
 *   works offline.
 * Entries are cached under their content revision, so an update fetches only
 * what changed. PocketBase's API (/api/) and admin UI (/_/) are never cached —
 * data offline lives in IndexedDB.
 */
import { build, files, prerendered } from '$service-worker';

interface Entry {
	url: string;
	revision: string;
}
interface Manifest {
	shell: Entry[];
	photo: Entry[];
}

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL_CACHE = 'app-shell';
const PHOTO_CACHE = 'photo-tools';
const PHOTO_PREFIXES = ['/models/', '/tfjs/', '/_app/immutable/workers/'];
const isPhotoAsset = (path: string) => PHOTO_PREFIXES.some((p) => path.startsWith(p));

// Replaced after the build; `vite dev` and a bare `vite build` fall back to Kit's lists.
const MANIFEST: Manifest = (self as unknown as { __PRECACHE_MANIFEST?: Manifest }).__PRECACHE_MANIFEST ?? {
	shell: [...new Set([...build, ...files, ...prerendered, '/'])].filter((u) => !isPhotoAsset(u)).map((url) => ({ url, revision: 'dev' })),
	photo: []
};

const keyOf = (e: Entry) => `${e.url}?rev=${e.revision}`;
const SHELL = new Map(MANIFEST.shell.map((e) => [e.url, keyOf(e)]));
const PHOTO = new Map(MANIFEST.photo.map((e) => [e.url, keyOf(e)]));

sw.addEventListener('install', (event) => {
	// No skipWaiting here: the page asks for it when the user clicks "有新版本，点击刷新".
	event.waitUntil(
		(async () => {
			const cache = await caches.open(SHELL_CACHE);
			const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search));
			// Only what changed since the version already here is downloaded.
			const missing = MANIFEST.shell.filter((e) => !have.has(keyOf(e)));
			await Promise.all(
				missing.map(async (e) => {
					const res = await fetch(e.url, { cache: 'reload' });
					if (!res.ok) throw new Error(`precache ${e.url}: HTTP ${res.status}`);
					await cache.put(keyOf(e), res);
				})
			);
		})()
	);
});

/** Drops what the new version no longer lists, in both caches; anything else is an old version's. */
async function prune(name: string, keep: Set<string>): Promise<void> {
	const cache = await caches.open(name);
	for (const req of await cache.keys()) {
		const u = new URL(req.url);
		if (!keep.has(u.pathname + u.search)) await cache.delete(req);
	}
}

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			// Earlier versions' per-version caches ('app-<version>') go; other caches (the e-certificate's font slices) outlive an update.
			for (const key of await caches.keys()) if (key.startsWith('app-') && key !== SHELL_CACHE) await caches.delete(key);
			await prune(SHELL_CACHE, new Set(SHELL.values()));
			await prune(PHOTO_CACHE, new Set(PHOTO.values()));
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

const isServerOnly = (path: string) => path.startsWith('/api/') || path === '/api' || path.startsWith('/_/') || path === '/_';

/** Cache first; a photo-tool file missing from its cache is fetched and kept. */
async function fromCache(req: Request, cacheName: string, key: string, keep: boolean): Promise<Response> {
	const cache = await caches.open(cacheName);
	const hit = await cache.match(key);
	if (hit) return hit;
	const res = await fetch(req);
	if (keep && res.ok && res.status === 200) await cache.put(key, res.clone());
	return res;
}

sw.addEventListener('fetch', (event) => {
	const req = event.request;
	if (req.method !== 'GET') return;
	const url = new URL(req.url);
	if (url.origin !== location.origin || isServerOnly(url.pathname)) return;

	if (req.mode === 'navigate') {
		const shell = SHELL.get('/');
		event.respondWith(
			(async () => {
				const fallback = async () => (shell ? await caches.match(shell, { cacheName: SHELL_CACHE }) : undefined);
				try {
					const res = await fetch(req);
					// A 404/5xx page from a struggling server is worse than the app shell.
					if (res.ok) return res;
					return (await fallback()) ?? res;
				} catch {
					return (await fallback()) ?? Response.error();
				}
			})()
		);
		return;
	}

	const shellKey = SHELL.get(url.pathname);
	if (shellKey) {
		event.respondWith(fromCache(req, SHELL_CACHE, shellKey, false));
		return;
	}
	const photoKey = PHOTO.get(url.pathname);
	if (photoKey) event.respondWith(fromCache(req, PHOTO_CACHE, photoKey, true));
});

// Background Sync: the browser wakes us when the connection is back; an open
// tab of the app does the sending (it holds the login and the upload code).
sw.addEventListener('sync', (event) => {
	const e = event as ExtendableEvent & { tag: string };
	if (e.tag !== 'anguan-outbox') return;
	e.waitUntil(
		(async () => {
			const clients = await sw.clients.matchAll({ type: 'window' });
			if (clients.length === 0) return;
			const channel = new MessageChannel();
			const done = new Promise<void>((resolve) => {
				channel.port1.onmessage = () => resolve();
				setTimeout(resolve, 5 * 60_000);
			});
			clients[0].postMessage({ type: 'SYNC_OUTBOX' }, [channel.port2]);
			await done;
		})()
	);
});
