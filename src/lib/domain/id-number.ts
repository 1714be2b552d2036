/**
 * Resident identity card number (GB 11643-1999): 6-digit region, 8-digit
 * birth date, 3-digit sequence (odd = male), 1 check character.
 */
import { chinaDay } from './dates';
import { isIdRegionValid } from './id-regions';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberError = 'empty' | 'length' | 'chars' | 'region' | 'date' | 'check';

export const ID_NUMBER_MESSAGES: Record<IdNumberError, string> = {
	empty: '请输入身份证号',
	length: '身份证号应为18位',
	chars: '身份证号前17位应为数字，最后一位为数字或X',
	region: '身份证号前两位（省份代码）不正确，请核对后重新输入',
	date: '身份证号中的出生日期不正确',
	check: '身份证号校验位不正确，请核对后重新输入'
};

/** Upper-cases a trailing x and drops spaces people paste in. */
export function normalizeIdNumber(value: string): string {
	return value.replace(/\s+/g, '').toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
	return CHECK_CHARS[sum % 11];
}

export function isRealDate(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1) return false;
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Returns why the value is not a valid ID number, or null when it is. */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberError | null {
	const value = normalizeIdNumber(raw);
	if (!value) return 'empty';
	if (value.length !== 18) return 'length';
	if (!/^\d{17}[\dX]$/.test(value)) return 'chars';
	if (!isIdRegionValid(value)) return 'region';
	const y = Number(value.slice(6, 10));
	const m = Number(value.slice(10, 12));
	const d = Number(value.slice(12, 14));
	// A birth date after today's calendar day in China is in the future.
	if (y < 1900 || !isRealDate(y, m, d) || value.slice(6, 14) > chinaDay(today).replace(/-/g, '')) return 'date';
	if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return 'check';
	return null;
}

export function isValidIdNumber(value: string): boolean {
	return checkIdNumber(value) === null;
}

/** 性别 as the ID number states it (GB 11643: an odd sequence number is 男). */
export const GENDERS = ['男', '女'] as const;

export function genderFromIdNumber(value: string): (typeof GENDERS)[number] {
	return Number(normalizeIdNumber(value)[16]) % 2 === 1 ? '男' : '女';
}

export function birthDateFromIdNumber(value: string): string {
	const v = normalizeIdNumber(value);
	return `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
}

/** Keeps the region's first 3 and the last 4 characters: 530***********123X. */
export function maskIdNumber(value: string): string {
	const v = normalizeIdNumber(value);
	if (v.length < 8) return '*'.repeat(v.length);
	return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
}

/** Builds a valid number from region, birth date (YYYYMMDD) and sequence — for synthetic demo data. */
export function makeIdNumber(region: string, birth: string, sequence: number): string {
	const first17 = region + birth + String(sequence).padStart(3, '0');
	return first17 + idNumberCheckChar(first17);
}
