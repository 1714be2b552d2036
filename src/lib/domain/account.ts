/** Logins: who logs in with what, default passwords and the new-password rule. */
import { checkIdNumber, ID_NUMBER_MESSAGES, normalizeIdNumber } from './id-number';
import { checkCreditCode, CREDIT_CODE_MESSAGES, normalizeCreditCode } from './credit-code';

export type AccountKind = 'applicant' | 'enterprise';

export const ACCOUNT_COLLECTIONS: Record<AccountKind, 'applicants' | 'enterprises'> = {
	applicant: 'applicants',
	enterprise: 'enterprises'
};

export const IDENTITY_LABELS: Record<AccountKind, string> = {
	applicant: '身份证号',
	enterprise: '统一社会信用代码'
};

export function normalizeIdentity(kind: AccountKind, value: string): string {
	return kind === 'applicant' ? normalizeIdNumber(value) : normalizeCreditCode(value);
}

/** Chinese message for a malformed identity, or null when well-formed. */
export function identityError(kind: AccountKind, value: string): string | null {
	if (kind === 'applicant') {
		const e = checkIdNumber(value);
		return e && ID_NUMBER_MESSAGES[e];
	}
	const e = checkCreditCode(value);
	return e && CREDIT_CODE_MESSAGES[e];
}

/** The seed: 默认密码为身份证（统一社会信用代码）后六位. */
export function defaultPassword(identity: string): string {
	return identity.slice(-6);
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 72;

/** Chinese message when a new password is not acceptable, else null. */
export function newPasswordError(password: string, identity: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH) return `新密码至少 ${PASSWORD_MIN_LENGTH} 位`;
	if (password.length > PASSWORD_MAX_LENGTH) return `新密码最多 ${PASSWORD_MAX_LENGTH} 位`;
	if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '新密码须同时包含字母和数字';
	const id = identity.toUpperCase();
	if (id && (password.toUpperCase() === defaultPassword(id) || id.includes(password.toUpperCase())))
		return '新密码不能与默认密码或证件号码相同';
	return null;
}
