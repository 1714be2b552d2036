/**
 * 换白底 in the worker: segmentation model loaded on first use (never before
 * the applicant asks), then every crop is segmented and put on white.
 */
import { loadFaceApi, type FaceApiUrls } from '../face-api';
import { whiten } from './matte';
import { loadSegmenter, SEGMENT_SIDE, type Segmenter } from './segment';

export type Whiten = (pixels: ImageData) => Promise<ImageData>;

export const SEGMENTATION_MODEL = 'selfie_segmentation.tflite';

let segmenter: Promise<Segmenter> | undefined;

export function whitener(urls: FaceApiUrls): Whiten {
	return async (pixels) => {
		segmenter ??= loadFaceApi(urls).then((api) => loadSegmenter(api.tf, new URL(SEGMENTATION_MODEL, urls.modelsUrl).href));
		// A failed load (offline before the first use) may succeed later.
		segmenter.catch(() => (segmenter = undefined));
		const mask = await (await segmenter).run(pixels);
		const out = whiten(pixels, mask, SEGMENT_SIDE);
		return new ImageData(out.data as Uint8ClampedArray<ArrayBuffer>, out.width, out.height);
	};
}
