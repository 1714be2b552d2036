/**
 * A server refusal in words the applicant understands, with field errors
 * keyed by field name so the form can show them beside the right input.
 * The field messages are read as everywhere else ($lib/api/errors); the
 * overall message speaks of a submission.
 */
import { cleanMessage, fieldMessages, hasChinese } from '$lib/api/errors';
import type { ServerRefusal } from './db';

const STATUS_MESSAGES: Record<number, string> = {
	400: '提交未被受理，请按提示修改后重新提交。',
	403: '没有权限提交（如尚未修改默认密码，请先修改密码）。',
	404: '要修改的记录不存在或已不能修改。',
	409: '记录已被他人修改，请刷新后重新提交。',
	413: '附件总大小超过服务器限制，请删除或压缩部分附件后重新提交。',
	422: '提交的内容不符合要求，请修改后重新提交。'
};

interface PbErrorBody {
	message?: string;
	data?: Record<string, { code?: string; message?: string } | undefined>;
}

export function refusalFrom(status: number, body: unknown): ServerRefusal {
	const b = (body ?? {}) as PbErrorBody;
	const message = hasChinese(b.message)
		? cleanMessage(b.message)
		: (STATUS_MESSAGES[status] ?? `服务器拒绝了提交（${status}），请检查后重新提交。`);
	return { message, fields: fieldMessages(body) };
}

/** 400 answers that carry no field errors are PocketBase's rule failures: often a dead session. */
export function isBareRuleFailure(status: number, body: unknown): boolean {
	const b = (body ?? {}) as PbErrorBody;
	const noFields = !b.data || Object.keys(b.data).length === 0;
	return status === 403 || ((status === 400 || status === 404) && noFields && !hasChinese(b.message));
}
