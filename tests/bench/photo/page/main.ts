/**
 * Bench page: times the photo pipeline against (a) decoding alone and (b)
 * the common main-thread way (cropper's canvas export, then
 * browser-image-compression), and records main-thread long tasks.
 */
import 'cropperjs';
import imageCompression from 'browser-image-compression';
import { PhotoProcessor } from '../../../../src/lib/photo/processor';
import { PHOTO_RULES } from '../../../../src/lib/domain/photo';

type El = HTMLElement & Record<string, any>;

const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
	for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

function longestTaskIn(t0: number, t1: number): number {
	return longTasks.filter((t) => t.start + t.duration >= t0 && t.start <= t1).reduce((m, t) => Math.max(m, t.duration), 0);
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A 4000×3000 camera-like JPEG: white wall, a drawn figure, sensor noise (which makes decoding honest work). */
async function makePhoto(): Promise<File> {
	const w = 4000, h = 3000;
	const c = new OffscreenCanvas(w, h);
	const g = c.getContext('2d')!;
	g.fillStyle = '#f4f4f2';
	g.fillRect(0, 0, w, h);
	g.fillStyle = '#2f3f5c';
	g.beginPath();
	g.ellipse(w / 2, h * 1.05, w * 0.22, h * 0.35, 0, 0, Math.PI * 2);
	g.fill();
	g.fillStyle = '#e8bd9c';
	g.beginPath();
	g.ellipse(w / 2, h * 0.42, w * 0.09, h * 0.16, 0, 0, Math.PI * 2);
	g.fill();
	const img = g.getImageData(0, 0, w, h);
	let s = 12345;
	for (let i = 0; i < img.data.length; i += 4) {
		s = (s * 1103515245 + 12345) >>> 0;
		const n = ((s >>> 16) % 17) - 8;
		img.data[i] += n;
		img.data[i + 1] += n;
		img.data[i + 2] += n;
	}
	g.putImageData(img, 0, 0);
	const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
	return new File([blob], 'camera.jpg', { type: 'image/jpeg', lastModified: 1 });
}

/** The crop an applicant would make: the head and shoulders, 1.3 high. */
const CROP = { x: 1250, y: 350, width: 1500, height: 1950 };

async function timeDecode(file: File) {
	const t0 = performance.now();
	const b = await createImageBitmap(file, { imageOrientation: 'from-image' });
	const dt = performance.now() - t0;
	b.close();
	return dt;
}

const stepTimings: Record<string, number[]> = {};

// One processor, as on the page: its worker (and face model) stay warm between photos.
const processor = new PhotoProcessor({ modelsUrl: new URL('/models/', location.href).href, wasmUrl: new URL('/tfjs/', location.href).href });

async function timePipeline(file: File, skipFace: boolean) {
	const p = processor;
	// A fresh File each run: the worker keys its decoded bitmap by file, so decoding is in every run.
	const f = new File([file], `camera-${Math.random()}.jpg`, { type: file.type, lastModified: Date.now() });
	const t0 = performance.now();
	const opened = await p.open(f);
	if (!opened.ok) throw new Error(opened.message);
	const tOpen = performance.now() - t0;
	const r = await p.process(CROP, { skipFace });
	const dt = performance.now() - t0;
	if (!skipFace) {
		(stepTimings['open (full run)'] ??= []).push(Math.round(tOpen));
		for (const [k, v] of Object.entries(r.timings ?? {})) (stepTimings[`${k} (full run)`] ??= []).push(v);
	}
	const t1 = performance.now();
	return { dt, t0, t1, bytes: r.jpeg?.size ?? 0, detector: r.report.faceDetector };
}

/** The crop step alone, on an open (decoded) file: what every drag of the box costs. */
async function timeRecrop(skipFace: boolean) {
	const t0 = performance.now();
	const r = await processor.process(CROP, { skipFace });
	if (!skipFace) for (const [k, v] of Object.entries(r.timings ?? {})) (stepTimings[k] ??= []).push(v);
	return performance.now() - t0;
}

async function timeBaseline(file: File) {
	const stage = document.getElementById('stage')!;
	const url = URL.createObjectURL(file);
	const t0 = performance.now();
	stage.innerHTML = `<cropper-canvas background><cropper-image src="${url}" initial-center-size="contain" scalable translatable></cropper-image>
		<cropper-selection aspect-ratio="${1 / PHOTO_RULES.ratio}" precise movable resizable></cropper-selection></cropper-canvas>`;
	const image = stage.querySelector('cropper-image') as El;
	const selection = stage.querySelector('cropper-selection') as El;
	await image.$ready();
	await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	// Place the selection over the same source rectangle as the pipeline's crop.
	const c = (stage.querySelector('cropper-canvas') as El).getBoundingClientRect();
	const i = image.getBoundingClientRect();
	const k = i.width / 4000;
	selection.$change(i.left - c.left + CROP.x * k, i.top - c.top + CROP.y * k, CROP.width * k, CROP.height * k);
	// The common export: the selection drawn at the crop's source size, then compressed.
	const canvas: HTMLCanvasElement = await selection.$toCanvas({ width: CROP.width, height: CROP.height });
	const png = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg', 0.92));
	const out = await imageCompression(new File([png], 'crop.jpg', { type: 'image/jpeg' }), {
		// Library defaults, plus the same byte bound; its web worker would fetch
		// the library from a CDN, which an offline app cannot, so main thread.
		maxSizeMB: PHOTO_RULES.maxBytes / 1024 / 1024,
		useWebWorker: false
	});
	const dt = performance.now() - t0;
	const t1 = performance.now();
	stage.innerHTML = '';
	URL.revokeObjectURL(url);
	return { dt, t0, t1, bytes: out.size };
}

async function run(runs: number) {
	const file = await makePhoto();
	const decode: number[] = [];
	const pipeline: number[] = [];
	const imageOnly: number[] = [];
	const baseline: number[] = [];
	const recrop: number[] = [];
	const recropFace: number[] = [];
	let longestPipeline = 0;
	let longestBaseline = 0;
	let detector: string | null = null;
	let outBytes = 0;
	let baselineBytes = 0;

	// Warm-up: first worker start, face-api model and wasm load, JIT.
	await timeDecode(file);
	await timePipeline(file, false);
	await timeBaseline(file);
	await new Promise((r) => setTimeout(r, 200));

	// The pipeline and its floor, interleaved so background load hits both alike.
	const windows: [number, number][] = [];
	for (let n = 0; n < runs; n++) {
		decode.push(await timeDecode(file));
		await new Promise((r) => setTimeout(r, 50)); // the floor's own tasks stay out of the pipeline's window
		const p = await timePipeline(file, false);
		windows.push([p.t0, p.t1]);
		pipeline.push(p.dt);
		detector = p.detector;
		outBytes = p.bytes;
		imageOnly.push((await timePipeline(file, true)).dt);
		recrop.push(await timeRecrop(true));
		recropFace.push(await timeRecrop(false));
	}
	await new Promise((r) => setTimeout(r, 100)); // let the long-task observer deliver
	longestPipeline = Math.max(0, ...windows.map(([a, b]) => longestTaskIn(a, b)));

	// The baseline afterwards, so its main-thread work cannot spill into the pipeline's window.
	const b0 = performance.now();
	for (let n = 0; n < runs; n++) {
		const b = await timeBaseline(file);
		baseline.push(b.dt);
		baselineBytes = b.bytes;
	}
	await new Promise((r) => setTimeout(r, 100));
	longestBaseline = longestTaskIn(b0, performance.now());
	return {
		fileBytes: file.size,
		runs,
		decodeMs: median(decode),
		pipelineMs: median(pipeline),
		pipelineNoFaceMs: median(imageOnly),
		baselineMs: median(baseline),
		recropMs: median(recrop),
		recropFaceMs: median(recropFace),
		steps: Object.fromEntries(Object.entries(stepTimings).map(([k, v]) => [k, median(v)])),
		longestTaskPipelineMs: longestPipeline,
		longestTaskBaselineMs: longestBaseline,
		faceDetector: detector,
		outBytes,
		baselineBytes
	};
}

(window as unknown as { runBench: typeof run }).runBench = run;
