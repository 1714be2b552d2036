import { describe, expect, it } from 'vitest';
import { sentence } from './format';

describe('sentence', () => {
	it('ends Chinese in exactly one 。 whatever the message brought', () => {
		expect(sentence('提交未被受理，请按提示修改后重新提交。')).toBe('提交未被受理，请按提示修改后重新提交。');
		expect(sentence('请核实后选择“审核不通过”并写明原因.')).toBe('请核实后选择“审核不通过”并写明原因。');
		expect(sentence('已有一份申请在办理中')).toBe('已有一份申请在办理中。');
		expect(sentence('  ')).toBe('');
		expect(`提交未成功：${sentence('原因。。')}填写的内容已保留`).toBe('提交未成功：原因。填写的内容已保留');
	});
});
