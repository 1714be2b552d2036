/**
 * The photo tool's report (field photoCheck, written by src/lib/photo) as a
 * reviewer reads it: one Chinese line such as
 * "人脸: 通过；白色背景: 提示（背景略有阴影）；申请人已确认提示项". The hooks store
 * it next to the JSON (photoCheckSummary) because the admin UI can only show
 * fields, and the photo page shows the same names to the applicant.
 */

export const PHOTO_CHECK_NAMES: Record<string, string> = {
	decodable: '文件格式',
	resolution: '分辨率',
	ratio: '高宽比',
	background: '白色背景',
	colour: '彩色照片',
	exposure: '曝光',
	sharpness: '清晰度',
	face: '人脸',
	headSize: '头部大小',
	headPosition: '头部位置'
};

export const PHOTO_CHECK_LEVELS: Record<string, string> = { pass: '通过', warn: '提示', fail: '不合格', skip: '未检测' };

/** What the summary reads of a report; anything else in it is ignored. */
export interface PhotoCheckLike {
	results?: readonly { id?: string; level?: string; message?: string }[];
	acknowledged?: boolean;
	backgroundReplaced?: boolean;
}

/** Longest summary stored (the field's limit in the schema). */
export const PHOTO_CHECK_SUMMARY_MAX = 1000;

/** '' when there is no report (no new photo, or an old client). */
export function photoCheckSummary(raw: unknown): string {
	let report = raw;
	if (typeof report === 'string') {
		if (!report.trim()) return '';
		try {
			report = JSON.parse(report);
		} catch {
			return '照片检测报告无法读取';
		}
	}
	if (!report || typeof report !== 'object') return '';
	const r = report as PhotoCheckLike;
	const parts: string[] = [];
	for (const check of Array.isArray(r.results) ? r.results : []) {
		if (!check || typeof check !== 'object') continue;
		const name = PHOTO_CHECK_NAMES[check.id ?? ''] ?? String(check.id ?? '');
		const level = PHOTO_CHECK_LEVELS[check.level ?? ''] ?? String(check.level ?? '');
		// A passed check needs no explanation; a problem keeps the tool's own words.
		const why = check.level !== 'pass' && check.message ? `（${String(check.message).slice(0, 80)}）` : '';
		parts.push(`${name}: ${level}${why}`);
	}
	if (r.backgroundReplaced) parts.push('背景已由照片工具替换为白色');
	if (r.acknowledged) parts.push('申请人已确认提示项');
	if (!parts.length) return '';
	return parts.join('；').slice(0, PHOTO_CHECK_SUMMARY_MAX);
}
