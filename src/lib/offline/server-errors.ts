/**
 * A server refusal in words the applicant understands, with field errors
 * keyed by field name so the form can show them beside the right input.
 * Hook errors are already Chinese; PocketBase's own validation messages are
 * English and are translated by their code.
 */
import type { ServerRefusal } from './db';

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

const STATUS_MESSAGES: Record<number, string> = {
	400: '提交未被受理，请按提示修改后重新提交。',
	403: '没有权限提交（如尚未修改默认密码，请先修改密码）。',
	404: '要修改的记录不存在或已不能修改。',
	409: '记录已被他人修改，请刷新后重新提交。',
	413: '附件总大小超过服务器限制，请删除或压缩部分附件后重新提交。',
	422: '提交的内容不符合要求，请修改后重新提交。'
};

const hasChinese = (s: unknown): s is string => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);

interface PbErrorBody {
	message?: string;
	data?: Record<string, { code?: string; message?: string } | undefined>;
}

export function refusalFrom(status: number, body: unknown): ServerRefusal {
	const b = (body ?? {}) as PbErrorBody;
	const fields: Record<string, string> = {};
	for (const [field, err] of Object.entries(b.data ?? {})) {
		if (!err || typeof err !== 'object') continue;
		fields[field] = hasChinese(err.message) ? err.message : (CODE_MESSAGES[err.code ?? ''] ?? '填写有误，请检查');
	}
	const message = hasChinese(b.message)
		? b.message
		: (STATUS_MESSAGES[status] ?? `服务器拒绝了提交（${status}），请检查后重新提交。`);
	return { message, fields };
}

/** 400 answers that carry no field errors are PocketBase's rule failures: often a dead session. */
export function isBareRuleFailure(status: number, body: unknown): boolean {
	const b = (body ?? {}) as PbErrorBody;
	const noFields = !b.data || Object.keys(b.data).length === 0;
	return status === 403 || ((status === 400 || status === 404) && noFields && !hasChinese(b.message));
}
