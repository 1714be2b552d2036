import { describe, expect, it } from 'vitest';
import { checkBackground } from '../checks/index';
import { portrait } from '../checks/fixtures.test-util';
import { guidedFilter, upscaleMask, whiten } from './matte';

const BLUE: [number, number, number] = [60, 130, 215];

/** What the model gives for the generated portrait: its figure at 256², slightly soft. */
function maskFor(img: { width: number; height: number; data: Uint8ClampedArray | Uint8Array }, background: number[]): Float32Array {
	const side = 256;
	const m = new Float32Array(side * side);
	for (let y = 0; y < side; y++)
		for (let x = 0; x < side; x++) {
			const sx = Math.floor(((x + 0.5) * img.width) / side);
			const sy = Math.floor(((y + 0.5) * img.height) / side);
			const i = (sy * img.width + sx) * 4;
			const d =
				Math.abs(img.data[i] - background[0]) + Math.abs(img.data[i + 1] - background[1]) + Math.abs(img.data[i + 2] - background[2]);
			m[y * side + x] = d > 30 ? 1 : 0;
		}
	return m;
}

describe('white background', () => {
	it('turns a blue backdrop white and passes the background check', () => {
		const img = portrait({ background: BLUE, texture: 10 });
		expect(checkBackground(img).level).toBe('fail');
		const out = whiten(img, maskFor(img, BLUE), 256);
		expect(checkBackground(out).level).toBe('pass');
		// The face in the middle is untouched.
		const i = (Math.round(img.height * 0.42) * img.width + img.width / 2) * 4;
		expect(Math.abs(out.data[i] - img.data[i])).toBeLessThanOrEqual(2);
	});

	it('leaves no blue fringe where hair meets the old backdrop', () => {
		// Fine dark strands on blue: a pixel half strand, half backdrop mixes the two.
		const w = 240,
			h = 312;
		const data = new Uint8ClampedArray(w * h * 4);
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++) {
				const i = (y * w + x) * 4;
				const inHead = (x - w / 2) ** 2 / 70 ** 2 + (y - h / 2) ** 2 / 90 ** 2 < 1;
				const strand = !inHead && (x - w / 2) ** 2 / 80 ** 2 + (y - h / 2) ** 2 / 100 ** 2 < 1 && x % 4 === 0;
				const c = inHead ? [40, 32, 28] : strand ? [(40 + BLUE[0]) / 2, (32 + BLUE[1]) / 2, (28 + BLUE[2]) / 2] : BLUE;
				data.set([...c, 255], i);
			}
		const img = { width: w, height: h, data };
		// The model sees the head only; the strands are left to the refinement.
		const side = 256;
		const mask = new Float32Array(side * side);
		for (let y = 0; y < side; y++)
			for (let x = 0; x < side; x++) {
				const px = ((x + 0.5) * w) / side,
					py = ((y + 0.5) * h) / side;
				mask[y * side + x] = (px - w / 2) ** 2 / 74 ** 2 + (py - h / 2) ** 2 / 94 ** 2 < 1 ? 1 : 0;
			}
		const out = whiten(img, mask, side).data;
		let worst = 0;
		for (let i = 0; i < out.length; i += 4) worst = Math.max(worst, out[i + 2] - out[i]);
		// Blue above red by more than a few levels would read as a blue halo.
		expect(worst).toBeLessThan(12);
	});

	it('the guided filter follows the picture edge, not the coarse mask edge', () => {
		// Left half dark, right half white; the coarse mask's soft edge sits 3 px too far right.
		const w = 64,
			h = 16;
		const data = new Uint8ClampedArray(w * h * 4);
		for (let i = 0; i < w * h; i++) data.set(i % w < 32 ? [30, 30, 30, 255] : [255, 255, 255, 255], i * 4);
		const p = new Float32Array(w * h).map((_, i) => Math.min(1, Math.max(0, (38 - (i % w)) / 6)));
		const q = guidedFilter({ width: w, height: h, data }, p, 6, 1e-4);
		// Inside the wall the coverage drops well below the coarse mask's; the dark side stays covered.
		expect(q[8 * w + 33]).toBeLessThan(p[8 * w + 33] - 0.3);
		expect(q[8 * w + 31]).toBeGreaterThan(0.9);
	});

	it('upscales a mask without shifting it', () => {
		const m = new Float32Array(4).fill(0);
		m[1] = 1; // top-right of 2×2
		const up = upscaleMask(m, 2, 4, 4);
		expect(up[3]).toBe(1);
		expect(up[12]).toBe(0);
	});
});
