import { afterEach, describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, chinaDateTime, chinaDay, dayOf, daysBetween } from './dates';

describe('chinaDay', () => {
	it('switches day at midnight China time (16:00 UTC)', () => {
		expect(chinaDay(new Date('2026-06-28T16:30:00Z'))).toBe('2026-06-29');
		expect(chinaDay(new Date('2026-06-28T16:00:00Z'))).toBe('2026-06-29');
		expect(chinaDay(new Date('2026-06-28T15:59:59.999Z'))).toBe('2026-06-28');
		expect(chinaDay(new Date('2026-06-28T00:00:00Z'))).toBe('2026-06-28');
	});
	it('agrees with instants written in +08:00', () => {
		expect(chinaDay(new Date('2023-06-29T23:59:59+08:00'))).toBe('2023-06-29');
		expect(chinaDay(new Date('2023-06-30T00:00:00+08:00'))).toBe('2023-06-30');
	});
	it('rolls over months and years', () => {
		expect(chinaDay(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
		expect(chinaDay(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
		expect(chinaDay(new Date('2023-02-28T16:00:00Z'))).toBe('2023-03-01');
	});

	describe('whatever the process time zone', () => {
		const tz = process.env.TZ;
		afterEach(() => {
			if (tz === undefined) delete process.env.TZ;
			else process.env.TZ = tz;
		});
		it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Shanghai'])('%s', (zone) => {
			process.env.TZ = zone;
			expect(chinaDay(new Date('2026-06-28T16:30:00Z'))).toBe('2026-06-29');
			expect(chinaDay(new Date('2026-06-28T15:30:00Z'))).toBe('2026-06-28');
			expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
			expect(addDays('2024-03-10', 1)).toBe('2024-03-11');
		});
	});
});

describe('dayOf', () => {
	it('takes the calendar day written in the value', () => {
		expect(dayOf('2023-06-30')).toBe('2023-06-30');
		expect(dayOf('2023-06-30 00:00:00.000Z')).toBe('2023-06-30'); // PocketBase
		expect(dayOf('2023-06-30 12:00:00.000Z')).toBe('2023-06-30');
		expect(dayOf('2023-06-30T00:00:00.000Z')).toBe('2023-06-30'); // ISO
	});
});

describe('addDays', () => {
	it('moves across months, years and leap days', () => {
		expect(addDays('2023-06-30', -1)).toBe('2023-06-29');
		expect(addDays('2023-07-01', -1)).toBe('2023-06-30');
		expect(addDays('2023-01-01', -1)).toBe('2022-12-31');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(addDays('2023-06-30', 0)).toBe('2023-06-30');
		expect(addDays('2023-06-30', 92)).toBe('2023-09-30');
	});
});

describe('daysBetween', () => {
	it('counts calendar days', () => {
		expect(daysBetween('2023-06-29', '2023-06-29')).toBe(0);
		expect(daysBetween('2023-06-27', '2023-06-29')).toBe(2);
		expect(daysBetween('2023-06-29', '2023-06-27')).toBe(-2);
		expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
		expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
		// 29 Mar → 29 Jun: 31 + 30 + 31
		expect(daysBetween('2023-03-29', '2023-06-29')).toBe(92);
	});
});

describe('addYears', () => {
	it('keeps the day', () => {
		expect(addYears('2023-06-30', 3)).toBe('2026-06-30');
		expect(addYears('2023-12-31', 1)).toBe('2024-12-31');
		expect(addYears('2026-06-30', -3)).toBe('2023-06-30');
	});
	it('moves 29 Feb to 28 Feb in a non-leap year', () => {
		expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
		expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
		expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
		expect(addYears('2000-02-29', 100)).toBe('2100-02-28');
		expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
	});
});

describe('chinaDateTime', () => {
	it('shows a PocketBase (UTC) datetime, epoch ms or a Date in China time', () => {
		expect(chinaDateTime('2026-11-27 17:05:09.123Z')).toBe('2026-11-28 01:05');
		expect(chinaDateTime(Date.UTC(2026, 5, 28, 16, 30))).toBe('2026-06-29 00:30');
		expect(chinaDateTime(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01 08:00');
	});
	it('gives an empty text for an empty or unreadable value', () => {
		expect(chinaDateTime('')).toBe('');
		expect(chinaDateTime('not a date')).toBe('');
	});
});

describe('addMonths', () => {
	it('moves by calendar months and falls back to the last day of a shorter month', () => {
		expect(addMonths('2026-06-30', -3)).toBe('2026-03-30');
		expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
		expect(addMonths('2028-05-31', -3)).toBe('2028-02-29');
		expect(addMonths('2026-01-15', -3)).toBe('2025-10-15');
		expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
	});
});
