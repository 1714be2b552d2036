import { describe, expect, it } from 'vitest';
import {
	checkBackground,
	checkColour,
	checkDecodable,
	checkExposure,
	checkFace,
	checkImage,
	checkRatio,
	checkResolution,
	checkSharpness,
	verdict,
	type CheckResult
} from './index';
import { blur, greyscale, portrait, scale } from './fixtures.test-util';

const white = portrait();

describe('hard checks', () => {
	it('decodable passes and fails with the given message', () => {
		expect(checkDecodable({ ok: true }).level).toBe('pass');
		const r = checkDecodable({ ok: false, message: '图片已损坏' });
		expect(r).toMatchObject({ level: 'fail', message: '图片已损坏' });
	});

	it('resolution needs a crop of at least 440×572 source pixels', () => {
		expect(checkResolution(440, 572).level).toBe('pass');
		expect(checkResolution(2000, 2600).level).toBe('pass');
		const small = checkResolution(300, 390);
		expect(small.level).toBe('fail');
		expect(small.message).toContain('440×572');
	});

	it('ratio must be 1.3', () => {
		expect(checkRatio(440, 572).level).toBe('pass');
		expect(checkRatio(480, 624).level).toBe('pass');
		expect(checkRatio(440, 600).level).toBe('fail');
		expect(checkRatio(600, 600).message).toContain('1.3');
	});
});

describe('background', () => {
	it('passes on a white background', () => {
		expect(checkBackground(white).level).toBe('pass');
	});
	it('fails on a blue background and names the colour', () => {
		const r = checkBackground(portrait({ background: [60, 120, 220] }));
		expect(r.level).toBe('fail');
		expect(r.message).toContain('蓝色');
	});
	it('fails on a red background too, and points to 换成白色背景', () => {
		const r = checkBackground(portrait({ background: [200, 40, 45] }));
		expect(r).toMatchObject({ level: 'fail' });
		expect(r.message).toContain('红色');
		expect(r.message).toContain('换成白色背景');
	});
	it('only warns on a grey or warm-lit white wall: lighting, not a coloured backdrop', () => {
		const grey = checkBackground(portrait({ background: [140, 140, 140] }));
		expect(grey.level).toBe('warn');
		expect(grey.message).toContain('灰');
		// A white wall under tungsten light.
		expect(checkBackground(portrait({ background: [245, 222, 190] })).level).toBe('warn');
	});
	it('warns on a white background with a shadow', () => {
		const img = portrait();
		// A shadow on the left third of the band.
		for (let y = 0; y < img.height * 0.6; y++) {
			for (let x = 0; x < img.width * 0.35; x++) {
				const i = (y * img.width + x) * 4;
				img.data[i] = img.data[i + 1] = img.data[i + 2] = 150;
			}
		}
		expect(checkBackground(img).level).not.toBe('pass');
	});
});

describe('colour', () => {
	it('passes a colour photo', () => {
		expect(checkColour(white).level).toBe('pass');
	});
	it('fails a greyscale photo', () => {
		const r = checkColour(greyscale(white));
		expect(r.level).toBe('fail');
		expect(r.message).toContain('彩色');
	});
});

describe('exposure', () => {
	it('passes a normally lit face', () => {
		expect(checkExposure(white).level).toBe('pass');
	});
	it('warns on a dark photo (a heuristic: it never blocks)', () => {
		const r = checkExposure(scale(white, 0.2));
		expect(r.level).toBe('warn');
		expect(r.message).toContain('过暗');
	});
	it('warns on an over-exposed photo', () => {
		const r = checkExposure(scale(white, 1, 120));
		expect(r.level).toBe('warn');
		expect(r.message).toContain('过亮');
	});
});

describe('sharpness', () => {
	it('passes a sharp photo', () => {
		expect(checkSharpness(white).level).toBe('pass');
	});
	it('warns on a blurred one', () => {
		const r = checkSharpness(blur(white, 3));
		expect(r.level).toBe('warn');
		expect(r.message).toContain('模糊');
	});
	it('does not call a dark but sharp photo blurred', () => {
		// At a third of the brightness the edges are a third as strong: still sharp.
		const dark = scale(white, 0.35);
		expect(checkSharpness(white).level).toBe('pass');
		expect(checkSharpness(dark).level).toBe('pass');
		// A dark and blurred one still is blurred.
		expect(checkSharpness(scale(blur(white, 3), 0.35)).message).toContain('模糊');
	});
});

describe('face', () => {
	const W = 440;
	const H = 572;
	const face = (eyeY: number, chinY: number, cx = W / 2) => ({
		box: { x: cx - 90, y: eyeY - 40, width: 180, height: chinY - eyeY + 40 },
		leftEye: { x: cx - 40, y: eyeY },
		rightEye: { x: cx + 40, y: eyeY },
		chin: { x: cx, y: chinY }
	});

	it('skips with 未检测 when no detector can run — never a fake pass', () => {
		const rs = checkFace(null, W, H);
		expect(rs.every((r) => r.level === 'skip' && r.message.includes('未检测'))).toBe(true);
	});
	it('passes one well-placed face', () => {
		// eyes 62 % up from the bottom, head 60 % of the height
		const eyeY = H * 0.38;
		const rs = checkFace({ detector: 'face-api', faces: [face(eyeY, eyeY + H * 0.3)] }, W, H);
		expect(rs.map((r) => r.level)).toEqual(['pass', 'pass', 'pass']);
	});
	it('warns when there is no face or more than one (a detector can be wrong)', () => {
		expect(checkFace({ detector: 'face-api', faces: [] }, W, H)[0]).toMatchObject({ id: 'face', level: 'warn' });
		const eyeY = H * 0.38;
		const two = checkFace({ detector: 'face-api', faces: [face(eyeY, eyeY + 100, 120), face(eyeY, eyeY + 100, 320)] }, W, H);
		expect(two[0].level).toBe('warn');
		expect(two[0].message).toContain('2');
	});
	it('warns on a head too small, too big, too low or off-centre', () => {
		const eyeY = H * 0.38;
		const small = checkFace({ detector: 'face-api', faces: [face(eyeY, eyeY + H * 0.15)] }, W, H);
		expect(small[1]).toMatchObject({ id: 'headSize', level: 'warn' });
		expect(small[1].message).toContain('偏小');
		const big = checkFace({ detector: 'face-api', faces: [face(eyeY, eyeY + H * 0.4)] }, W, H);
		expect(big[1].message).toContain('偏大');
		const low = checkFace({ detector: 'face-api', faces: [face(H * 0.55, H * 0.85)] }, W, H);
		expect(low[2]).toMatchObject({ id: 'headPosition', level: 'warn' });
		expect(low[2].message).toContain('偏低');
		const side = checkFace({ detector: 'face-api', faces: [face(eyeY, eyeY + H * 0.3, W * 0.75)] }, W, H);
		expect(side[2].message).toContain('居中');
	});
	it('never fails, whatever the detector saw', () => {
		for (const faces of [[], [face(H * 0.9, H)], [face(100, 200), face(100, 200, 100)]])
			for (const r of checkFace({ detector: 'face-api', faces }, W, H)) expect(r.level).not.toBe('fail');
	});
	it('never quotes a rounded figure inside the allowed range as the problem', () => {
		// Head 49.7 % of the height: too small, and must not read "约占高度的50%，应为50%–69%".
		const eyeY = H * 0.38;
		const small = checkFace({ detector: 'face-api', faces: [face(eyeY, eyeY + (H * 0.497) / 2)] }, W, H)[1];
		expect(small.level).toBe('warn');
		expect(small.message).toContain('约占高度的49%');
		const big = checkFace({ detector: 'face-api', faces: [face(eyeY, eyeY + (H * 0.6925) / 2)] }, W, H)[1];
		expect(big.message).toContain('约占高度的70%');
		// Eyes 55.6 % up: below the band, reads 55 %.
		const low = checkFace({ detector: 'face-api', faces: [face(H * 0.444, H * 0.444 + H * 0.3)] }, W, H)[2];
		expect(low.message).toContain('双眼在距底部55%处');
	});
});

describe('verdict', () => {
	const pass = (id: CheckResult['id']): CheckResult => ({ id, level: 'pass', message: '' });
	it('blocks on a failed exact rule and asks confirmation for heuristic warnings', () => {
		expect(verdict([pass('decodable'), pass('resolution'), pass('ratio')])).toEqual({ blocked: false, needsConfirmation: false });
		expect(verdict([{ ...pass('resolution'), level: 'fail' }]).blocked).toBe(true);
		expect(verdict([pass('ratio'), { ...pass('colour'), level: 'fail' }]).blocked).toBe(true);
		expect(verdict([pass('ratio'), { ...pass('background'), level: 'fail' }]).blocked).toBe(true);
		expect(verdict([pass('ratio'), { ...pass('background'), level: 'warn' }])).toEqual({ blocked: false, needsConfirmation: true });
		expect(verdict([{ ...pass('face'), level: 'skip' }]).needsConfirmation).toBe(false);
	});
	it('heuristic checks never fail, whatever the picture', () => {
		const pictures = [
			white,
			scale(white, 0.1),
			scale(white, 1, 200),
			blur(white, 4),
			greyscale(white),
			portrait({ background: [30, 60, 200] })
		];
		const heuristic = new Set(['exposure', 'sharpness']);
		for (const img of pictures) for (const r of checkImage(img)) if (heuristic.has(r.id)) expect(r.level).not.toBe('fail');
	});
	it('a good generated portrait passes every image check', () => {
		expect(checkImage(white).map((r) => r.level)).toEqual(['pass', 'pass', 'pass', 'pass']);
	});
});
