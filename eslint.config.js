// The checking gate, part of `npm test` (npm run lint): typescript-eslint
// with type information (no-floating-promises: a promise nobody awaits fails
// silently, so a person never learns their work was not saved), Svelte's
// rules, and Prettier for layout (npm run format).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const SVELTE_FILES = ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'];

export default ts.config(
	{
		ignores: [
			'.svelte-kit/',
			'pb_public/',
			'node_modules/',
			'static/',
			'test-results/',
			'playwright-report/',
			'tests/.tmp/',
			'.pb/',
			// generated (scripts/build-hooks-lib.js, scripts/hook-types.js)
			'pb_hooks/lib/domain.js',
			'pb_hooks/lib/password.js',
			'pb_hooks/types.d.ts'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	// Svelte's rules for Svelte files only (some misread plain scripts such as the hooks).
	...[...svelte.configs.recommended, ...svelte.configs.prettier].map((c) => (c.rules && !c.files ? { ...c, files: SVELTE_FILES } : c)),
	prettier,
	{
		files: ['src/**', 'tests/**', 'scripts/**', '*.js', '*.ts'],
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		rules: {
			// The app is served at the root of its origin (PocketBase serves it; paths.base is ''), so
			// links and goto() take plain paths; resolve() would add nothing.
			'svelte/no-navigation-without-resolve': 'off',
			// Unused arguments keep a callback's signature readable; a leading _ says "on purpose".
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }]
		}
	},
	{
		// The app, the tests and the scripts with type information.
		files: ['src/**/*.ts', 'src/**/*.svelte', 'tests/**/*.ts', 'tests/**/*.svelte'],
		languageOptions: {
			parserOptions: {
				// The service worker is outside Kit's tsconfig (it has its own lib references).
				projectService: { allowDefaultProject: ['src/service-worker.ts'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }]
		}
	},
	{
		// Playwright's fixtures take their dependencies as a destructured object, `{}` when there are none.
		files: ['tests/e2e/**/*.ts'],
		rules: { 'no-empty-pattern': 'off' }
	},
	{
		// PocketBase's JS VM: CommonJS, its own globals (declared in pb_hooks/types.d.ts, checked by tsconfig.hooks.json).
		files: ['pb_hooks/**/*.js', 'pb_migrations/**/*.js'],
		languageOptions: { sourceType: 'script', globals: { ...globals.commonjs } },
		rules: {
			'no-undef': 'off',
			// `/// <reference path="types.d.ts" />` is how PocketBase's hooks get their types.
			'@typescript-eslint/triple-slash-reference': 'off',
			'@typescript-eslint/no-require-imports': 'off'
		}
	}
);
