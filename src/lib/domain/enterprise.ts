/**
 * Enterprise data: contact details (changed directly) and 企业名称修改 /
 * 企业资质修改 requests (reviewed). The form and the hooks both use these.
 */
import { checkCreditCode, CREDIT_CODE_MESSAGES, normalizeCreditCode } from './credit-code';
import { QUALIFICATION_CATEGORIES, QUALIFICATION_LEVELS, YUNNAN_CITIES } from './regions';
import { scanListSchema, type AttachmentFile } from './application';
import * as z from 'zod/mini';
import { cached, messagesByField, rule, text } from './rules';
import { ENTERPRISE_CHANGE_OPEN_STATUSES, OWNER_EDITABLE, REVIEW_MESSAGES } from './review';
import { normalizePhone } from './phone';

export const REGISTRATION_FIELDS = ['uscc', 'name', 'legalRep', 'regCity', 'address'] as const;
export const QUALIFICATION_FIELDS = ['qualCategory', 'qualLevel', 'qualCertNo', 'qualIssuer'] as const;
export const ENTERPRISE_CHANGE_TEXT_FIELDS = [...REGISTRATION_FIELDS, ...QUALIFICATION_FIELDS] as const;
export const ENTERPRISE_CHANGE_FILE_FIELDS = ['license', 'qualScan'] as const;

export const ENTERPRISE_CHANGE_KINDS = ['企业名称修改', '企业资质修改'] as const;
export type EnterpriseChangeKind = (typeof ENTERPRISE_CHANGE_KINDS)[number];

/** Requested values; empty = unchanged. */
export type EnterpriseChangeInput = Partial<Record<(typeof ENTERPRISE_CHANGE_TEXT_FIELDS)[number], string>> & {
	license?: readonly AttachmentFile[];
	qualScan?: readonly AttachmentFile[];
};

/** The two scans of an enterprise request; maxFiles is the file fields' maxSelect (the schema contract test holds them together). */
export const ENTERPRISE_SCAN_SPECS = {
	license: { label: '信用代码证件', hint: '营业执照（信用代码证件）的照片或扫描件', maxFiles: 1 },
	qualScan: { label: '资质证件', hint: '资质证书的照片或扫描件（可上传多页）', maxFiles: 5 }
} as const;
export type EnterpriseScanField = keyof typeof ENTERPRISE_SCAN_SPECS;

/** Longest value of a requested text field. */
export const ENTERPRISE_TEXT_MAX = 100;

export const ENTERPRISE_MESSAGES = {
	nothing: '请填写至少一项修改内容',
	regCity: '请从列表中选择工商注册所在地',
	qualCategory: '请从列表中选择企业资质类别',
	qualLevel: '请从列表中选择企业资质等级',
	tooLong: `内容过长，请精简到 ${ENTERPRISE_TEXT_MAX} 字以内`,
	license: '修改企业登记信息须上传修改后的信用代码证件（营业执照）',
	qualScan: '修改企业资质信息须上传修改后的资质证件',
	phone: '请输入正确的手机号或固定电话，如 13800000000 或 0871-65177922',
	email: '请输入正确的邮箱地址',
	contactName: '请输入联系人姓名'
} as const;

/** What the hooks answer about 企业名称修改 / 企业资质修改 requests beyond their content (pb_hooks/lib/enterprise-changes.js). */
export const ENTERPRISE_CHANGE_MESSAGES = {
	usccTaken: '该统一社会信用代码已被其他企业使用，请核对',
	alreadyOpen: '已有一份企业信息修改申请在办理中，审核结束后再提交',
	immutable: '修改申请不能转给其他企业',
	reviewerContent: '审核人员不能修改企业提交的内容；如需补充，请审核不通过并写明原因',
	submittedLocked: REVIEW_MESSAGES.submittedLocked,
	decidedLocked: REVIEW_MESSAGES.decidedLocked,
	usccConflict: '该统一社会信用代码已被其他企业使用，不能审核通过；请核实后选择“审核不通过”并写明原因'
} as const;

const filled = (v: string | undefined) => !!v && v.trim() !== '';

export function enterpriseChangeKinds(input: EnterpriseChangeInput): EnterpriseChangeKind[] {
	const kinds: EnterpriseChangeKind[] = [];
	if (REGISTRATION_FIELDS.some((f) => filled(input[f])) || input.license?.length) kinds.push('企业名称修改');
	if (QUALIFICATION_FIELDS.some((f) => filled(input[f])) || input.qualScan?.length) kinds.push('企业资质修改');
	return kinds;
}

/**
 * An enterprise's requests, newest first: whether one still waits for a
 * reviewer (no new one may start), and the newest when it was refused or
 * withdrawn — that one is corrected and sent again rather than retyped.
 */
export function enterpriseChangeState<T extends { status: string }>(changes: readonly T[]): { open: boolean; reopenable: T | null } {
	const open = changes.some((c) => (ENTERPRISE_CHANGE_OPEN_STATUSES as readonly string[]).includes(c.status));
	const newest = changes[0];
	return { open, reopenable: newest && (OWNER_EDITABLE as readonly string[]).includes(newest.status) ? newest : null };
}

const oneOf = (list: readonly string[], message: string) => rule<string>((v) => (v && !list.includes(v) ? message : null));

/**
 * The input rules of one request: a new licence is required when the
 * registration changes, a new qualification certificate when the
 * qualification does.
 */
export const enterpriseChangeSchema = cached((registration: boolean, qualification: boolean) => {
	const M = ENTERPRISE_MESSAGES;
	const field = (...checks: z.core.$ZodCheck<string>[]) =>
		z.optional(text(M.tooLong, z.maxLength(ENTERPRISE_TEXT_MAX, M.tooLong), ...checks));
	return z.object({
		uscc: field(
			rule((v) => {
				const e = v ? checkCreditCode(normalizeCreditCode(v)) : null;
				return e && CREDIT_CODE_MESSAGES[e];
			})
		),
		name: field(),
		legalRep: field(),
		regCity: field(oneOf(YUNNAN_CITIES, M.regCity)),
		address: field(),
		qualCategory: field(oneOf(QUALIFICATION_CATEGORIES, M.qualCategory)),
		qualLevel: field(oneOf(QUALIFICATION_LEVELS, M.qualLevel)),
		qualCertNo: field(),
		qualIssuer: field(),
		license: scanListSchema(ENTERPRISE_SCAN_SPECS.license.label, ENTERPRISE_SCAN_SPECS.license.maxFiles, registration ? M.license : ''),
		qualScan: scanListSchema(ENTERPRISE_SCAN_SPECS.qualScan.label, ENTERPRISE_SCAN_SPECS.qualScan.maxFiles, qualification ? M.qualScan : '')
	});
});

/** field → Chinese message; empty when the request may be submitted. */
export function validateEnterpriseChange(input: EnterpriseChangeInput): Record<string, string> {
	if (!enterpriseChangeKinds(input).length) return { kind: ENTERPRISE_MESSAGES.nothing };
	const registration = REGISTRATION_FIELDS.some((f) => filled(input[f]));
	const qualification = QUALIFICATION_FIELDS.some((f) => filled(input[f]));
	return messagesByField(enterpriseChangeSchema(registration, qualification), {
		...input,
		license: input.license ?? [],
		qualScan: input.qualScan ?? []
	});
}

export interface ContactInput {
	contactName?: string;
	contactPhone?: string;
	contactEmail?: string;
}

/** Mainland mobile numbers, or landlines with an area code (0871-65177922). */
export function isPhoneNumber(value: string): boolean {
	return /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/.test(value.trim());
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** 联系方式: a contact name when given at all, a real phone number and email when filled in. */
export const contactSchema = cached(() => {
	const M = ENTERPRISE_MESSAGES;
	return z.object({
		contactName: z.optional(text(M.contactName, z.minLength(1, M.contactName))),
		contactPhone: z.optional(
			text(
				M.phone,
				rule((v) => (v && !isPhoneNumber(normalizePhone(v)) ? M.phone : null))
			)
		),
		contactEmail: z.optional(
			text(
				M.email,
				rule((v) => (v && !EMAIL_PATTERN.test(v) ? M.email : null))
			)
		)
	});
});

export function validateContact(input: ContactInput): Record<string, string> {
	return messagesByField(contactSchema(), input);
}
