import { PHOTO_RULES, photoOutputSize, photoRatioOk } from '../../domain/photo';
import type { CheckResult } from './types';

/**
 * Rules measured exactly: failing one of these, a photo can not be used at all
 * (their level is 'fail'). Every other check is a heuristic that can be wrong
 * and at worst warns ('warn'), to be acknowledged. Colour and a clearly
 * coloured background are exact too: see colour.ts and background.ts.
 */
export const HARD_CHECKS = ['decodable', 'resolution', 'ratio', 'colour', 'background'] as const;

export function checkDecodable(outcome: { ok: true } | { ok: false; message: string }): CheckResult {
	if (outcome.ok) return { id: 'decodable', level: 'pass', message: '图片可以正常读取' };
	return { id: 'decodable', level: 'fail', message: outcome.message };
}

/** The crop, in pixels of the original file, must cover at least 440×572 so nothing is enlarged. */
export function checkResolution(cropWidth: number, cropHeight: number): CheckResult {
	const w = Math.round(cropWidth);
	const h = Math.round(cropHeight);
	const { minWidth, minHeight } = PHOTO_RULES;
	if (photoOutputSize(cropWidth, cropHeight)) {
		return { id: 'resolution', level: 'pass', message: `裁剪区域 ${w}×${h} 像素，满足不低于${minWidth}×${minHeight}像素的要求`, value: w };
	}
	return {
		id: 'resolution',
		level: 'fail',
		message: `裁剪区域只有 ${w}×${h} 像素，低于${minWidth}×${minHeight}像素。请把裁剪框拉大，或换一张分辨率更高的照片`,
		value: w
	};
}

export function checkRatio(width: number, height: number): CheckResult {
	const r = height / width;
	if (photoRatioOk(width, height)) {
		return { id: 'ratio', level: 'pass', message: `输出 ${width}×${height} 像素，高宽比 ${PHOTO_RULES.ratio}`, value: r };
	}
	return {
		id: 'ratio',
		level: 'fail',
		message: `高宽比为 ${r.toFixed(3)}，应为 ${PHOTO_RULES.ratio}。请重新裁剪`,
		value: r
	};
}
