import { describe, expect, it } from 'vitest';
import {
	canTransition,
	decisionError,
	ENTERPRISE_CHANGE_OPEN_STATUSES,
	ENTERPRISE_REJECT_REASONS,
	INITIAL_STATUS,
	isKnownTransition,
	isReviewStatus,
	OPEN_STATUSES,
	OWNER_EDITABLE,
	PENDING_STATUSES,
	REJECT_REASONS,
	rejectionText,
	REVIEW_MESSAGES,
	REVIEW_STATUSES,
	transitionError,
	type Actor,
	type ReviewStatus
} from './review';

describe('review state machine', () => {
	it('lets each actor make only its own moves', () => {
		expect(canTransition('已提交', '审核中', 'reviewer')).toBe(true);
		expect(canTransition('已提交', '审核中', 'owner')).toBe(false);
		expect(canTransition('审核不通过', '已提交', 'owner')).toBe(true);
		expect(canTransition('审核通过', '已发证', 'system')).toBe(true);
		expect(canTransition('审核通过', '已发证', 'reviewer')).toBe(false);
	});
	it('lets a reviewer decide in one save, 审核中 being an optional claim', () => {
		expect(canTransition('已提交', '审核通过', 'reviewer')).toBe(true);
		expect(canTransition('已提交', '审核不通过', 'reviewer')).toBe(true);
		expect(canTransition('已提交', '审核通过', 'owner')).toBe(false);
		expect(canTransition('审核通过', '审核不通过', 'reviewer')).toBe(true);
	});
	it('refuses jumps the table does not have, for anyone', () => {
		expect(isKnownTransition('审核不通过', '审核通过')).toBe(false);
		expect(isKnownTransition('已发证', '审核中')).toBe(false);
		expect(isKnownTransition('审核中', '审核中')).toBe(true);
		expect(transitionError('审核不通过', '审核通过', 'reviewer')).toBe('申请状态不能从“审核不通过”变为“审核通过”');
		expect(transitionError('审核中', '已撤回', 'owner')).toBe('申请正在审核中，暂不能修改或撤回');
	});
	it('needs a reason to reject', () => {
		expect(decisionError('审核不通过', [], ' ')).toBe(REVIEW_MESSAGES.reasonRequired);
		expect(decisionError('审核不通过', [], '缺社保证明')).toBeNull();
		expect(decisionError('审核通过', [], '')).toBeNull();
		expect(rejectionText(['在新单位参保不满3个月'], ' 请补充 ')).toBe('在新单位参保不满3个月；请补充');
	});
});

// The table, written out independently of the module: from → to, by whom.
const ALLOWED: ReadonlyArray<[ReviewStatus, ReviewStatus, Actor]> = [
	['已提交', '审核中', 'reviewer'],
	['已提交', '审核通过', 'reviewer'],
	['已提交', '审核不通过', 'reviewer'],
	['已提交', '已撤回', 'owner'],
	['审核中', '审核通过', 'reviewer'],
	['审核中', '审核不通过', 'reviewer'],
	['审核通过', '审核不通过', 'reviewer'],
	['审核不通过', '已提交', 'owner'],
	['已撤回', '已提交', 'owner'],
	['审核通过', '已发证', 'system']
];
const ACTORS: Actor[] = ['owner', 'reviewer', 'system'];
const allowed = (from: ReviewStatus, to: ReviewStatus, by: Actor) => ALLOWED.some(([f, t, b]) => f === from && t === to && b === by);

describe('review statuses', () => {
	it('are the six statuses, starting at 已提交', () => {
		expect([...REVIEW_STATUSES]).toEqual(['已提交', '审核中', '审核通过', '审核不通过', '已撤回', '已发证']);
		expect(INITIAL_STATUS).toBe('已提交');
		expect([...OWNER_EDITABLE]).toEqual(['审核不通过', '已撤回']);
		expect([...PENDING_STATUSES]).toEqual(['已提交', '审核中']);
		expect([...OPEN_STATUSES]).toEqual(['已提交', '审核中', '审核通过']);
		// An enterprise change is applied when approved: only one still waiting blocks the next.
		expect([...ENTERPRISE_CHANGE_OPEN_STATUSES]).toEqual(['已提交', '审核中']);
	});
	it('isReviewStatus', () => {
		for (const s of REVIEW_STATUSES) expect(isReviewStatus(s)).toBe(true);
		for (const s of ['草稿', '审核', '通过', '', ' 已提交', null, undefined, 0]) expect(isReviewStatus(s)).toBe(false);
	});
});

describe('transition table', () => {
	it.each(ALLOWED)('%s → %s by %s is allowed, for nobody else', (from, to, by) => {
		expect(canTransition(from, to, by)).toBe(true);
		expect(transitionError(from, to, by)).toBeNull();
		expect(isKnownTransition(from, to)).toBe(true);
		for (const other of ACTORS.filter((a) => a !== by)) {
			expect(canTransition(from, to, other)).toBe(false);
			expect(transitionError(from, to, other)).not.toBeNull();
		}
	});

	it('allows nothing else, for any actor', () => {
		let checked = 0;
		for (const from of REVIEW_STATUSES)
			for (const to of REVIEW_STATUSES)
				for (const by of ACTORS) {
					expect(canTransition(from, to, by), `${from} → ${to} by ${by}`).toBe(allowed(from, to, by));
					checked++;
				}
		expect(checked).toBe(6 * 6 * 3);
	});

	it('isKnownTransition: the table plus staying put', () => {
		for (const from of REVIEW_STATUSES)
			for (const to of REVIEW_STATUSES) {
				const known = from === to || ACTORS.some((by) => allowed(from, to, by));
				expect(isKnownTransition(from, to), `${from} → ${to}`).toBe(known);
			}
	});

	it('已发证 is final', () => {
		for (const to of REVIEW_STATUSES.filter((s) => s !== '已发证')) {
			expect(isKnownTransition('已发证', to)).toBe(false);
			for (const by of ACTORS) expect(canTransition('已发证', to, by)).toBe(false);
		}
	});

	it('staying in the same status is no transition and never an error', () => {
		for (const s of REVIEW_STATUSES) for (const by of ACTORS) expect(transitionError(s, s, by)).toBeNull();
	});
});

describe('transitionError messages', () => {
	it('owner while 审核中', () => {
		const msg = '申请正在审核中，暂不能修改或撤回';
		expect(transitionError('审核中', '已撤回', 'owner')).toBe(msg);
		expect(transitionError('审核中', '已提交', 'owner')).toBe(msg);
		expect(transitionError('审核中', '审核通过', 'owner')).toBe(msg);
	});
	it('a move that belongs to someone else', () => {
		expect(transitionError('已提交', '审核中', 'owner')).toBe('只有审核人员可以将申请设为“审核中”');
		expect(transitionError('审核中', '审核不通过', 'system')).toBe('只有审核人员可以将申请设为“审核不通过”');
		expect(transitionError('已提交', '审核通过', 'owner')).toBe('只有审核人员可以将申请设为“审核通过”');
		expect(transitionError('已提交', '已撤回', 'reviewer')).toBe('只有申请人可以将申请设为“已撤回”');
		expect(transitionError('审核不通过', '已提交', 'reviewer')).toBe('只有申请人可以将申请设为“已提交”');
		expect(transitionError('审核通过', '已发证', 'reviewer')).toBe('“已发证”由系统在审核通过后自动设置');
		expect(transitionError('审核通过', '已发证', 'owner')).toBe('“已发证”由系统在审核通过后自动设置');
	});
	it('a jump the table does not have, whoever asks', () => {
		for (const by of ['reviewer', 'system'] as Actor[]) {
			expect(transitionError('已提交', '已发证', by)).toBe('申请状态不能从“已提交”变为“已发证”');
			expect(transitionError('审核不通过', '审核通过', by)).toBe('申请状态不能从“审核不通过”变为“审核通过”');
			expect(transitionError('已发证', '审核中', by)).toBe('申请状态不能从“已发证”变为“审核中”');
			expect(transitionError('已撤回', '审核中', by)).toBe('申请状态不能从“已撤回”变为“审核中”');
		}
		expect(transitionError('已提交', '已发证', 'owner')).toBe('申请状态不能从“已提交”变为“已发证”');
		expect(transitionError('审核通过', '已撤回', 'owner')).toBe('申请状态不能从“审核通过”变为“已撤回”');
		expect(transitionError('已发证', '已提交', 'owner')).toBe('申请状态不能从“已发证”变为“已提交”');
	});
});

describe('rejection reasons', () => {
	it('joins presets and the note with ；', () => {
		expect(rejectionText(['在新单位参保不满3个月', '承诺书未签字或未盖章'], '请补充社保证明')).toBe(
			'在新单位参保不满3个月；承诺书未签字或未盖章；请补充社保证明'
		);
		expect(rejectionText(['证件照片不符合要求'], null)).toBe('证件照片不符合要求');
		expect(rejectionText(['证件照片不符合要求'], '   ')).toBe('证件照片不符合要求');
		expect(rejectionText(null, '  照片背景不是白色 ')).toBe('照片背景不是白色');
		expect(rejectionText(undefined, undefined)).toBe('');
		expect(rejectionText([], '')).toBe('');
	});
	it('a rejection needs a preset or a note; other decisions need none', () => {
		expect(decisionError('审核不通过', null, null)).toBe(REVIEW_MESSAGES.reasonRequired);
		expect(decisionError('审核不通过', [], '\n\t ')).toBe(REVIEW_MESSAGES.reasonRequired);
		expect(decisionError('审核不通过', [REJECT_REASONS[0]], null)).toBeNull();
		for (const to of REVIEW_STATUSES.filter((s) => s !== '审核不通过')) expect(decisionError(to, null, null)).toBeNull();
		expect(REVIEW_MESSAGES.reasonRequired).toBe('审核不通过时须选择至少一个原因，或在“其他说明”中写明原因');
	});
	it('offers the seed’s preset reasons', () => {
		expect(REJECT_REASONS).toContain('在新单位参保不满3个月');
		expect(REJECT_REASONS).toContain('证件照片不符合要求');
		expect(new Set(REJECT_REASONS).size).toBe(REJECT_REASONS.length);
		for (const r of REJECT_REASONS) expect(r).not.toContain('；');
	});
	it('offers enterprises reasons about their licence and qualification, not personal ones', () => {
		expect(ENTERPRISE_REJECT_REASONS.some((r) => r.includes('营业执照'))).toBe(true);
		expect(ENTERPRISE_REJECT_REASONS.some((r) => r.includes('资质证书'))).toBe(true);
		for (const r of ENTERPRISE_REJECT_REASONS) {
			expect(REJECT_REASONS as readonly string[]).not.toContain(r);
			expect(r).not.toMatch(/参保|社保|劳动合同|身份证/);
		}
	});
});
