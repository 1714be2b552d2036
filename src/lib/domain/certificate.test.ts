import { describe, expect, it } from 'vitest';
import {
	CATEGORIES,
	CATEGORY_NAMES,
	categoryLabel,
	CERT_NO_PREFIX,
	CERT_STATUSES,
	formatCertNo,
	isCategory,
	isValidCertNo,
	parseCertNo,
	VALIDITY_YEARS,
	type Category,
	type CertNo
} from './certificate';

describe('categories', () => {
	it('are A, B, C1, C2, C3 with the seed’s labels', () => {
		expect([...CATEGORIES]).toEqual(['A', 'B', 'C1', 'C2', 'C3']);
		expect(categoryLabel('A')).toBe('A-企业主要负责人');
		expect(categoryLabel('B')).toBe('B-项目负责人');
		expect(categoryLabel('C1')).toBe('C1-专职安全生产管理人员（机械类）');
		expect(categoryLabel('C2')).toBe('C2-专职安全生产管理人员（土建类）');
		expect(categoryLabel('C3')).toBe('C3-专职安全生产管理人员（综合类）');
		expect(Object.keys(CATEGORY_NAMES).sort()).toEqual(['A', 'B', 'C1', 'C2', 'C3']);
	});
	it('isCategory accepts only the five codes', () => {
		for (const c of ['A', 'B', 'C1', 'C2', 'C3']) expect(isCategory(c)).toBe(true);
		for (const c of ['C', 'C4', 'D', 'b', 'c1', '', ' A', 'B-项目负责人', null, undefined, 1]) expect(isCategory(c)).toBe(false);
	});
	it('statuses and validity', () => {
		expect([...CERT_STATUSES]).toEqual(['有效', '失效', '注销']);
		expect(VALIDITY_YEARS).toBe(3);
		expect(CERT_NO_PREFIX).toBe('云建安');
	});
});

describe('formatCertNo', () => {
	it('writes the seed’s format with full-width brackets and a 7-digit serial', () => {
		expect(formatCertNo({ category: 'B', year: 2023, serial: 123 })).toBe('云建安B（2023）0000123');
		expect(formatCertNo({ category: 'A', year: 2019, serial: 1 })).toBe('云建安A（2019）0000001');
		expect(formatCertNo({ category: 'C3', year: 2026, serial: 9_999_999 })).toBe('云建安C3（2026）9999999');
		expect(formatCertNo({ category: 'C1', year: 2024, serial: 1_234_567 })).toBe('云建安C1（2024）1234567');
	});
	it('refuses a bad category, year or serial', () => {
		const ok: CertNo = { category: 'B', year: 2023, serial: 123 };
		expect(() => formatCertNo({ ...ok, category: 'D' as Category })).toThrow(/category/);
		expect(() => formatCertNo({ ...ok, category: 'C4' as Category })).toThrow(/category/);
		expect(() => formatCertNo({ ...ok, year: 999 })).toThrow(/year/);
		expect(() => formatCertNo({ ...ok, year: 10_000 })).toThrow(/year/);
		expect(() => formatCertNo({ ...ok, year: 2023.5 })).toThrow(/year/);
		expect(() => formatCertNo({ ...ok, year: Number.NaN })).toThrow(/year/);
		expect(() => formatCertNo({ ...ok, serial: 0 })).toThrow(/serial/);
		expect(() => formatCertNo({ ...ok, serial: -1 })).toThrow(/serial/);
		expect(() => formatCertNo({ ...ok, serial: 10_000_000 })).toThrow(/serial/);
		expect(() => formatCertNo({ ...ok, serial: 1.5 })).toThrow(/serial/);
	});
});

describe('parseCertNo', () => {
	it('reads the seed’s example', () => {
		expect(parseCertNo('云建安B（2023）0000123')).toEqual({ category: 'B', year: 2023, serial: 123 });
	});

	it('round-trips every category', () => {
		for (const category of CATEGORIES)
			for (const [year, serial] of [
				[2015, 1],
				[2023, 123],
				[2026, 4_560_001],
				[2030, 9_999_999]
			]) {
				const no = formatCertNo({ category, year, serial });
				expect(parseCertNo(no)).toEqual({ category, year, serial });
				expect(isValidCertNo(no)).toBe(true);
			}
	});

	it('accepts ASCII brackets and surrounding spaces', () => {
		const expected = { category: 'C2', year: 2022, serial: 42 };
		expect(parseCertNo('云建安C2(2022)0000042')).toEqual(expected);
		expect(parseCertNo('云建安C2（2022)0000042')).toEqual(expected);
		expect(parseCertNo('  云建安C2(2022)0000042\n')).toEqual(expected);
	});

	it('refuses a bad category', () => {
		expect(parseCertNo('云建安D（2023）0000123')).toBeNull();
		expect(parseCertNo('云建安C（2023）0000123')).toBeNull();
		expect(parseCertNo('云建安C4（2023）0000123')).toBeNull();
		expect(parseCertNo('云建安b（2023）0000123')).toBeNull();
		expect(parseCertNo('云建安（2023）0000123')).toBeNull();
	});

	it('refuses a bad serial', () => {
		expect(parseCertNo('云建安B（2023）0000000')).toBeNull(); // serial 0
		expect(parseCertNo('云建安B（2023）00001234')).toBeNull(); // 8 digits
		expect(parseCertNo('云建安B（2023）000123')).toBeNull(); // 6 digits
		expect(parseCertNo('云建安B（2023）000012A')).toBeNull();
		expect(parseCertNo('云建安B（2023）')).toBeNull();
	});

	it('refuses a bad year', () => {
		expect(parseCertNo('云建安B（202）0000123')).toBeNull();
		expect(parseCertNo('云建安B（20233）0000123')).toBeNull();
		expect(parseCertNo('云建安B（二〇二三）0000123')).toBeNull();
		expect(parseCertNo('云建安B0000123')).toBeNull();
		expect(parseCertNo('云建安B2023 0000123')).toBeNull();
		// formatCertNo refuses years before 1000, so parsing must not produce one
		expect(parseCertNo('云建安B（0000）0000123')).toBeNull();
		expect(parseCertNo('云建安B（0999）0000123')).toBeNull();
	});

	it('refuses another prefix or extra text', () => {
		expect(parseCertNo('川建安B（2023）0000123')).toBeNull();
		expect(parseCertNo('建安B（2023）0000123')).toBeNull();
		expect(parseCertNo('云建安B（2023）0000123号')).toBeNull();
		expect(parseCertNo('证书云建安B（2023）0000123')).toBeNull();
		expect(parseCertNo('')).toBeNull();
		expect(isValidCertNo('云建安B（2023）0000000')).toBe(false);
	});
});
