import { describe, expect, it } from 'vitest';
import { encodeUnder } from './pipeline';

/** Stands in for an OffscreenCanvas: the file grows with the quality asked for. */
function fakeCanvas(bytesAt: (q: number) => number) {
	const asked: number[] = [];
	const canvas = {
		convertToBlob: async ({ quality }: { type: string; quality: number }) => {
			asked.push(quality);
			return new Blob([new Uint8Array(Math.round(bytesAt(quality)))], { type: 'image/jpeg' });
		}
	};
	return { canvas: canvas as unknown as OffscreenCanvas, asked };
}

describe('encodeUnder', () => {
	it('encodes once when the first quality already fits', async () => {
		const { canvas, asked } = fakeCanvas((q) => q * 100_000);
		const r = await encodeUnder(canvas, 300 * 1024);
		expect(asked).toEqual([0.92]);
		expect(r.quality).toBe(0.92);
	});

	it('searches for the highest quality under the bound', async () => {
		const { canvas } = fakeCanvas((q) => q * 400_000);
		const r = await encodeUnder(canvas, 200_000);
		expect(r.blob.size).toBeLessThanOrEqual(200_000);
		expect(r.quality).toBeGreaterThan(0.45);
		expect(r.quality).toBeLessThanOrEqual(0.5);
	});

	it('fails rather than return a file over the bound', async () => {
		const { canvas } = fakeCanvas(() => 1_000_000);
		await expect(encodeUnder(canvas, 1000)).rejects.toThrow();
	});
});
