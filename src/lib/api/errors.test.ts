import { describe, expect, it } from 'vitest';
import { cleanMessage, fieldMessages } from './errors';
import { refusalFrom } from '$lib/offline/server-errors';

const body = {
	message: '已有一份企业信息修改申请在办理中，审核结束后再提交.',
	data: {
		kind: { code: 'refused', message: '已有一份企业信息修改申请在办理中，审核结束后再提交.' },
		contactEmail: { code: 'validation_invalid_email', message: 'Must be a valid email address.' },
		other: { code: 'something_new', message: 'Unknown.' }
	}
};

describe('reading PocketBase refusals', () => {
	it("drops PocketBase's trailing ASCII period after Chinese text only", () => {
		expect(cleanMessage('请上传承诺书.')).toBe('请上传承诺书');
		expect(cleanMessage('Failed to authenticate.')).toBe('Failed to authenticate.');
	});

	it("keeps our hooks' Chinese field messages and says PocketBase's own in Chinese", () => {
		expect(fieldMessages(body)).toEqual({
			kind: '已有一份企业信息修改申请在办理中，审核结束后再提交',
			contactEmail: '邮箱格式不正确',
			other: '填写有误，请检查'
		});
	});

	it('gives the outbox the same messages the forms show', () => {
		const r = refusalFrom(400, body);
		expect(r.message).toBe('已有一份企业信息修改申请在办理中，审核结束后再提交');
		expect(r.fields).toEqual(fieldMessages(body));
		expect(refusalFrom(413, {}).message).toBe('附件总大小超过服务器限制，请删除或压缩部分附件后重新提交。');
	});
});
