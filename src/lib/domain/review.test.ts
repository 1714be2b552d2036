import { describe, expect, it } from 'vitest';
import { canTransition, decisionError, isKnownTransition, rejectionText, REVIEW_MESSAGES, transitionError } from './review';

describe('review state machine', () => {
	it('lets each actor make only its own moves', () => {
		expect(canTransition('已提交', '审核中', 'reviewer')).toBe(true);
		expect(canTransition('已提交', '审核中', 'owner')).toBe(false);
		expect(canTransition('审核不通过', '已提交', 'owner')).toBe(true);
		expect(canTransition('审核通过', '已发证', 'system')).toBe(true);
		expect(canTransition('审核通过', '已发证', 'reviewer')).toBe(false);
	});
	it('refuses jumps the table does not have, for anyone', () => {
		expect(isKnownTransition('已提交', '审核通过')).toBe(false);
		expect(isKnownTransition('已发证', '审核中')).toBe(false);
		expect(isKnownTransition('审核中', '审核中')).toBe(true);
		expect(transitionError('已提交', '审核通过', 'reviewer')).toBe('申请状态不能从“已提交”变为“审核通过”');
		expect(transitionError('审核中', '已撤回', 'owner')).toBe('申请正在审核中，暂不能修改或撤回');
	});
	it('needs a reason to reject', () => {
		expect(decisionError('审核不通过', [], ' ')).toBe(REVIEW_MESSAGES.reasonRequired);
		expect(decisionError('审核不通过', [], '缺社保证明')).toBeNull();
		expect(decisionError('审核通过', [], '')).toBeNull();
		expect(rejectionText(['在新单位参保不满3个月'], ' 请补充 ')).toBe('在新单位参保不满3个月；请补充');
	});
});
