import { beforeAll, describe, expect, it } from 'vitest';
import { PHOTO_RULES } from '../../src/lib/domain/photo';
import { makeJpeg, type Painter } from '../support/jpeg';
import { createHolder, submitApplication } from './factories-applications';
import { adminClient, createApplicant, pngFile, refused } from './helpers';

const jpegFile = (w: number, h: number, quality?: number, paint?: Painter) =>
	new File([makeJpeg(w, h, paint, quality) as BlobPart], 'photo.jpg', { type: 'image/jpeg' });

/** Noise compresses badly: a 1000×1300 noise JPEG at full quality is far over 300 KB. */
const noise: Painter = (x, y) => {
	const v = ((x * 7919) ^ (y * 104729) ^ (x * y * 31)) & 255;
	return [v, (v * 3) & 255, (v * 7) & 255];
};

/** An applicant's change application carrying `photo`, sent straight to the API. */
async function applyWith(photo: File) {
	const h = await createHolder();
	return submitApplication(h, { photo });
}

describe('server re-check of the ID photo (pb_hooks/photo.pb.js)', () => {
	// Log the superuser in once up front: createHolder() makes two enterprises
	// at once, and two first calls of adminClient() would race.
	beforeAll(async () => {
		await adminClient();
	});

	it('accepts a valid JPEG of 440×572 and of 480×624 in a change application', async () => {
		expect((await applyWith(jpegFile(440, 572))).photo).toMatch(/\.jpg$/);
		expect((await applyWith(jpegFile(480, 624))).photo).toMatch(/\.jpg$/);
	});

	it('refuses a photo smaller than 440×572', async () => {
		const err = await refused(() => applyWith(jpegFile(300, 390)), 400);
		expect(err.response.data.photo.code).toBe('invalid_photo');
		expect(err.response.message).toContain('440×572');
	});

	it('refuses a photo whose height/width is not 1.3', async () => {
		const err = await refused(() => applyWith(jpegFile(600, 600)), 400);
		expect(err.response.data.photo.code).toBe('invalid_photo');
		expect(err.response.message).toContain('1.3');
	});

	it('refuses a non-JPEG even when it is named .jpg', async () => {
		const err = await refused(() => applyWith(pngFile('photo.jpg')), 400);
		// PocketBase's own mime check may answer before the hook; either way the photo field is named.
		expect(err.response.data.photo).toBeTruthy();
	});

	it('refuses a file over the size bound', async () => {
		const big = jpegFile(1000, 1300, 100, noise);
		expect(big.size).toBeGreaterThan(PHOTO_RULES.maxBytes);
		const err = await refused(() => applyWith(big), 400);
		expect(err.response.data.photo.code).toBe('invalid_photo');
		expect(err.response.message).toContain('KB');
	});

	it('guards saves by a superuser too (model hook), and leaves an existing photo alone on other edits', async () => {
		const a = await createApplicant();
		const admin = await adminClient();
		const err = await refused(() => admin.collection('applicants').update(a.record.id, { photo: jpegFile(300, 390) }), 400);
		expect(err.response.data.photo.code).toBe('invalid_photo');
		await admin.collection('applicants').update(a.record.id, { photo: jpegFile(440, 572) });
		const again = await admin.collection('applicants').update(a.record.id, { position: '项目经理' });
		expect(again.photo).toMatch(/\.jpg$/);
	});
});
