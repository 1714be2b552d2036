/**
 * Turns PocketBase errors into what the user reads: one Chinese message and
 * per-field messages for the form.
 */
import { ClientResponseError } from 'pocketbase';

/** PocketBase ends every message with an ASCII '.', which looks wrong after Chinese text. */
export function cleanMessage(message: string): string {
	const m = message.trim();
	return /[\u3000-\u9fff\uff00-\uffef]/.test(m) ? m.replace(/\.$/, '') : m;
}

export function isNetworkError(err: unknown): boolean {
	return err instanceof ClientResponseError && err.status === 0 && !err.isAbort;
}

export const hasChinese = (s: unknown): s is string => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);

/** PocketBase's own validation messages are English: said in Chinese by their code. */
const CODE_MESSAGES: Record<string, string> = {
	validation_required: '此项必填',
	validation_nil_or_not_empty_required: '此项必填',
	validation_invalid_email: '邮箱格式不正确',
	validation_invalid_mime_type: '文件类型不支持，请上传 jpg、png 或 pdf',
	validation_file_size_limit: '文件太大，请压缩后重新上传',
	validation_too_many_values: '数量超过上限',
	validation_max_select_constraint: '数量超过上限',
	validation_length_out_of_range: '长度不符合要求',
	validation_length_too_long: '内容太长',
	validation_length_too_short: '内容太短',
	validation_min_text_constraint: '内容太短',
	validation_max_text_constraint: '内容太长',
	validation_invalid_format: '格式不正确',
	validation_match_invalid: '格式不正确',
	validation_missing_rel_records: '所选内容不存在或无权使用',
	validation_invalid_value: '选项无效',
	validation_values_mismatch: '选项无效',
	validation_not_unique: '已被使用'
};

/**
 * field → message of a PocketBase error body (`{message, data: {field: {code, message}}}`):
 * our hooks' Chinese messages as written, PocketBase's own by their code.
 */
export function fieldMessages(body: unknown): Record<string, string> {
	const data = ((body ?? {}) as { data?: Record<string, { code?: string; message?: string } | undefined> }).data ?? {};
	const out: Record<string, string> = {};
	for (const [field, v] of Object.entries(data)) {
		if (!v || typeof v !== 'object') continue;
		out[field] = hasChinese(v.message) ? cleanMessage(v.message) : (CODE_MESSAGES[v.code ?? ''] ?? '填写有误，请检查');
	}
	return out;
}

/** field → message, as PocketBase answers a refused create or update. */
export function fieldErrors(err: unknown): Record<string, string> {
	return err instanceof ClientResponseError ? fieldMessages(err.response) : {};
}

const BY_STATUS: Record<number, string> = {
	0: '网络连接失败，请检查网络后重试',
	401: '登录已过期，请重新登录',
	403: '没有权限进行此操作',
	404: '记录不存在或没有权限查看',
	413: '上传的文件过大',
	429: '尝试次数过多，请稍后再试',
	500: '服务器出错，请稍后再试'
};

/**
 * Logins per network (IP) and minute: PocketBase's rate-limit rule `*:auth` in
 * pb_migrations/1795759000_settings.js. Its window is a minute, so a minute's
 * wait always lets the next attempt through.
 */
export const AUTH_RATE_LIMIT = { maxRequests: 10, minutes: 1 };

/** A login's failure: PocketBase's own 429 says how long to wait (the account lockout answers for itself). */
export function loginErrorMessage(err: unknown): string {
	if (err instanceof ClientResponseError && err.status === 429 && !hasChinese(err.response?.message))
		return `登录尝试过于频繁（同一网络每分钟最多 ${AUTH_RATE_LIMIT.maxRequests} 次），请 ${AUTH_RATE_LIMIT.minutes} 分钟后再试。`;
	return errorMessage(err);
}

/** The one message to show for any failed request. */
export function errorMessage(err: unknown): string {
	if (!(err instanceof ClientResponseError)) return err instanceof Error ? err.message : String(err);
	if (err.status === 0) return BY_STATUS[0];
	if (err.status === 429 && !hasChinese(err.response?.message)) return BY_STATUS[429];
	// Our hooks answer in Chinese; PocketBase's own English answers get a Chinese one.
	const message = err.response?.message;
	if (hasChinese(message)) return cleanMessage(message);
	const fields = Object.values(fieldErrors(err));
	if (fields.length) return fields[0];
	return BY_STATUS[err.status] ?? (err.status >= 500 ? BY_STATUS[500] : '提交的信息有误，请检查后重试');
}
