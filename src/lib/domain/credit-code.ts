/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters
 * from a 31-character alphabet (no I, O, S, V, Z); the 18th is a check
 * character over the first 17.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** 登记管理部门代码: 1 机构编制, 5 民政, 9 工商, Y 其他 … plus A and N. */
const FIRST_CHARS = '123456789ANY';

import { isCreditCodeRegionValid, isCreditCodeTypeValid } from './id-regions';

export type CreditCodeError = 'empty' | 'length' | 'chars' | 'first' | 'type' | 'region' | 'check';

export const CREDIT_CODE_MESSAGES: Record<CreditCodeError, string> = {
	empty: '请输入统一社会信用代码',
	length: '统一社会信用代码应为18位',
	chars: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
	first: '统一社会信用代码第1位（登记管理部门代码）不正确',
	type: '统一社会信用代码第2位（机构类别代码）与第1位不相符，请核对后重新输入',
	region: '统一社会信用代码第3–8位（登记机关行政区划码）不正确，请核对后重新输入',
	check: '统一社会信用代码校验位不正确，请核对后重新输入'
};

export function normalizeCreditCode(value: string): string {
	return value.replace(/\s+/g, '').toUpperCase();
}

export function creditCodeCheckChar(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
	const check = 31 - (sum % 31);
	// A check value of 31 is written '0'.
	return USCC_ALPHABET[check === 31 ? 0 : check];
}

export function checkCreditCode(raw: string): CreditCodeError | null {
	const value = normalizeCreditCode(raw);
	if (!value) return 'empty';
	if (value.length !== 18) return 'length';
	for (const ch of value) if (!USCC_ALPHABET.includes(ch)) return 'chars';
	if (!FIRST_CHARS.includes(value[0])) return 'first';
	if (!isCreditCodeTypeValid(value)) return 'type';
	if (!isCreditCodeRegionValid(value)) return 'region';
	if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return 'check';
	return null;
}

export function isValidCreditCode(value: string): boolean {
	return checkCreditCode(value) === null;
}

/** Completes 17 characters with their check character — for synthetic demo data. */
export function makeCreditCode(first17: string): string {
	return first17 + creditCodeCheckChar(first17);
}
