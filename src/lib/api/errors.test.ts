import { describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import { cleanMessage, fieldMessages, loginErrorMessage } from './errors';
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

describe('login failures', () => {
	const answer = (status: number, message: string) =>
		new ClientResponseError({ url: '/api/collections/applicants/auth-with-password', status, response: { status, message, data: {} } });

	it("says how long to wait after PocketBase's own rate limit", () => {
		expect(loginErrorMessage(answer(429, 'Too Many Requests.'))).toBe('登录尝试过于频繁（同一网络每分钟最多 10 次），请 1 分钟后再试。');
	});

	it("shows the server's own lockout answer as it says it", () => {
		expect(loginErrorMessage(answer(429, '连续 5 次错误，账号已锁定，请 15 分钟后再试.'))).toBe(
			'连续 5 次错误，账号已锁定，请 15 分钟后再试'
		);
	});
});
