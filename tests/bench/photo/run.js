// npm run bench:photo — the ID photo pipeline in headless Chromium on a
// generated 4000×3000 JPEG, against decoding alone (the floor) and against
// the common main-thread way (cropper canvas export + browser-image-compression).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { copyPhotoAssets } from '../../../scripts/copy-photo-assets.js';
import { syncSvelteKit } from '../prepare.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = join(root, 'tests/.tmp/bench-photo');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// Vite reads tsconfig.json, which extends SvelteKit's generated one.
syncSvelteKit();
await copyPhotoAssets();
await build({
	configFile: false,
	root: join(here, 'page'),
	logLevel: 'warn',
	worker: { format: 'es' },
	build: { outDir, emptyOutDir: true, target: 'es2022' }
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream' };
const server = createServer(async (req, res) => {
	const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
	if (process.env.BENCH_DEBUG) console.error('GET', path);
	const file = /^\/(models|tfjs)\//.test(path) ? join(root, 'static', path) : join(outDir, path === '/' ? 'index.html' : path);
	try {
		const body = await readFile(file);
		res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		res.end(body);
	} catch {
		res.writeHead(404).end();
	}
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
});
try {
	const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
	page.on('pageerror', (e) => console.error('page error:', e.message));
	await page.goto(url);
	await page.waitForFunction(() => 'runBench' in window);
	const r = await page.evaluate((runs) => window.runBench(runs), RUNS);
	const ms = (v) => `${v.toFixed(0)} ms`;
	const x = (v) => `${v.toFixed(2)}×`;
	console.log(`photo pipeline bench — 4000×3000 JPEG (${(r.fileBytes / 1024).toFixed(0)} KB), crop 1500×1950 → 480×624, median of ${r.runs} runs`);
	console.log(`  decode floor (createImageBitmap)          ${ms(r.decodeMs)}`);
	console.log(`  full pipeline (worker, face: ${r.faceDetector ?? 'none'})     ${ms(r.pipelineMs)}   ${x(r.pipelineMs / r.decodeMs)} the floor (target ≤ 2×)`);
	console.log(`  pipeline without face detection           ${ms(r.pipelineNoFaceMs)}   ${x(r.pipelineNoFaceMs / r.decodeMs)} the floor`);
	console.log(`  re-crop of an open photo, without / with face detection   ${ms(r.recropMs)} / ${ms(r.recropFaceMs)}`);
	console.log(`  worker steps of a re-crop (median ms)     ${Object.entries(r.steps).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
	console.log(`  baseline (cropper $toCanvas + browser-image-compression, main thread)  ${ms(r.baselineMs)}`);
	console.log(`  pipeline / baseline                       ${x(r.pipelineMs / r.baselineMs)} (target < 1×)`);
	console.log(`  longest main-thread task, pipeline        ${ms(r.longestTaskPipelineMs)} (target ≤ 50 ms; 0 = none over 50 ms)`);
	console.log(`  longest main-thread task, baseline        ${ms(r.longestTaskBaselineMs)}`);
	console.log(`  output ${(r.outBytes / 1024).toFixed(0)} KB; baseline output ${(r.baselineBytes / 1024).toFixed(0)} KB`);
	const ok = r.pipelineMs <= 2 * r.decodeMs && r.pipelineMs < r.baselineMs && r.longestTaskPipelineMs <= 50;
	console.log(ok ? 'all targets met' : 'TARGETS MISSED');
	process.exitCode = ok ? 0 : 1;
} finally {
	await browser.close();
	server.close();
}
