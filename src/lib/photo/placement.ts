/**
 * Where the crop box first goes. With a detected face the box is sized and
 * placed so that head size and eye line fall well inside their allowed
 * ranges — a correct photo then passes with no adjustment. Without a face the box is simply centred. Either
 * way the box stays inside the picture and at least 440×572 source pixels.
 * Source pixels throughout; pure, so unit-tested.
 */
import { PHOTO_RULES } from '../domain/photo';
import { EYES_FROM_BOTTOM, HEAD_SHARE, headGeometry, type DetectedFace } from './checks/face';
import type { Rect } from './checks/types';

/**
 * Inside both ranges with room for a detector's error, and low enough to
 * leave the crown ~12 % of the height below the top edge: hair reaching into
 * the strip above the head would read as an uneven background.
 */
const HEAD_TARGET = HEAD_SHARE.min + 0.07;
const EYES_TARGET = EYES_FROM_BOTTOM.min + 0.04;
/** Share of the largest 1.3 box used when no face guides the placement. */
const CENTRED_SHARE = 0.85;

/** The largest box of height/width 1.3 that fits, and the minimum one. */
function limits(width: number, height: number) {
	const maxW = Math.min(width, height / PHOTO_RULES.ratio);
	return { maxW, minW: Math.min(maxW, PHOTO_RULES.minWidth) };
}

function fit(x: number, y: number, w: number, width: number, height: number): Rect {
	const h = w * PHOTO_RULES.ratio;
	return {
		x: Math.min(Math.max(0, x), width - w),
		y: Math.min(Math.max(0, y), height - h),
		width: w,
		height: h
	};
}

export function centredCrop(width: number, height: number): Rect {
	const { maxW, minW } = limits(width, height);
	const w = Math.max(minW, maxW * CENTRED_SHARE);
	return fit((width - w) / 2, (height - w * PHOTO_RULES.ratio) / 2, w, width, height);
}

export function initialCrop(width: number, height: number, face?: DetectedFace): Rect {
	if (!face) return centredCrop(width, height);
	const g = headGeometry(face);
	const { maxW, minW } = limits(width, height);
	const w = Math.min(maxW, Math.max(minW, g.headHeight / HEAD_TARGET / PHOTO_RULES.ratio));
	const h = w * PHOTO_RULES.ratio;
	return fit(g.centreX - w / 2, g.eyeY - (1 - EYES_TARGET) * h, w, width, height);
}
