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

/** field → message, as PocketBase answers a refused create or update. */
export function fieldErrors(err: unknown): Record<string, string> {
	if (!(err instanceof ClientResponseError)) return {};
	const data = (err.response?.data ?? {}) as Record<string, { message?: string }>;
	const out: Record<string, string> = {};
	for (const [field, v] of Object.entries(data)) if (v?.message) out[field] = cleanMessage(v.message);
	return out;
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

/** The one message to show for any failed request. */
export function errorMessage(err: unknown): string {
	if (!(err instanceof ClientResponseError)) return err instanceof Error ? err.message : String(err);
	if (err.status === 0) return BY_STATUS[0];
	if (err.status === 429) return BY_STATUS[429];
	const message = cleanMessage(String(err.response?.message ?? ''));
	// Our hooks answer in Chinese; PocketBase's own English answers get a generic Chinese one.
	if (/[\u4e00-\u9fff]/.test(message)) return message;
	const fields = Object.values(fieldErrors(err));
	if (fields.length && /[\u4e00-\u9fff]/.test(fields[0])) return fields[0];
	return BY_STATUS[err.status] ?? (err.status >= 500 ? BY_STATUS[500] : '提交的信息有误，请检查后重试');
}
