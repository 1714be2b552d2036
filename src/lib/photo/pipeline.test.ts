import { describe, expect, it } from 'vitest';
import { facesInCrop } from './pipeline';

describe('faces of the whole photo, seen in a crop', () => {
	const whole = {
		detector: 'face-api' as const,
		faces: [
			// The applicant, and someone at the edge of the picture.
			{
				box: { x: 1000, y: 600, width: 400, height: 500 },
				leftEye: { x: 1110, y: 800 },
				rightEye: { x: 1290, y: 800 },
				chin: { x: 1200, y: 1100 }
			},
			{ box: { x: 2600, y: 700, width: 300, height: 380 } }
		]
	};

	it('keeps the faces whose middle is in the crop, in output pixels', () => {
		const rect = { x: 800, y: 300, width: 960, height: 1248 };
		const d = facesInCrop(whole, rect, { width: 480, height: 624 });
		expect(d.faces).toHaveLength(1);
		const f = d.faces[0];
		expect(f.box).toEqual({ x: 100, y: 150, width: 200, height: 250 });
		expect(f.leftEye).toEqual({ x: 155, y: 250 });
		expect(f.chin).toEqual({ x: 200, y: 400 });
	});

	it('counts both when the crop takes in both (检测到 2 张人脸)', () => {
		const d = facesInCrop(whole, { x: 900, y: 0, width: 2200, height: 2860 }, { width: 480, height: 624 });
		expect(d.faces).toHaveLength(2);
	});
});
