/** Anything with RGBA bytes: ImageData in the browser, a plain object in tests. */
export interface Pixels {
	width: number;
	height: number;
	data: Uint8ClampedArray | Uint8Array;
}

export type CheckLevel = 'pass' | 'warn' | 'fail' | 'skip';

export type CheckId =
	'decodable' | 'resolution' | 'ratio' | 'background' | 'colour' | 'exposure' | 'sharpness' | 'face' | 'headSize' | 'headPosition';

export interface CheckResult {
	id: CheckId;
	level: CheckLevel;
	/** Chinese: what is wrong and what to do (or that it is fine). */
	message: string;
	/** The measured figure the verdict rests on, for the reviewer. */
	value?: number;
}

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}
