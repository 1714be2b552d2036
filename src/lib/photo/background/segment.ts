/**
 * Person segmentation for 换白底: MediaPipe's selfie segmentation model
 * (Apache-2.0, 249 KB, shipped in @mediapipe/selfie_segmentation and served
 * from our own /models/) run operator by operator on the tfjs instance face
 * detection already uses — no second ML runtime, nothing fetched from
 * anywhere else. Loaded only when the applicant asks for a white background.
 */
import { halfToFloat, readTflite, type TfliteModel, type TfliteOperator } from './tflite';

/** The subset of tfjs this file calls (face-api bundles tfjs; we borrow its instance). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tf = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tensor = any;

/** The model's input side (256×256 RGB in 0…1) and its one output: foreground probability. */
export const SEGMENT_SIDE = 256;

export interface Segmenter {
	/** Foreground probability (0…1) per pixel of a SEGMENT_SIDE² stretched copy of `pixels`. */
	run(pixels: ImageData): Promise<Float32Array>;
}

const PAD: Record<number, 'same' | 'valid'> = { 0: 'same', 1: 'valid' };

function activate(tf: Tf, x: Tensor, a: number | boolean): Tensor {
	if (a === 1) return tf.relu(x);
	if (a === 3) return tf.relu6(x);
	if (a === 2) return tf.clipByValue(x, -1, 1);
	return x;
}

/** Constants once: float16 weights to float32, filters to tfjs' layouts. */
function constants(tf: Tf, model: TfliteModel): Map<number, Tensor> {
	const values = new Map<number, Tensor>();
	const raw = (i: number): Tensor | undefined => {
		const t = model.tensors[i];
		if (!t.data) return undefined;
		const shape = t.shape.length ? t.shape : [];
		if (t.type === 'float16') return tf.tensor(halfToFloat(t.data), shape, 'float32');
		if (t.type === 'float32') return tf.tensor(new Float32Array(t.data.slice().buffer), shape, 'float32');
		if (t.type === 'int32') return tf.tensor(new Int32Array(t.data.slice().buffer), shape, 'int32');
		throw new Error(`unsupported constant type in ${t.name}`);
	};
	for (let i = 0; i < model.tensors.length; i++) {
		const v = raw(i);
		if (v) values.set(i, v);
	}
	// DEQUANTIZE of a constant is just the float copy of it.
	for (const op of model.operators) {
		if (op.op === 'DEQUANTIZE' && values.has(op.inputs[0])) values.set(op.outputs[0], values.get(op.inputs[0]));
	}
	// Filters: TFLite keeps [out, h, w, in]; tfjs wants [h, w, in, out] (conv), [h, w, in, mult] (depthwise), [h, w, out, in] (transpose).
	const relayout = (i: number, f: (t: Tensor) => Tensor) => {
		const t = values.get(i);
		if (t) values.set(i, f(t));
	};
	for (const op of model.operators) {
		if (op.op === 'CONV_2D') relayout(op.inputs[1], (t) => tf.transpose(t, [1, 2, 3, 0]));
		else if (op.op === 'DEPTHWISE_CONV_2D') {
			const m = Number(op.options.depthMultiplier) || 1;
			relayout(op.inputs[1], (t) => tf.reshape(t, [t.shape[1], t.shape[2], t.shape[3] / m, m]));
		} else if (op.op === 'Convolution2DTransposeBias') relayout(op.inputs[1], (t) => tf.transpose(t, [1, 2, 0, 3]));
	}
	return values;
}

function step(tf: Tf, op: TfliteOperator, get: (i: number) => Tensor, model: TfliteModel): Tensor {
	const o = op.options;
	const x = get(op.inputs[0]);
	switch (op.op) {
		case 'CONV_2D':
			return activate(
				tf,
				tf
					.conv2d(x, get(op.inputs[1]), [o.strideH, o.strideW], PAD[Number(o.padding)], 'NHWC', [o.dilationH, o.dilationW])
					.add(get(op.inputs[2])),
				o.activation
			);
		case 'DEPTHWISE_CONV_2D':
			return activate(
				tf,
				tf
					.depthwiseConv2d(x, get(op.inputs[1]), [o.strideH, o.strideW], PAD[Number(o.padding)], 'NHWC', [o.dilationH, o.dilationW])
					.add(get(op.inputs[2])),
				o.activation
			);
		case 'ADD':
			return activate(tf, tf.add(x, get(op.inputs[1])), o.activation);
		case 'MUL':
			return activate(tf, tf.mul(x, get(op.inputs[1])), o.activation);
		case 'RELU':
			return tf.relu(x);
		case 'RELU6':
			return tf.relu6(x);
		case 'LOGISTIC':
			return tf.sigmoid(x);
		case 'HARD_SWISH':
			return tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6));
		case 'AVERAGE_POOL_2D':
			return activate(tf, tf.avgPool(x, [o.filterH, o.filterW], [o.strideH, o.strideW], PAD[Number(o.padding)]), o.activation);
		case 'RESIZE_BILINEAR': {
			const size = model.tensors[op.inputs[1]].data;
			if (!size) throw new Error('RESIZE_BILINEAR without a constant size');
			const [h, w] = new Int32Array(size.slice().buffer);
			return tf.image.resizeBilinear(x, [h, w], !!o.alignCorners, !!o.halfPixelCenters);
		}
		case 'DEQUANTIZE':
			return x;
		case 'Convolution2DTransposeBias': {
			// MediaPipe's custom op: a transposed convolution plus bias; options are
			// TfLiteTransposeConvParams {padding (1 same, 2 valid), stride_w, stride_h}.
			const p = new DataView(op.custom!.buffer, op.custom!.byteOffset, op.custom!.byteLength);
			const strideW = p.getInt32(4, true);
			const strideH = p.getInt32(8, true);
			const w = get(op.inputs[1]);
			const [n, h, wd] = x.shape;
			const outShape = [n, h * strideH, wd * strideW, w.shape[2]];
			return tf.conv2dTranspose(x, w, outShape, [strideH, strideW], 'same').add(get(op.inputs[2]));
		}
		default:
			throw new Error(`unsupported TFLite operator ${op.op}`);
	}
}

export async function loadSegmenter(tf: Tf, modelUrl: string): Promise<Segmenter> {
	const res = await fetch(modelUrl);
	if (!res.ok) throw new Error(`segmentation model: HTTP ${res.status}`);
	const model = readTflite(new Uint8Array(await res.arrayBuffer()));
	const fixed = constants(tf, model);
	const run = (input: Tensor): Tensor => {
		const values = new Map(fixed);
		values.set(model.inputs[0], input);
		const get = (i: number) => {
			const v = values.get(i);
			if (!v) throw new Error(`tensor ${model.tensors[i].name} used before it is computed`);
			return v;
		};
		for (const op of model.operators) {
			if (op.op === 'DEQUANTIZE' && fixed.has(op.outputs[0])) continue;
			values.set(op.outputs[0], step(tf, op, get, model));
		}
		return values.get(model.outputs[0]);
	};
	return {
		async run(pixels) {
			const out = tf.tidy(() => {
				const img = tf.browser.fromPixels(pixels).toFloat().div(255);
				const input = tf.image.resizeBilinear(img, [SEGMENT_SIDE, SEGMENT_SIDE], false, true).expandDims(0);
				return run(input).reshape([SEGMENT_SIDE * SEGMENT_SIDE]);
			});
			try {
				return (await out.data()) as Float32Array;
			} finally {
				out.dispose();
			}
		}
	};
}
