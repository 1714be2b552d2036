import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// The PWA is a static SPA served by PocketBase from pb_public/, which
		// answers unknown paths with index.html (--indexFallback).
		adapter: adapter({ pages: 'pb_public', assets: 'pb_public', fallback: 'index.html', strict: true }),
		// Registered by src/lib/offline/pwa.ts with workbox-window, which
		// drives the "有新版本" prompt.
		serviceWorker: { register: false },
		alias: { $domain: 'src/lib/domain' },
		// The root layout's small stylesheets go inside index.html: on a cold visit three
		// render-blocking requests fewer, each a round trip on a phone network.
		inlineStyleThreshold: 5 * 1024
	}
};
