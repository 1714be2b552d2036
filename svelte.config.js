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
		// The app's Content-Security-Policy, as a <meta> in every page with the
		// hashes of SvelteKit's own inline boot script (no other inline script
		// runs). The server adds what a <meta> cannot carry (frame-ancestors) in
		// server/security_headers.go. tfjs's face detector compiles WebAssembly.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self', 'data:', 'blob:'],
				'worker-src': ['self', 'blob:'],
				'media-src': ['self', 'blob:'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		// The root layout's small stylesheets go inside index.html: on a cold visit three
		// render-blocking requests fewer, each a round trip on a phone network.
		inlineStyleThreshold: 5 * 1024
	}
};
