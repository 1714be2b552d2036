/** Real JPEG files for tests, encoded in Node (jpeg-js, pure JavaScript). */
import jpeg from 'jpeg-js';

export type Painter = (x: number, y: number) => [number, number, number];

/** A width×height baseline JPEG; by default a white background with a skin-toned oval "head". */
export function makeJpeg(width: number, height: number, paint?: Painter, quality = 85): Uint8Array<ArrayBuffer> {
	const data = Buffer.alloc(width * height * 4);
	const p: Painter =
		paint ??
		((x, y) => {
			const dx = (x - width / 2) / (width * 0.28);
			const dy = (y - height * 0.45) / (height * 0.3);
			return dx * dx + dy * dy < 1 ? [224, 182, 150] : [255, 255, 255];
		});
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 4;
			const [r, g, b] = p(x, y);
			data[i] = r;
			data[i + 1] = g;
			data[i + 2] = b;
			data[i + 3] = 255;
		}
	return new Uint8Array(jpeg.encode({ data, width, height }, quality).data);
}
