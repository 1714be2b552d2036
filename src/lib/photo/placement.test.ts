import { describe, expect, it } from 'vitest';
import { checkFace } from './checks/index';
import { centredCrop, initialCrop } from './placement';

/** A face as a detector reports it: eyes, chin, box — in source pixels. */
const face = (cx: number, eyeY: number, eyeToChin: number) => ({
	box: { x: cx - eyeToChin * 0.8, y: eyeY - eyeToChin * 0.4, width: eyeToChin * 1.6, height: eyeToChin * 1.4 },
	leftEye: { x: cx - eyeToChin * 0.35, y: eyeY },
	rightEye: { x: cx + eyeToChin * 0.35, y: eyeY },
	chin: { x: cx, y: eyeY + eyeToChin }
});

/** The face as it lands in the crop, scaled to an output of `outW` wide. */
function inCrop(f: ReturnType<typeof face>, r: { x: number; y: number; width: number }, outW = 480) {
	const k = outW / r.width;
	const p = (q: { x: number; y: number }) => ({ x: (q.x - r.x) * k, y: (q.y - r.y) * k });
	return {
		box: { x: (f.box.x - r.x) * k, y: (f.box.y - r.y) * k, width: f.box.width * k, height: f.box.height * k },
		leftEye: p(f.leftEye),
		rightEye: p(f.rightEye),
		chin: p(f.chin)
	};
}

describe('first crop box', () => {
	it('placed from the face: head size and eye line pass the checks with no adjustment', () => {
		// A 12 MP phone portrait, the face a little left of centre and high.
		for (const f of [face(1700, 1100, 600), face(2000, 1400, 420), face(1500, 900, 800)]) {
			const r = initialCrop(4000, 3000, f);
			expect(r.height / r.width).toBeCloseTo(1.3, 6);
			const results = checkFace({ detector: 'face-api', faces: [inCrop(f, r)] }, 480, 624);
			expect(results.map((x) => x.level)).toEqual(['pass', 'pass', 'pass']);
		}
	});

	it('stays inside the picture and never below 440×572, even when the face is near an edge', () => {
		const cases: [number, number, ReturnType<typeof face>][] = [
			[1200, 1600, face(150, 200, 300)], // face in the top-left corner
			[1000, 1300, face(500, 500, 700)], // head too big for the frame
			[3000, 4000, face(1500, 1500, 40)] // tiny face: box would be under 440 wide
		];
		for (const [W, H, f] of cases) {
			const r = initialCrop(W, H, f);
			expect(r.x).toBeGreaterThanOrEqual(0);
			expect(r.y).toBeGreaterThanOrEqual(0);
			expect(r.x + r.width).toBeLessThanOrEqual(W + 1e-6);
			expect(r.y + r.height).toBeLessThanOrEqual(H + 1e-6);
			expect(r.width).toBeGreaterThanOrEqual(440);
		}
	});

	it('without a face: centred, 85 % of the largest box', () => {
		const r = centredCrop(1600, 1200);
		expect(r.height).toBeCloseTo(1200 * 0.85, 6);
		expect(r.x + r.width / 2).toBeCloseTo(800, 6);
		expect(initialCrop(1600, 1200)).toEqual(r);
		// A picture of exactly the minimum is used whole.
		expect(centredCrop(440, 572)).toEqual({ x: 0, y: 0, width: 440, height: 572 });
	});
});
