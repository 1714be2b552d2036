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
 *   chunks (~2.6 MB), the PDF maker and the password meter (~0.4 MB each)
 *   are not: each is kept the first time it is fetched, so only people who
 *   use it download it, and it then works offline (the certificate page
 *   fetches the PDF maker while the holder reads).
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
	onDemand: Entry[];
}

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL_CACHE = 'app-shell';
const ON_DEMAND_CACHE = 'on-demand';
const PHOTO_PREFIXES = ['/models/', '/tfjs/', '/_app/immutable/workers/'];
const isPhotoAsset = (path: string) => PHOTO_PREFIXES.some((p) => path.startsWith(p));

// Replaced after the build; `vite dev` and a bare `vite build` fall back to Kit's lists.
const MANIFEST: Manifest = (self as unknown as { __PRECACHE_MANIFEST?: Manifest }).__PRECACHE_MANIFEST ?? {
	shell: [...new Set([...build, ...files, ...prerendered, '/'])].filter((u) => !isPhotoAsset(u)).map((url) => ({ url, revision: 'dev' })),
	onDemand: []
};

const keyOf = (e: Entry) => `${e.url}?rev=${e.revision}`;
const SHELL = new Map(MANIFEST.shell.map((e) => [e.url, keyOf(e)]));
const ON_DEMAND = new Map(MANIFEST.onDemand.map((e) => [e.url, keyOf(e)]));

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

/**
 * On-demand files the page fetched before this worker controlled it (a first
 * visit that goes straight to the photo tool while the shell is still being
 * precached): taken from the browser's HTTP cache, never the network, so they
 * too work offline.
 */
async function adoptOnDemand(): Promise<void> {
	const cache = await caches.open(ON_DEMAND_CACHE);
	await Promise.all(
		[...ON_DEMAND].map(async ([url, key]) => {
			if (await cache.match(key)) return;
			try {
				const res = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' });
				if (res.ok && res.status === 200) await cache.put(key, res);
			} catch {
				// Not in the HTTP cache: kept when it is next fetched.
			}
		})
	);
}

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			// Earlier versions' per-version caches ('app-<version>') go; other caches (the e-certificate's font slices) outlive an update.
			for (const key of await caches.keys()) if (key.startsWith('app-') && key !== SHELL_CACHE) await caches.delete(key);
			await prune(SHELL_CACHE, new Set(SHELL.values()));
			await prune(ON_DEMAND_CACHE, new Set(ON_DEMAND.values()));
			await sw.clients.claim();
			await adoptOnDemand();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

const isServerOnly = (path: string) => path.startsWith('/api/') || path === '/api' || path.startsWith('/_/') || path === '/_';

/** Cache first; with `keep`, a file missing from its cache is fetched and kept (the on-demand files). */
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
	const laterKey = ON_DEMAND.get(url.pathname);
	if (laterKey) event.respondWith(fromCache(req, ON_DEMAND_CACHE, laterKey, true));
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
