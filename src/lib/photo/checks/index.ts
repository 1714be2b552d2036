import { checkBackground } from './background';
import { checkColour } from './colour';
import { checkExposure } from './exposure';
import { checkSharpness } from './sharpness';
import { HARD_CHECKS } from './hard';
import type { CheckResult, Pixels } from './types';

export * from './types';
export * from './hard';
export { checkBackground } from './background';
export { checkColour } from './colour';
export { checkExposure } from './exposure';
export { checkSharpness } from './sharpness';
export { checkFace, type DetectedFace, type FaceDetection } from './face';

/** The checks that look at the cropped picture itself. */
export function checkImage(img: Pixels): CheckResult[] {
	return [checkBackground(img), checkColour(img), checkExposure(img), checkSharpness(img)];
}

export interface CheckVerdict {
	/** A hard requirement failed: the photo can not be saved. */
	blocked: boolean;
	/** Heuristic problems the applicant must acknowledge before saving. */
	needsConfirmation: boolean;
}

/** Only exact rules fail (see HARD_CHECKS); heuristics warn. */
export function verdict(results: readonly CheckResult[]): CheckVerdict {
	const hard = new Set<string>(HARD_CHECKS);
	return {
		blocked: results.some((r) => r.level === 'fail' || (hard.has(r.id) && r.level === 'skip')),
		needsConfirmation: results.some((r) => r.level === 'warn')
	};
}

/** What travels with the photo (field photoCheck) for the reviewer. */
export interface PhotoCheckReport {
	version: 1;
	checkedAt: string;
	source: { name: string; type: string; width: number; height: number; bytes: number };
	crop: { x: number; y: number; width: number; height: number };
	output?: { width: number; height: number; bytes: number; quality: number };
	faceDetector: 'FaceDetector' | 'face-api' | null;
	results: CheckResult[];
	/** Set when the applicant saved despite heuristic problems. */
	acknowledged?: boolean;
	/**
	 * Set when 换白底 replaced the background (person segmentation in the
	 * browser); the results above were measured on the replaced picture.
	 */
	backgroundReplaced?: boolean;
}
