// Generated test pictures for the checks: no real person anywhere.
import type { Pixels } from './types';

type RGB = [number, number, number];

/** Deterministic noise so test results never flicker. */
function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

export function solid(width: number, height: number, [r, g, b]: RGB): Pixels {
	const data = new Uint8ClampedArray(width * height * 4);
	for (let i = 0; i < data.length; i += 4) {
		data[i] = r;
		data[i + 1] = g;
		data[i + 2] = b;
		data[i + 3] = 255;
	}
	return { width, height, data };
}

/**
 * A drawn ID-photo figure: background, dark hair, a textured skin-tone face
 * in the middle, shoulders in a jacket at the bottom.
 */
export function portrait(opts: { background?: RGB; width?: number; height?: number; texture?: number } = {}): Pixels {
	const width = opts.width ?? 440;
	const height = opts.height ?? 572;
	const img = solid(width, height, opts.background ?? [250, 250, 250]);
	const noise = rng(7);
	const tex = opts.texture ?? 40;
	const cx = width / 2;
	const cy = height * 0.42;
	const rx = width * 0.22;
	const ry = height * 0.2;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 4;
			const dx = (x - cx) / rx;
			const dy = (y - cy) / ry;
			let c: RGB | undefined;
			if (y > height * 0.78 && Math.abs(x - cx) < width * 0.42)
				c = [40, 50, 80]; // jacket
			else if (dx * dx + dy * dy < 1)
				c = [224, 172, 140]; // face
			else if (dx * dx * 0.8 + (dy + 0.25) ** 2 * 0.8 < 1 && y < cy) c = [30, 25, 20]; // hair
			if (!c) continue;
			const t = (noise() - 0.5) * tex;
			img.data[i] = c[0] + t;
			img.data[i + 1] = c[1] + t;
			img.data[i + 2] = c[2] + t;
		}
	}
	return img;
}

export function greyscale(img: Pixels): Pixels {
	const data = new Uint8ClampedArray(img.data);
	for (let i = 0; i < data.length; i += 4) {
		const y = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
		data[i] = data[i + 1] = data[i + 2] = y;
	}
	return { ...img, data };
}

/** Multiplies every channel: < 1 darkens, > 1 brightens (clipping at 255). */
export function scale(img: Pixels, k: number, add = 0): Pixels {
	const data = new Uint8ClampedArray(img.data);
	for (let i = 0; i < data.length; i += 4) {
		for (let c = 0; c < 3; c++) data[i + c] = data[i + c] * k + add;
	}
	return { ...img, data };
}

/** Separable box blur of the given radius, repeated (≈ Gaussian). */
export function blur(img: Pixels, radius: number, passes = 3): Pixels {
	const { width: w, height: h } = img;
	let src = new Float32Array(img.data);
	for (let p = 0; p < passes; p++) {
		for (const horizontal of [true, false]) {
			const dst = new Float32Array(src.length);
			for (let y = 0; y < h; y++) {
				for (let x = 0; x < w; x++) {
					for (let c = 0; c < 4; c++) {
						let s = 0,
							n = 0;
						for (let k = -radius; k <= radius; k++) {
							const xx = horizontal ? x + k : x;
							const yy = horizontal ? y : y + k;
							if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
							s += src[(yy * w + xx) * 4 + c];
							n++;
						}
						dst[(y * w + x) * 4 + c] = s / n;
					}
				}
			}
			src = dst;
		}
	}
	return { width: w, height: h, data: Uint8ClampedArray.from(src) };
}
