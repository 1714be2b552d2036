import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { halfToFloat, readTflite } from './tflite';

const require = createRequire(import.meta.url);
const modelFile = () => new Uint8Array(readFileSync(require.resolve('@mediapipe/selfie_segmentation/selfie_segmentation.tflite')));

describe('TFLite reader', () => {
	it('reads the selfie segmentation model: 256×256 RGB in, one mask out, only operators we run', () => {
		const m = readTflite(modelFile());
		expect(m.tensors[m.inputs[0]].shape).toEqual([1, 256, 256, 3]);
		expect(m.tensors[m.outputs[0]].shape).toEqual([1, 256, 256, 1]);
		const count = (op: string) => m.operators.filter((o) => o.op === op).length;
		expect(count('CONV_2D')).toBe(43);
		expect(count('DEPTHWISE_CONV_2D')).toBe(11);
		expect(count('Convolution2DTransposeBias')).toBe(1);
		const known = new Set([
			'DEQUANTIZE',
			'CONV_2D',
			'RELU',
			'ADD',
			'HARD_SWISH',
			'DEPTHWISE_CONV_2D',
			'LOGISTIC',
			'AVERAGE_POOL_2D',
			'MUL',
			'RESIZE_BILINEAR',
			'Convolution2DTransposeBias'
		]);
		expect(m.operators.filter((o) => !known.has(o.op))).toEqual([]);
		// The first convolution: 3×3, stride 2, SAME, weights as float16 behind a DEQUANTIZE.
		const conv = m.operators.find((o) => o.op === 'CONV_2D')!;
		expect(conv.options).toMatchObject({ strideW: 2, strideH: 2, padding: 0 });
		expect(m.tensors[conv.inputs[1]].shape).toEqual([16, 3, 3, 3]);
	});

	it('refuses a file that is not a TFLite model', () => {
		expect(() => readTflite(new TextEncoder().encode('not a model at all'))).toThrow(/TFLite/);
	});

	it('decodes float16 weights', () => {
		// 1.0, -2.0, 0.5, 65504 (largest half), smallest subnormal
		const bytes = new Uint8Array([0x00, 0x3c, 0x00, 0xc0, 0x00, 0x38, 0xff, 0x7b, 0x01, 0x00]);
		const f = halfToFloat(bytes);
		expect(Array.from(f.slice(0, 4))).toEqual([1, -2, 0.5, 65504]);
		expect(f[4]).toBeCloseTo(2 ** -24, 30);
	});
});
