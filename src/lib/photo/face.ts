/**
 * Face detection for the head checks. The browser's own FaceDetector (Shape
 * Detection API: Chrome on Android/macOS/ChromeOS, no download) comes first;
 * the worker adds face-api (./face-api.ts) behind it. A detector that cannot
 * run gives null, and the checks then say 未检测 — never a guessed pass.
 */
import type { DetectedFace, FaceDetection } from './checks/face';

export type FaceSource = OffscreenCanvas | HTMLCanvasElement;
/**
 * `side`: long side of the picture the detector looks at; `inputSize`: the
 * network's input (a multiple of 32) — smaller is faster, larger finds
 * smaller faces.
 */
export interface DetectOptions {
	side?: number;
	inputSize?: number;
}
export type DetectFaces = (canvas: FaceSource, opts?: DetectOptions) => Promise<FaceDetection | null>;

interface ShapeFace {
	boundingBox: DOMRectReadOnly;
	landmarks?: { type: string; locations: { x: number; y: number }[] }[];
}
interface ShapeDetector {
	detect(src: ImageBitmapSource): Promise<ShapeFace[]>;
}

/** Set once the constructor turned out to have no backend, so later crops skip the attempt. */
let nativeUnavailable = false;

export async function nativeDetect(src: FaceSource): Promise<FaceDetection | null> {
	const Ctor = (globalThis as unknown as { FaceDetector?: new (o: object) => ShapeDetector }).FaceDetector;
	if (!Ctor || nativeUnavailable) return null;
	try {
		const found = await new Ctor({ fastMode: false, maxDetectedFaces: 5 }).detect(src);
		const faces: DetectedFace[] = found.map((f) => {
			const eyes = (f.landmarks ?? [])
				.filter((l) => l.type === 'eye')
				.map((l) => l.locations[0])
				.filter(Boolean);
			eyes.sort((a, b) => a.x - b.x);
			const b = f.boundingBox;
			return {
				box: { x: b.x, y: b.y, width: b.width, height: b.height },
				...(eyes.length === 2 ? { leftEye: eyes[0], rightEye: eyes[1] } : {})
			};
		});
		return { detector: 'FaceDetector', faces };
	} catch {
		// Desktop Linux/Windows Chrome expose the constructor but have no backend.
		nativeUnavailable = true;
		return null;
	}
}
