/**
 * From a coarse person mask to a photo on white: the mask (256² from the
 * model) is scaled up and refined with a guided filter that follows the
 * photo's own edges, so hair gets soft, partial coverage instead of a cut-out
 * line; then each pixel's old background share is swapped for white,
 *   out = I + (1 − α)(white − B),
 * with B the local background colour. That removes the blue or red that
 * shines through fine hair (colour spill) without guessing the hair colour.
 * Pure functions on RGBA bytes, unit-tested with generated pictures.
 */
import type { Pixels } from '../checks/types';

/** Bilinear upscale of a side×side mask to width×height. */
export function upscaleMask(mask: Float32Array, side: number, width: number, height: number): Float32Array {
	const out = new Float32Array(width * height);
	for (let y = 0; y < height; y++) {
		const sy = Math.min(side - 1, Math.max(0, ((y + 0.5) * side) / height - 0.5));
		const y0 = Math.floor(sy);
		const y1 = Math.min(side - 1, y0 + 1);
		const fy = sy - y0;
		for (let x = 0; x < width; x++) {
			const sx = Math.min(side - 1, Math.max(0, ((x + 0.5) * side) / width - 0.5));
			const x0 = Math.floor(sx);
			const x1 = Math.min(side - 1, x0 + 1);
			const fx = sx - x0;
			const top = mask[y0 * side + x0] * (1 - fx) + mask[y0 * side + x1] * fx;
			const bottom = mask[y1 * side + x0] * (1 - fx) + mask[y1 * side + x1] * fx;
			out[y * width + x] = top * (1 - fy) + bottom * fy;
		}
	}
	return out;
}

/** Mean over a (2r+1)² window, clipped at the borders, in O(1) per pixel (summed-area table). */
function boxMean(src: Float32Array, w: number, h: number, r: number): Float32Array {
	const sat = new Float64Array((w + 1) * (h + 1));
	for (let y = 0; y < h; y++) {
		let row = 0;
		for (let x = 0; x < w; x++) {
			row += src[y * w + x];
			sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
		}
	}
	const out = new Float32Array(w * h);
	for (let y = 0; y < h; y++) {
		const ya = Math.max(0, y - r);
		const yb = Math.min(h, y + r + 1);
		for (let x = 0; x < w; x++) {
			const xa = Math.max(0, x - r);
			const xb = Math.min(w, x + r + 1);
			const s = sat[yb * (w + 1) + xb] - sat[ya * (w + 1) + xb] - sat[yb * (w + 1) + xa] + sat[ya * (w + 1) + xa];
			out[y * w + x] = s / ((yb - ya) * (xb - xa));
		}
	}
	return out;
}

/**
 * He et al.'s guided filter with the photo's luma as guide: within each
 * window the output is a linear function of the guide, so the mask's edge
 * snaps to the photo's edges (hair against the wall) rather than the
 * model's 256-pixel staircase.
 */
export function guidedFilter(img: Pixels, p: Float32Array, r: number, eps: number): Float32Array {
	const { width: w, height: h, data } = img;
	const n = w * h;
	const I = new Float32Array(n);
	for (let i = 0; i < n; i++) I[i] = (0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2]) / 255;
	const Ip = new Float32Array(n);
	const II = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		Ip[i] = I[i] * p[i];
		II[i] = I[i] * I[i];
	}
	const mI = boxMean(I, w, h, r);
	const mp = boxMean(p, w, h, r);
	const mIp = boxMean(Ip, w, h, r);
	const mII = boxMean(II, w, h, r);
	const a = new Float32Array(n);
	const b = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		const cov = mIp[i] - mI[i] * mp[i];
		const v = mII[i] - mI[i] * mI[i];
		a[i] = cov / (v + eps);
		b[i] = mp[i] - a[i] * mI[i];
	}
	const ma = boxMean(a, w, h, r);
	const mb = boxMean(b, w, h, r);
	const q = new Float32Array(n);
	for (let i = 0; i < n; i++) q[i] = Math.min(1, Math.max(0, ma[i] * I[i] + mb[i]));
	return q;
}

/**
 * The mean colour of the chosen pixels near every pixel: averaged per cell of
 * a coarse grid, empty cells filled from their neighbours ring by ring. For
 * the backdrop an evenly lit wall gives one colour, a wall lit from one side
 * a gradient; for the person, the hair or skin colour next to an edge.
 */
export function colourField(img: Pixels, chosen: (i: number) => boolean, cell: number): Float32Array {
	const { width: w, height: h, data } = img;
	const gw = Math.ceil(w / cell);
	const gh = Math.ceil(h / cell);
	const sum = new Float64Array(gw * gh * 3);
	const count = new Float64Array(gw * gh);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			if (!chosen(i)) continue;
			const g = Math.floor(y / cell) * gw + Math.floor(x / cell);
			sum[g * 3] += data[i * 4];
			sum[g * 3 + 1] += data[i * 4 + 1];
			sum[g * 3 + 2] += data[i * 4 + 2];
			count[g]++;
		}
	}
	const grid = new Float32Array(gw * gh * 3);
	let known = new Uint8Array(gw * gh);
	for (let g = 0; g < gw * gh; g++) {
		if (!count[g]) continue;
		for (let c = 0; c < 3; c++) grid[g * 3 + c] = sum[g * 3 + c] / count[g];
		known[g] = 1;
	}
	if (!known.some(Boolean)) return grid.fill(255);
	for (let pass = 0; pass < gw + gh && known.includes(0); pass++) {
		const next = known.slice();
		for (let gy = 0; gy < gh; gy++) {
			for (let gx = 0; gx < gw; gx++) {
				const g = gy * gw + gx;
				if (known[g]) continue;
				let k = 0;
				const acc = [0, 0, 0];
				for (const [dx, dy] of [
					[1, 0],
					[-1, 0],
					[0, 1],
					[0, -1]
				]) {
					const x = gx + dx;
					const y = gy + dy;
					if (x < 0 || y < 0 || x >= gw || y >= gh || !known[y * gw + x]) continue;
					for (let c = 0; c < 3; c++) acc[c] += grid[(y * gw + x) * 3 + c];
					k++;
				}
				if (!k) continue;
				for (let c = 0; c < 3; c++) grid[g * 3 + c] = acc[c] / k;
				next[g] = 1;
			}
		}
		known = next;
	}
	return grid;
}

export interface WhitenOptions {
	/** Guided filter radius in pixels (default: 1/60 of the width). */
	radius?: number;
	eps?: number;
}

/**
 * A copy of `img` with everything the mask calls background turned white.
 * Away from the person's outline the refined mask decides. Along it (hair,
 * ears, shoulders) each pixel is read as a mix of the nearby person colour F
 * and backdrop colour B: its coverage is where it falls between the two,
 * α = (I − B)·(F − B) / |F − B|², which catches the strands the 256-pixel
 * model cannot see; a pixel that is no such mix keeps the mask's value.
 */
export function whiten(img: Pixels, mask: Float32Array, maskSide: number, opts: WhitenOptions = {}): Pixels {
	const { width: w, height: h, data } = img;
	const coarse = upscaleMask(mask, maskSide, w, h);
	const refined = guidedFilter(img, coarse, opts.radius ?? Math.max(2, Math.round(w / 60)), opts.eps ?? 1e-3);
	const near = boxMean(coarse, w, h, Math.max(3, Math.round(w / 40)));
	const cell = Math.max(8, Math.round(w / 24));
	const gw = Math.ceil(w / cell);
	const B = colourField(img, (i) => refined[i] < 0.05 && coarse[i] < 0.5, cell);
	const F = colourField(img, (i) => refined[i] > 0.95 && coarse[i] > 0.5, cell);
	const out = new Uint8ClampedArray(data.length);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			const g = (Math.floor(y / cell) * gw + Math.floor(x / cell)) * 3;
			let a = refined[i];
			if (near[i] > 0.01 && near[i] < 0.99) {
				let num = 0;
				let den = 0;
				for (let c = 0; c < 3; c++) {
					const fb = F[g + c] - B[g + c];
					num += (data[i * 4 + c] - B[g + c]) * fb;
					den += fb * fb;
				}
				// Person and backdrop of one colour (a white shirt on white), or a colour
				// that is no mix of the two (skin next to dark hair): keep the mask's word.
				if (den > 30 * 30) {
					const t = Math.min(1, Math.max(0, num / den));
					let miss = 0;
					for (let c = 0; c < 3; c++) miss += (data[i * 4 + c] - B[g + c] - t * (F[g + c] - B[g + c])) ** 2;
					if (miss < 40 * 40) a = t;
				}
			}
			// Clean the last few percent: residual noise of the old backdrop.
			a = a < 0.06 ? 0 : a > 0.96 ? 1 : a;
			for (let c = 0; c < 3; c++) out[i * 4 + c] = a === 0 ? 255 : data[i * 4 + c] + (1 - a) * (255 - B[g + c]);
			out[i * 4 + 3] = 255;
		}
	}
	return { width: w, height: h, data: out };
}
