/**
 * The review state machine shared by cert_applications and enterprise_changes.
 *
 *  (local draft) ─submit─▶ 已提交 ─reviewer─▶ 审核通过 ─system─▶ 已发证
 *                          ▲  │  │               │
 *                          │  │  └─▶ 审核中 ──────┤ (optional: a reviewer claims the request)
 *                          │  └─applicant─▶ 已撤回 │
 *                          └──resubmit── 审核不通过 ◀┘ (reason required; also from 审核通过 before issuance)
 *
 * A reviewer decides in one save in the admin UI; 审核中 only says "I am on it".
 */

export const REVIEW_STATUSES = ['已提交', '审核中', '审核通过', '审核不通过', '已撤回', '已发证'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type Actor = 'owner' | 'reviewer' | 'system';

const TRANSITIONS: ReadonlyArray<{ from: ReviewStatus; to: ReviewStatus; by: Actor }> = [
	{ from: '已提交', to: '审核中', by: 'reviewer' },
	{ from: '已提交', to: '审核通过', by: 'reviewer' },
	{ from: '已提交', to: '审核不通过', by: 'reviewer' },
	{ from: '已提交', to: '已撤回', by: 'owner' },
	{ from: '审核中', to: '审核通过', by: 'reviewer' },
	{ from: '审核中', to: '审核不通过', by: 'reviewer' },
	// Until the certificate is issued a reviewer may still refuse (e.g. the issuance failed on a conflict).
	{ from: '审核通过', to: '审核不通过', by: 'reviewer' },
	{ from: '审核不通过', to: '已提交', by: 'owner' },
	{ from: '已撤回', to: '已提交', by: 'owner' },
	{ from: '审核通过', to: '已发证', by: 'system' }
];

/** The status every new application starts in. */
export const INITIAL_STATUS: ReviewStatus = '已提交';

/** A refused or withdrawn request sent again goes back to the reviewers' queue as a new submission. */
export const RESUBMIT_STATUS: ReviewStatus = INITIAL_STATUS;

/** Statuses in which the owner may change the content (attachments, requested values). */
export const OWNER_EDITABLE: readonly ReviewStatus[] = ['审核不通过', '已撤回'];

/** Statuses that still wait for a reviewer (the review queue). */
export const PENDING_STATUSES: readonly ReviewStatus[] = ['已提交', '审核中'];

/** Statuses that block another application for the same certificate: until issued, an approval is still open. */
export const OPEN_STATUSES: readonly ReviewStatus[] = ['已提交', '审核中', '审核通过'];

/** An enterprise change is applied at approval, so only a request still waiting for a reviewer blocks the next one. */
export const ENTERPRISE_CHANGE_OPEN_STATUSES: readonly ReviewStatus[] = PENDING_STATUSES;

/** Moves that are a reviewer's decision (the audit row and decidedAt record them). */
export const DECISION_STATUSES: readonly ReviewStatus[] = ['审核通过', '审核不通过'];

export function isReviewStatus(value: unknown): value is ReviewStatus {
	return typeof value === 'string' && (REVIEW_STATUSES as readonly string[]).includes(value);
}

/** Whether the table allows this move for anyone — what every save must respect, whoever makes it. */
export function isKnownTransition(from: ReviewStatus, to: ReviewStatus): boolean {
	return from === to || TRANSITIONS.some((t) => t.from === from && t.to === to);
}

export function canTransition(from: ReviewStatus, to: ReviewStatus, by: Actor): boolean {
	return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by);
}

/** Chinese reason a transition is refused, or null when allowed. */
export function transitionError(from: ReviewStatus, to: ReviewStatus, by: Actor): string | null {
	if (from === to) return null;
	if (canTransition(from, to, by)) return null;
	if (from === '审核中' && by === 'owner') return '申请正在审核中，暂不能修改或撤回';
	const allowedBy = TRANSITIONS.find((t) => t.from === from && t.to === to)?.by;
	if (allowedBy === 'reviewer') return `只有审核人员可以将申请设为“${to}”`;
	if (allowedBy === 'owner') return `只有申请人可以将申请设为“${to}”`;
	if (allowedBy === 'system') return `“${to}”由系统在审核通过后自动设置`;
	return `申请状态不能从“${from}”变为“${to}”`;
}

/** Preset reasons a reviewer picks for a personal application (plus free text). */
export const REJECT_REASONS = [
	'在新单位参保不满3个月',
	'社保证明与工作单位不一致',
	'身份证扫描件不清晰或不完整',
	'承诺书未签字或未盖章',
	'原纸质证书扫描件不完整（缺照片页或签章页）',
	'建造师执业证书缺失或无法验证',
	'证件照片不符合要求'
] as const;

/** Preset reasons for an enterprise's 企业名称修改 / 企业资质修改 (plus free text). */
export const ENTERPRISE_REJECT_REASONS = [
	'信用代码证件（营业执照）扫描件不清晰或不完整',
	'修改后的企业名称、法人或地址与营业执照不一致',
	'统一社会信用代码与营业执照不一致',
	'资质证书扫描件不清晰或不完整',
	'修改后的资质类别、等级或证书编号与资质证书不一致',
	'资质证书已过有效期'
] as const;

export const REVIEW_MESSAGES = {
	reasonRequired: '审核不通过时须选择至少一个原因，或在“其他说明”中写明原因',
	reasonOnlyOnReject: '只有将状态设为“审核不通过”时才填写不通过原因',
	badStatus: '申请状态不正确',
	/** The owner edits a request that waits for a reviewer. */
	submittedLocked: '申请已提交，如需修改请先撤回',
	/** Anyone edits a request that has been approved. */
	decidedLocked: '申请已审核通过，不能再修改'
} as const;

/** Chinese message when a reviewer's decision lacks what the applicant needs to act on it, else null. */
export function decisionError(
	to: ReviewStatus,
	presets: readonly string[] | null | undefined,
	note: string | null | undefined
): string | null {
	if (to === '审核不通过' && !rejectionText(presets, note)) return REVIEW_MESSAGES.reasonRequired;
	return null;
}

export function rejectionText(presets: readonly string[] | null | undefined, note: string | null | undefined): string {
	return [...(presets ?? []), ...(note?.trim() ? [note.trim()] : [])].join('；');
}
