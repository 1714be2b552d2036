/**
 * Reads a TensorFlow Lite model file into plain objects: tensors (shape,
 * type, constant data) and operators in execution order. Just enough of the
 * FlatBuffers format and of schema.fbs for MediaPipe's selfie segmentation
 * model, which ships without the metadata MediaPipe's own task runner needs —
 * so we run it with the tfjs that face detection already loads (./segment.ts)
 * instead of a second 13 MB runtime.
 */

export type TensorType = 'float32' | 'float16' | 'int32' | 'other';

export interface TfliteTensor {
	name: string;
	shape: number[];
	type: TensorType;
	/** Constant data (weights, sizes), or undefined for activations. */
	data?: Uint8Array;
}

export interface TfliteOperator {
	/** Builtin name (CONV_2D, …) or the custom op's own name. */
	op: string;
	inputs: number[];
	outputs: number[];
	/** Builtin options as named fields; custom ops get their raw option bytes. */
	options: Record<string, number | boolean>;
	custom?: Uint8Array;
}

export interface TfliteModel {
	tensors: TfliteTensor[];
	inputs: number[];
	outputs: number[];
	operators: TfliteOperator[];
}

/** The builtin operators we know by number (schema.fbs, BuiltinOperator). */
const BUILTIN: Record<number, string> = {
	0: 'ADD',
	1: 'AVERAGE_POOL_2D',
	2: 'CONCATENATION',
	3: 'CONV_2D',
	4: 'DEPTHWISE_CONV_2D',
	6: 'DEQUANTIZE',
	14: 'LOGISTIC',
	17: 'MAX_POOL_2D',
	18: 'MUL',
	19: 'RELU',
	21: 'RELU6',
	22: 'RESHAPE',
	23: 'RESIZE_BILINEAR',
	32: 'CUSTOM',
	117: 'HARD_SWISH'
};

/** Option table fields, in schema order, per builtin. 'b' = byte/bool, 'i' = int32. */
const OPTION_FIELDS: Record<string, [string, 'b' | 'i'][]> = {
	CONV_2D: [
		['padding', 'b'],
		['strideW', 'i'],
		['strideH', 'i'],
		['activation', 'b'],
		['dilationW', 'i'],
		['dilationH', 'i']
	],
	DEPTHWISE_CONV_2D: [
		['padding', 'b'],
		['strideW', 'i'],
		['strideH', 'i'],
		['depthMultiplier', 'i'],
		['activation', 'b'],
		['dilationW', 'i'],
		['dilationH', 'i']
	],
	AVERAGE_POOL_2D: [
		['padding', 'b'],
		['strideW', 'i'],
		['strideH', 'i'],
		['filterW', 'i'],
		['filterH', 'i'],
		['activation', 'b']
	],
	MAX_POOL_2D: [
		['padding', 'b'],
		['strideW', 'i'],
		['strideH', 'i'],
		['filterW', 'i'],
		['filterH', 'i'],
		['activation', 'b']
	],
	ADD: [['activation', 'b']],
	MUL: [['activation', 'b']],
	RESIZE_BILINEAR: [
		['newHeight', 'i'],
		['newWidth', 'i'],
		['alignCorners', 'b'],
		['halfPixelCenters', 'b']
	]
};

const TYPES: Record<number, TensorType> = { 0: 'float32', 1: 'float16', 2: 'int32' };

/** A FlatBuffers table: a position in the buffer and its vtable. */
class Table {
	constructor(
		private view: DataView,
		readonly pos: number
	) {}

	#field(index: number): number {
		const vtable = this.pos - this.view.getInt32(this.pos, true);
		const vtableSize = this.view.getUint16(vtable, true);
		const slot = 4 + 2 * index;
		return slot < vtableSize ? this.view.getUint16(vtable + slot, true) : 0;
	}
	#target(index: number): number | undefined {
		const off = this.#field(index);
		if (!off) return undefined;
		const at = this.pos + off;
		return at + this.view.getUint32(at, true);
	}

	u8(index: number, fallback = 0): number {
		const off = this.#field(index);
		return off ? this.view.getUint8(this.pos + off) : fallback;
	}
	i32(index: number, fallback = 0): number {
		const off = this.#field(index);
		return off ? this.view.getInt32(this.pos + off, true) : fallback;
	}
	table(index: number): Table | undefined {
		const at = this.#target(index);
		return at === undefined ? undefined : new Table(this.view, at);
	}
	string(index: number): string {
		const bytes = this.bytes(index);
		return bytes ? new TextDecoder().decode(bytes) : '';
	}
	bytes(index: number): Uint8Array | undefined {
		const at = this.#target(index);
		if (at === undefined) return undefined;
		const n = this.view.getUint32(at, true);
		return new Uint8Array(this.view.buffer, this.view.byteOffset + at + 4, n);
	}
	ints(index: number): number[] {
		const at = this.#target(index);
		if (at === undefined) return [];
		const n = this.view.getUint32(at, true);
		return Array.from({ length: n }, (_, k) => this.view.getInt32(at + 4 + 4 * k, true));
	}
	tables(index: number): Table[] {
		const at = this.#target(index);
		if (at === undefined) return [];
		const n = this.view.getUint32(at, true);
		return Array.from({ length: n }, (_, k) => {
			const el = at + 4 + 4 * k;
			return new Table(this.view, el + this.view.getUint32(el, true));
		});
	}
}

export function readTflite(file: Uint8Array): TfliteModel {
	const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
	if (file.byteLength < 8 || new TextDecoder().decode(file.subarray(4, 8)) !== 'TFL3') throw new Error('not a TFLite model');
	// Model: 1 operator_codes, 2 subgraphs, 4 buffers.
	const model = new Table(view, view.getUint32(0, true));
	const codes = model.tables(1).map((c) => {
		// OperatorCode: 0 deprecated_builtin_code (byte), 1 custom_code, 3 builtin_code (int).
		const code = Math.max(c.u8(0), c.i32(3));
		return code === 32 ? c.string(1) : (BUILTIN[code] ?? `BUILTIN_${code}`);
	});
	const buffers = model.tables(4).map((b) => b.bytes(0));
	const graph = model.tables(2)[0];
	if (!graph) throw new Error('TFLite model has no subgraph');
	// SubGraph: 0 tensors, 1 inputs, 2 outputs, 3 operators.
	const tensors = graph.tables(0).map((t): TfliteTensor => {
		// Tensor: 0 shape, 1 type, 2 buffer, 3 name.
		const data = buffers[t.i32(2)];
		return { name: t.string(3), shape: t.ints(0), type: TYPES[t.u8(1)] ?? 'other', data: data && data.length ? data : undefined };
	});
	const operators = graph.tables(3).map((o): TfliteOperator => {
		// Operator: 0 opcode_index, 1 inputs, 2 outputs, 3/4 builtin_options (union), 5 custom_options.
		const op = codes[o.i32(0)];
		const fields = OPTION_FIELDS[op] ?? [];
		const table = o.table(4);
		const options: Record<string, number | boolean> = {};
		fields.forEach(([name, kind], i) => {
			const fallback = name.startsWith('dilation') || name === 'depthMultiplier' ? 1 : 0;
			options[name] = table ? (kind === 'b' ? table.u8(i, fallback) : table.i32(i, fallback)) : fallback;
		});
		return { op, inputs: o.ints(1), outputs: o.ints(2), options, custom: o.bytes(5) };
	});
	return { tensors, inputs: graph.ints(1), outputs: graph.ints(2), operators };
}

/** IEEE 754 half floats (weights stored as float16) to float32. */
export function halfToFloat(bytes: Uint8Array): Float32Array {
	const n = bytes.length >> 1;
	const out = new Float32Array(n);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	for (let i = 0; i < n; i++) {
		const h = view.getUint16(2 * i, true);
		const sign = h & 0x8000 ? -1 : 1;
		const exp = (h >> 10) & 0x1f;
		const frac = h & 0x3ff;
		out[i] =
			exp === 0
				? sign * 2 ** -14 * (frac / 1024)
				: exp === 31
					? frac
						? NaN
						: sign * Infinity
					: sign * 2 ** (exp - 15) * (1 + frac / 1024);
	}
	return out;
}
