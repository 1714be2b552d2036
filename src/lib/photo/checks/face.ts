import type { CheckResult, Rect } from './types';

export interface Point {
	x: number;
	y: number;
}

export interface DetectedFace {
	box: Rect;
	leftEye?: Point;
	rightEye?: Point;
	/** Lowest point of the jaw line, when the detector gives landmarks. */
	chin?: Point;
	score?: number;
}

export interface FaceDetection {
	detector: 'FaceDetector' | 'face-api';
	faces: DetectedFace[];
}

/** Anchors (ICAO 9303 / OFIQ): head 50–69 % of the height, eyes 56–69 % up from the bottom. */
export const HEAD_SHARE = { min: 0.5, max: 0.69 };
export const EYES_FROM_BOTTOM = { min: 0.56, max: 0.69 };
/** How far off-centre (share of the width) the face may sit. */
export const MAX_OFF_CENTRE = 0.1;

/**
 * Crown-to-chin height. Detectors box the face from the brows down, not the
 * head; the eyes sit close to half-way between crown and chin, so twice the
 * eye-to-chin distance is a steadier estimate than the box.
 */
export function headGeometry(face: DetectedFace): { eyeY: number; headHeight: number; centreX: number } {
	const eyes = face.leftEye && face.rightEye ? [face.leftEye, face.rightEye] : undefined;
	const eyeY = eyes ? (eyes[0].y + eyes[1].y) / 2 : face.box.y + face.box.height * 0.42;
	const chinY = face.chin?.y ?? face.box.y + face.box.height;
	const headHeight = face.chin || eyes ? (chinY - eyeY) * 2 : face.box.height * 1.45;
	const centreX = eyes ? (eyes[0].x + eyes[1].x) / 2 : face.box.x + face.box.width / 2;
	return { eyeY, headHeight, centreX };
}

// Neutral on purpose: the detector may be missing (older WebView) or not yet downloaded (first use offline).
const NOT_CHECKED = '未检测：人脸检测暂不可用，请自行确认';

export function checkFace(detection: FaceDetection | null, width: number, height: number): CheckResult[] {
	if (!detection) {
		return [
			{ id: 'face', level: 'skip', message: `${NOT_CHECKED}照片中只有本人一张正面人脸` },
			{ id: 'headSize', level: 'skip', message: `${NOT_CHECKED}头部大小合适` },
			{ id: 'headPosition', level: 'skip', message: `${NOT_CHECKED}头部位置居中` }
		];
	}
	const n = detection.faces.length;
	if (n !== 1) {
		const message =
			n === 0
				? '未检测到人脸。请使用本人正面、五官清晰、未遮挡的照片，并让面部位于裁剪框中间'
				: `检测到 ${n} 张人脸。证件照只能有本人一人，请重新裁剪或更换照片`;
		const skipped = '人脸检测未通过，无法判断';
		// A detector can miss a face or see one in a pattern: it warns, never blocks.
		return [
			{ id: 'face', level: 'warn', message, value: n },
			{ id: 'headSize', level: 'skip', message: skipped },
			{ id: 'headPosition', level: 'skip', message: skipped }
		];
	}
	const g = headGeometry(detection.faces[0]);
	const share = g.headHeight / height;
	const eyesUp = 1 - g.eyeY / height;
	const offCentre = Math.abs(g.centreX / width - 0.5);
	// Whole percent, never rounded into the allowed range: 49.7 % too small reads 49 %, not 50 %.
	const below = (v: number) => `${Math.floor(v * 100)}%`;
	const above = (v: number) => `${Math.ceil(v * 100)}%`;
	const pct = (v: number) => `${Math.round(v * 100)}%`;

	const size: CheckResult =
		share < HEAD_SHARE.min
			? { id: 'headSize', level: 'warn', message: `头部偏小（约占高度的${below(share)}，应为50%–69%）。请把裁剪框缩小一些`, value: share }
			: share > HEAD_SHARE.max
				? { id: 'headSize', level: 'warn', message: `头部偏大（约占高度的${above(share)}，应为50%–69%）。请把裁剪框放大一些`, value: share }
				: { id: 'headSize', level: 'pass', message: `头部大小合适（约占高度的${pct(share)}）`, value: share };

	let position: CheckResult;
	if (eyesUp < EYES_FROM_BOTTOM.min) {
		position = {
			id: 'headPosition',
			level: 'warn',
			message: `头部位置偏低（双眼在距底部${below(eyesUp)}处，应为56%–69%）。请把裁剪框往下移`,
			value: eyesUp
		};
	} else if (eyesUp > EYES_FROM_BOTTOM.max) {
		position = {
			id: 'headPosition',
			level: 'warn',
			message: `头部位置偏高（双眼在距底部${above(eyesUp)}处，应为56%–69%）。请把裁剪框往上移`,
			value: eyesUp
		};
	} else if (offCentre > MAX_OFF_CENTRE) {
		position = { id: 'headPosition', level: 'warn', message: '头部没有左右居中，请移动裁剪框使面部位于中间', value: eyesUp };
	} else {
		position = { id: 'headPosition', level: 'pass', message: '头部位置居中', value: eyesUp };
	}
	return [{ id: 'face', level: 'pass', message: '检测到一张人脸', value: 1 }, size, position];
}
