import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		// `npm run dev` talks to a local PocketBase (npm start) through the dev server.
		proxy: { '/api': 'http://127.0.0.1:8090', '/_': 'http://127.0.0.1:8090' }
	},
	worker: { format: 'es' },
	build: {
		rolldownOptions: {
			output: {
				// Every page needs the framework and the API client; as a dozen sub-KB chunks they
				// took three rounds of HTTP/1.1's six connections on a cold visit, at a phone
				// network's latency each. Two chunks, each well under the 40 KB route budget, and a
				// third for the input schemas (zod and the modules that build them, and the domain's
				// barrel that re-exports them): only pages with a form load it; the layout and the
				// login page import the domain modules they need directly.
				codeSplitting: {
					groups: [
						{
							name: 'rules',
							test: /node_modules[\\/]zod[\\/]|src[\\/]lib[\\/]domain[\\/](rules|application|enterprise|profile|index)\.ts$/,
							priority: 3
						},
						{
							name: 'framework',
							test: /node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue|clsx)[\\/]|rolldown[\\/]runtime|vite[\\/]preload-helper/,
							priority: 2
						},
						{ name: 'app-core', test: /node_modules[\\/]pocketbase[\\/]|src[\\/]lib[\\/](api|domain)[\\/]/, priority: 1 }
					]
				}
			}
		}
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
