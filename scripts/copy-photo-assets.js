// Copies what the photo tool needs at run time into static/, so it is served
// from our own origin and kept by the service worker once the tool has been
// opened (works offline): face-api's tiny face detector + tiny 68-point
// landmark model (MIT, ~280 KB), tfjs' wasm binaries, and MediaPipe's selfie
// segmentation model for 换白底 (Apache-2.0, 249 KB). The threaded wasm is left out: it needs
// cross-origin isolation, which PocketBase's static server does not set, so
// tfjs never asks for it.
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const faceApi = dirname(require.resolve('@vladmandic/face-api/package.json'));
const tfjsWasm = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
const selfie = dirname(require.resolve('@mediapipe/selfie_segmentation/package.json'));

const copies = [
	...['tiny_face_detector_model', 'face_landmark_68_tiny_model'].flatMap((m) => [
		[join(faceApi, 'model', `${m}-weights_manifest.json`), join(root, 'static/models', `${m}-weights_manifest.json`)],
		[join(faceApi, 'model', `${m}.bin`), join(root, 'static/models', `${m}.bin`)]
	]),
	...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'].map((f) => [join(tfjsWasm, 'dist', f), join(root, 'static/tfjs', f)]),
	[join(selfie, 'selfie_segmentation.tflite'), join(root, 'static/models/selfie_segmentation.tflite')]
];

export async function copyPhotoAssets() {
	for (const [from, to] of copies) {
		await mkdir(dirname(to), { recursive: true });
		await copyFile(from, to);
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await copyPhotoAssets();
