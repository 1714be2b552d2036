import { eachPixel, luma } from './pixels';
import type { CheckResult, Pixels, Rect } from './types';

/**
 * The band around the head: a strip along the top and the two sides down to
 * shoulder height. Lower corners are left out — shoulders and clothes reach
 * the edges there.
 */
export function backgroundBand(img: Pixels): Rect[] {
	const { width: w, height: h } = img;
	const top = Math.max(2, Math.round(h * 0.08));
	const side = Math.max(2, Math.round(w * 0.1));
	const sideHeight = Math.round(h * 0.55);
	return [
		{ x: 0, y: 0, width: w, height: top },
		{ x: 0, y: top, width: side, height: sideHeight - top },
		{ x: w - side, y: top, width: side, height: sideHeight - top }
	];
}

export interface BackgroundStats {
	meanY: number;
	stdY: number;
	meanR: number;
	meanG: number;
	meanB: number;
	/** Share of band pixels that are white: bright and without colour cast. */
	whiteShare: number;
}

export function backgroundStats(img: Pixels): BackgroundStats {
	let n = 0,
		sy = 0,
		syy = 0,
		sr = 0,
		sg = 0,
		sb = 0,
		white = 0;
	const step = Math.max(1, Math.floor(Math.min(img.width, img.height) / 200));
	for (const rect of backgroundBand(img)) {
		eachPixel(img, rect, step, (r, g, b) => {
			const y = luma(r, g, b);
			n++;
			sy += y;
			syy += y * y;
			sr += r;
			sg += g;
			sb += b;
			if (y >= 200 && Math.max(r, g, b) - Math.min(r, g, b) <= 30) white++;
		});
	}
	const meanY = sy / n;
	return {
		meanY,
		stdY: Math.sqrt(Math.max(0, syy / n - meanY * meanY)),
		meanR: sr / n,
		meanG: sg / n,
		meanB: sb / n,
		whiteShare: white / n
	};
}

function castName(s: BackgroundStats): string {
	const { meanR: r, meanG: g, meanB: b } = s;
	const max = Math.max(r, g, b);
	if (max - Math.min(r, g, b) < 25) return s.meanY < 200 ? '灰色' : '';
	if (max === b) return '蓝色';
	if (max === r) return g > b + 20 ? '黄色' : '红色';
	return '绿色';
}

/**
 * Mean colour spread (max − min of R, G, B) above which a backdrop is plainly
 * coloured — blue ID backgrounds measure ~150, red ~160 — as opposed to a
 * white wall under warm or cool light (≲ 50).
 */
export const CLEAR_COLOUR = 70;

/**
 * A clearly coloured backdrop is measured beyond doubt and blocks (the photo
 * can be fixed with 换白底); grey, uneven or slightly tinted ones are lighting,
 * which a camera can get wrong, and warn.
 */
export function checkBackground(img: Pixels): CheckResult {
	const s = backgroundStats(img);
	const value = Math.round(s.whiteShare * 100) / 100;
	const chroma = Math.max(s.meanR, s.meanG, s.meanB) - Math.min(s.meanR, s.meanG, s.meanB);
	const cast = castName(s);
	if (chroma > CLEAR_COLOUR) {
		return {
			id: 'background',
			level: 'fail',
			message: `背景不是白色（检测为${cast}）。请点击“换成白色背景”，或换一张白底照片`,
			value
		};
	}
	if (s.meanY < 185 || chroma > 30) {
		return {
			id: 'background',
			level: 'warn',
			message: `背景不够白${cast ? `（偏${cast.replace('色', '')}）` : ''}，可能是光线不足或偏色。建议在光线充足的白色墙面前重拍，或点击“换成白色背景”`,
			value
		};
	}
	if (s.whiteShare < 0.85 || s.stdY > 22) {
		return {
			id: 'background',
			level: 'warn',
			message: '背景不够均匀（有阴影、杂物或偏暗的区域）。建议在光线均匀的白色背景前重拍',
			value
		};
	}
	return { id: 'background', level: 'pass', message: '白色背景，均匀', value };
}
