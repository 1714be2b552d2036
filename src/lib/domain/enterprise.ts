/**
 * Enterprise data: contact details (changed directly) and 企业名称修改 /
 * 企业资质修改 requests (reviewed). The form and the hooks both use these.
 */
import { checkCreditCode, CREDIT_CODE_MESSAGES, normalizeCreditCode } from './credit-code';
import { YUNNAN_CITIES } from './regions';
import { scanFilesError, type AttachmentFile } from './application';
import { textHygieneError } from './text-hygiene';
import { normalizePhone } from './phone';

export const REGISTRATION_FIELDS = ['uscc', 'name', 'legalRep', 'regCity', 'address'] as const;
export const QUALIFICATION_FIELDS = ['qualCategory', 'qualLevel', 'qualCertNo', 'qualIssuer'] as const;
export const ENTERPRISE_CHANGE_TEXT_FIELDS = [...REGISTRATION_FIELDS, ...QUALIFICATION_FIELDS] as const;
export const ENTERPRISE_CHANGE_FILE_FIELDS = ['license', 'qualScan'] as const;

export type EnterpriseChangeKind = '企业名称修改' | '企业资质修改';

/** Requested values; empty = unchanged. */
export type EnterpriseChangeInput = Partial<Record<(typeof ENTERPRISE_CHANGE_TEXT_FIELDS)[number], string>> & {
	license?: readonly AttachmentFile[];
	qualScan?: readonly AttachmentFile[];
};

/** maxFiles matches the file fields' maxSelect in pb_migrations. */
const SCANS = { license: { label: '信用代码证件', maxFiles: 1 }, qualScan: { label: '资质证件', maxFiles: 5 } } as const;

export const ENTERPRISE_MESSAGES = {
	nothing: '请填写至少一项修改内容',
	regCity: '请从列表中选择工商注册所在地',
	tooLong: '内容过长，请精简到 100 字以内',
	license: '修改企业登记信息须上传修改后的信用代码证件（营业执照）',
	qualScan: '修改企业资质信息须上传修改后的资质证件',
	phone: '请输入正确的手机号或固定电话，如 13800000000 或 0871-65177922',
	email: '请输入正确的邮箱地址',
	contactName: '请输入联系人姓名'
} as const;

const filled = (v: string | undefined) => !!v && v.trim() !== '';

export function enterpriseChangeKinds(input: EnterpriseChangeInput): EnterpriseChangeKind[] {
	const kinds: EnterpriseChangeKind[] = [];
	if (REGISTRATION_FIELDS.some((f) => filled(input[f])) || input.license?.length) kinds.push('企业名称修改');
	if (QUALIFICATION_FIELDS.some((f) => filled(input[f])) || input.qualScan?.length) kinds.push('企业资质修改');
	return kinds;
}

/** field → Chinese message; empty when the request may be submitted. */
export function validateEnterpriseChange(input: EnterpriseChangeInput): Record<string, string> {
	const errors: Record<string, string> = {};
	const kinds = enterpriseChangeKinds(input);
	if (!kinds.length) return { kind: ENTERPRISE_MESSAGES.nothing };
	if (filled(input.uscc)) {
		const err = checkCreditCode(normalizeCreditCode(input.uscc!));
		if (err) errors.uscc = CREDIT_CODE_MESSAGES[err];
	}
	if (filled(input.regCity) && !(YUNNAN_CITIES as readonly string[]).includes(input.regCity!)) errors.regCity = ENTERPRISE_MESSAGES.regCity;
	for (const f of ENTERPRISE_CHANGE_TEXT_FIELDS) if ((input[f]?.trim().length ?? 0) > 100) errors[f] = ENTERPRISE_MESSAGES.tooLong;
	for (const f of ENTERPRISE_CHANGE_TEXT_FIELDS) {
		const message = textHygieneError(input[f]);
		if (message) errors[f] = message;
	}
	const registrationText = REGISTRATION_FIELDS.some((f) => filled(input[f]));
	const qualificationText = QUALIFICATION_FIELDS.some((f) => filled(input[f]));
	if (registrationText && !input.license?.length) errors.license = ENTERPRISE_MESSAGES.license;
	if (qualificationText && !input.qualScan?.length) errors.qualScan = ENTERPRISE_MESSAGES.qualScan;
	for (const field of ENTERPRISE_CHANGE_FILE_FIELDS) {
		const message = scanFilesError(SCANS[field].label, SCANS[field].maxFiles, input[field] ?? []);
		if (message) errors[field] = message;
	}
	return errors;
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

export function validateContact(input: ContactInput): Record<string, string> {
	const errors: Record<string, string> = {};
	if (input.contactName !== undefined && !filled(input.contactName)) errors.contactName = ENTERPRISE_MESSAGES.contactName;
	if (filled(input.contactPhone) && !isPhoneNumber(normalizePhone(input.contactPhone!))) errors.contactPhone = ENTERPRISE_MESSAGES.phone;
	if (filled(input.contactEmail) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.contactEmail!.trim())) errors.contactEmail = ENTERPRISE_MESSAGES.email;
	for (const f of ['contactName', 'contactPhone', 'contactEmail'] as const) {
		const message = textHygieneError(input[f]);
		if (message) errors[f] = message;
	}
	return errors;
}
