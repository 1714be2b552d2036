// Copies what face detection needs at run time into static/, so it is served
// from our own origin and precached by the service worker (works offline):
// face-api's tiny face detector + tiny 68-point landmark model (MIT, ~280 KB)
// and tfjs' wasm binaries. The threaded wasm is left out: it needs
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

const copies = [
	...['tiny_face_detector_model', 'face_landmark_68_tiny_model'].flatMap((m) => [
		[join(faceApi, 'model', `${m}-weights_manifest.json`), join(root, 'static/models', `${m}-weights_manifest.json`)],
		[join(faceApi, 'model', `${m}.bin`), join(root, 'static/models', `${m}.bin`)]
	]),
	...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'].map((f) => [join(tfjsWasm, 'dist', f), join(root, 'static/tfjs', f)])
];

export async function copyPhotoAssets() {
	for (const [from, to] of copies) {
		await mkdir(dirname(to), { recursive: true });
		await copyFile(from, to);
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await copyPhotoAssets();
