/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The app shell offline: every built file is precached per version; page
 * navigations get index.html (the SPA fallback, which Kit's lists do not
 * include) when the network does not answer. PocketBase's API (/api/) and
 * admin UI (/_/) are never cached — data offline lives in IndexedDB.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `app-${version}`;
const SHELL = '/';
const ASSETS = [...new Set([...build, ...files, ...prerendered, SHELL])];
const ASSET_SET = new Set(ASSETS);

sw.addEventListener('install', (event) => {
	// No skipWaiting here: the page asks for it when the user clicks "有新版本，点击刷新".
	event.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			// Only old app versions: other caches (the e-certificate's font slices) outlive an update.
			for (const key of await caches.keys()) if (key !== CACHE && key.startsWith('app-')) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

const isServerOnly = (path: string) => path.startsWith('/api/') || path === '/api' || path.startsWith('/_/') || path === '/_';

sw.addEventListener('fetch', (event) => {
	const req = event.request;
	if (req.method !== 'GET') return;
	const url = new URL(req.url);
	if (url.origin !== location.origin || isServerOnly(url.pathname)) return;

	if (req.mode === 'navigate') {
		event.respondWith(
			(async () => {
				try {
					const res = await fetch(req);
					// A 404/5xx page from a struggling server is worse than the app shell.
					if (res.ok) return res;
					return (await caches.match(SHELL, { cacheName: CACHE })) ?? res;
				} catch {
					return (await caches.match(SHELL, { cacheName: CACHE })) ?? Response.error();
				}
			})()
		);
		return;
	}

	if (ASSET_SET.has(url.pathname)) {
		event.respondWith(
			(async () => (await caches.match(url.pathname, { cacheName: CACHE })) ?? fetch(req))()
		);
	}
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
