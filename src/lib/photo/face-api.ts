/**
 * @vladmandic/face-api's tiny face detector + 68-point tiny landmarks
 * (~270 KB of weights, MIT) on tfjs' wasm backend, for browsers without a
 * working FaceDetector. Imported by the worker only: the library bundles
 * tfjs (1.3 MB), loaded when the photo tool opens from this origin's /models
 * and /tfjs, which the service worker keeps once fetched, so it works offline.
 */
import type { DetectedFace, FaceDetection } from './checks/face';
import { nativeDetect, type DetectFaces, type DetectOptions, type FaceSource } from './face';

export interface FaceApiUrls {
	modelsUrl: string;
	wasmUrl: string;
}

type FaceApi = typeof import('@vladmandic/face-api');
let faceApi: Promise<FaceApi> | undefined;

/** face-api with its models, on tfjs' wasm backend; started once, shared by every caller. */
export function loadFaceApi(urls: FaceApiUrls): Promise<FaceApi> {
	faceApi ??= (async () => {
		const api = await import('@vladmandic/face-api');
		if (typeof document === 'undefined' && typeof OffscreenCanvas !== 'undefined') {
			// In a worker face-api's browser detection fails (no document); tell it
			// what to draw with. monkeyPatch throws there, setEnv does not.
			// createBrowserEnv() reads `window`, so the whole environment is spelled out.
			const none = () => {
				throw new Error('no DOM media elements in a worker');
			};
			api.env.setEnv({
				Canvas: OffscreenCanvas as unknown as typeof HTMLCanvasElement,
				CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D as unknown as typeof CanvasRenderingContext2D,
				Image: class {} as unknown as typeof HTMLImageElement,
				ImageData,
				Video: class {} as unknown as typeof HTMLVideoElement,
				createCanvasElement: () => new OffscreenCanvas(1, 1) as unknown as HTMLCanvasElement,
				createImageElement: none,
				createVideoElement: none,
				fetch: fetch.bind(globalThis),
				readFile: none
			});
		}
		const tf = api.tf as unknown as {
			setWasmPaths(p: string): void;
			setBackend(b: string): Promise<boolean>;
			ready(): Promise<void>;
		};
		tf.setWasmPaths(urls.wasmUrl);
		if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
		await tf.ready();
		await Promise.all([api.nets.tinyFaceDetector.loadFromUri(urls.modelsUrl), api.nets.faceLandmark68TinyNet.loadFromUri(urls.modelsUrl)]);
		return api;
	})();
	// A failed load (offline before the first visit) may succeed later.
	faceApi.catch(() => (faceApi = undefined));
	return faceApi;
}

/** Long side of the picture the detector sees by default: an ID photo's face is large, so this is plenty. */
const DETECT_SIDE = 256;

async function faceApiDetect(
	source: FaceSource,
	urls: FaceApiUrls,
	{ side = DETECT_SIDE, inputSize = 224 }: DetectOptions = {}
): Promise<FaceDetection> {
	const api = await loadFaceApi(urls);
	const tf = api.tf as unknown as {
		browser: { fromPixels(p: ImageData): { dispose(): void } };
	};
	// Downscale first: the network input is 224 px anyway, and converting the
	// full 480×624 picture to a tensor costs more than the detection.
	const k = Math.min(1, side / Math.max(source.width, source.height));
	const w = Math.round(source.width * k);
	const h = Math.round(source.height * k);
	const small = new OffscreenCanvas(w, h);
	const g = small.getContext('2d')!;
	g.imageSmoothingQuality = 'medium';
	g.drawImage(source, 0, 0, w, h);
	const input = tf.browser.fromPixels(g.getImageData(0, 0, w, h));
	try {
		const found = await api
			.detectAllFaces(input as never, new api.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 }))
			.withFaceLandmarks(true);
		const mean = (pts: { x: number; y: number }[]) => ({
			x: pts.reduce((s, p) => s + p.x, 0) / pts.length / k,
			y: pts.reduce((s, p) => s + p.y, 0) / pts.length / k
		});
		const up = (p: { x: number; y: number }) => ({ x: p.x / k, y: p.y / k });
		const faces: DetectedFace[] = found.map((f) => {
			const b = f.detection.box;
			const eyes = [mean(f.landmarks.getLeftEye()), mean(f.landmarks.getRightEye())].sort((p, q) => p.x - q.x);
			return {
				box: { x: b.x / k, y: b.y / k, width: b.width / k, height: b.height / k },
				leftEye: eyes[0],
				rightEye: eyes[1],
				chin: up(f.landmarks.getJawOutline()[8]),
				score: f.detection.score
			};
		});
		return { detector: 'face-api', faces };
	} finally {
		input.dispose();
	}
}

/** Native detector first, face-api where that is missing or has no backend. */
export function detectorWithFaceApi(urls: Partial<FaceApiUrls>): DetectFaces {
	return async (canvas, opts) => {
		const native = await nativeDetect(canvas);
		if (native) return native;
		if (!urls.modelsUrl || !urls.wasmUrl || typeof OffscreenCanvas === 'undefined') return null;
		try {
			return await faceApiDetect(canvas, { modelsUrl: urls.modelsUrl, wasmUrl: urls.wasmUrl }, opts);
		} catch (err) {
			console.warn('face detection unavailable', err);
			return null;
		}
	};
}
