/** Certificate categories, statuses and numbers of 安管人员 certificates. */

export const CATEGORIES = ['A', 'B', 'C1', 'C2', 'C3'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The seed writes a category as "B-项目负责人". */
export const CATEGORY_NAMES: Record<Category, string> = {
	A: '企业主要负责人',
	B: '项目负责人',
	C1: '专职安全生产管理人员（机械类）',
	C2: '专职安全生产管理人员（土建类）',
	C3: '专职安全生产管理人员（综合类）'
};

export function categoryLabel(category: Category): string {
	return `${category}-${CATEGORY_NAMES[category]}`;
}

export function isCategory(value: unknown): value is Category {
	return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export const CERT_STATUSES = ['有效', '失效', '注销'] as const;
export type CertStatus = (typeof CERT_STATUSES)[number];

export const VALIDITY_YEARS = 3;

/** 云建安B（2023）0000123: province prefix, category, (year) in full-width brackets, 7-digit serial. */
export const CERT_NO_PREFIX = '云建安';
const CERT_NO_PATTERN = /^云建安(A|B|C1|C2|C3)（(\d{4})）(\d{7})$/;

export interface CertNo {
	category: Category;
	year: number;
	serial: number;
}

export function formatCertNo({ category, year, serial }: CertNo): string {
	if (!isCategory(category)) throw new Error(`unknown category ${category}`);
	if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`bad year ${year}`);
	if (!Number.isInteger(serial) || serial < 1 || serial > 9_999_999) throw new Error(`bad serial ${serial}`);
	return `${CERT_NO_PREFIX}${category}（${year}）${String(serial).padStart(7, '0')}`;
}

/** Accepts ASCII brackets too, since people type them; returns null when not a certificate number. */
export function parseCertNo(raw: string): CertNo | null {
	const value = raw.trim().replace(/\(/g, '（').replace(/\)/g, '）');
	const m = CERT_NO_PATTERN.exec(value);
	if (!m) return null;
	const year = Number(m[2]);
	const serial = Number(m[3]);
	// The same bounds formatCertNo enforces.
	if (serial < 1 || year < 1000) return null;
	return { category: m[1] as Category, year, serial };
}

/** E-certificate verify codes: no 0/O, 1/I look-alikes, so they can be typed from a print-out. */
export const VERIFY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const VERIFY_CODE_LENGTH = 12;

export function isValidCertNo(value: string): boolean {
	return parseCertNo(value) !== null;
}
