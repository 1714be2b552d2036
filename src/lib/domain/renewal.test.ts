import { describe, expect, it } from 'vitest';
import {
	canRenew,
	isPastValidity,
	lateRenewalMessage,
	RENEWAL_PENDING_STATUSES,
	RENEWAL_WINDOW_MONTHS,
	renewalCountdownText,
	renewalDaysLeft,
	renewalDeadline,
	renewalError,
	renewalPhase,
	renewalWindowOpen,
	renewalWindowStart,
	renewedValidUntil,
	shouldLapse
} from './renewal';

describe('renewal', () => {
	const cert = { status: '有效', validUntil: '2023-06-30 00:00:00.000Z' };
	it('may be applied for until D − 1 (China time)', () => {
		expect(canRenew(cert.validUntil, new Date('2023-06-29T23:59:00+08:00'))).toBe(true);
		expect(canRenew(cert.validUntil, new Date('2023-06-30T00:00:00+08:00'))).toBe(false);
		expect(renewalDaysLeft(cert.validUntil, new Date('2023-06-27T12:00:00+08:00'))).toBe(2);
	});
	it('lapses after D unless a renewal is pending', () => {
		const after = new Date('2023-07-01T00:10:00+08:00');
		expect(shouldLapse(cert, false, new Date('2023-06-30T23:00:00+08:00'))).toBe(false);
		expect(shouldLapse(cert, false, after)).toBe(true);
		expect(shouldLapse(cert, true, after)).toBe(false);
		expect(shouldLapse({ ...cert, status: '注销' }, false, after)).toBe(false);
	});
	it('extends by three years', () => {
		expect(renewedValidUntil('2023-06-30 00:00:00.000Z')).toBe('2026-06-30');
		expect(renewedValidUntil('2024-02-29')).toBe('2027-02-28');
	});
});

/** An instant given as China wall-clock time. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('renewal deadline (the seed: valid until 6/30 → apply by 6/29)', () => {
	it('is the day before the end of validity', () => {
		expect(renewalDeadline('2023-06-30')).toBe('2023-06-29');
		expect(renewalDeadline('2023-06-30 00:00:00.000Z')).toBe('2023-06-29');
		expect(renewalDeadline('2023-06-30T00:00:00.000Z')).toBe('2023-06-29');
		expect(renewalDeadline('2024-03-01')).toBe('2024-02-29');
		expect(renewalDeadline('2023-03-01')).toBe('2023-02-28');
		expect(renewalDeadline('2024-01-01')).toBe('2023-12-31');
	});

	it('canRenew until 23:59 China time on the deadline', () => {
		for (const v of ['2023-06-30', '2023-06-30 00:00:00.000Z']) {
			expect(canRenew(v, cst('2023-06-29T23:59:59'))).toBe(true);
			expect(canRenew(v, cst('2023-06-29T00:00:00'))).toBe(true);
			expect(canRenew(v, cst('2023-03-30T08:00:00'))).toBe(true);
			expect(canRenew(v, cst('2023-06-30T00:00:00'))).toBe(false);
			expect(canRenew(v, cst('2023-07-15T12:00:00'))).toBe(false);
		}
	});

	it('uses China time, not UTC', () => {
		// 2023-06-29T16:30Z is 2023-06-30 00:30 in China: too late although it is still 29 June in UTC.
		expect(canRenew('2023-06-30', new Date('2023-06-29T16:30:00Z'))).toBe(false);
		expect(canRenew('2023-06-30', new Date('2023-06-29T15:59:59Z'))).toBe(true);
		expect(renewalDaysLeft('2023-06-30', new Date('2023-06-29T16:30:00Z'))).toBe(-1);
	});

	it('renewalDaysLeft counts to the deadline', () => {
		expect(renewalDaysLeft('2023-06-30', cst('2023-06-29T23:59:00'))).toBe(0);
		expect(renewalDaysLeft('2023-06-30', cst('2023-06-28T09:00:00'))).toBe(1);
		expect(renewalDaysLeft('2023-06-30', cst('2023-06-30T00:00:00'))).toBe(-1);
		expect(renewalDaysLeft('2023-06-30', cst('2023-07-10T00:00:00'))).toBe(-11);
		// 1 Jun → 29 Jun
		expect(renewalDaysLeft('2023-06-30 00:00:00.000Z', cst('2023-06-01T12:00:00'))).toBe(28);
		// 30 Jun 2022 → 29 Jun 2023
		expect(renewalDaysLeft('2023-06-30', cst('2022-06-30T12:00:00'))).toBe(364);
	});
});

describe('renewal window', () => {
	it('opens three calendar months before the expiry day', () => {
		expect(RENEWAL_WINDOW_MONTHS).toBe(3);
		expect(renewalWindowStart('2023-06-30 00:00:00.000Z')).toBe('2023-03-30');
		// The 31st of a shorter month falls back to its last day.
		expect(renewalWindowStart('2023-05-31')).toBe('2023-02-28');
		expect(renewalWindowOpen('2023-06-30', cst('2023-03-30T00:00:00'))).toBe(true);
		expect(renewalWindowOpen('2023-06-30', cst('2023-03-29T23:59:00'))).toBe(false);
		expect(renewalWindowOpen('2023-06-30', cst('2023-01-01T10:00:00'))).toBe(false);
		expect(renewalWindowOpen('2023-06-30', cst('2021-06-30T10:00:00'))).toBe(false);
	});
	it('is not offered again right after a renewal: the new expiry is three years away', () => {
		const renewed = renewedValidUntil('2023-06-30');
		expect(renewalPhase(renewed, cst('2023-06-15T10:00:00'))).toBe('early');
		expect(canRenew(renewed, cst('2023-06-15T10:00:00'))).toBe(false);
		expect(renewalError(renewed, cst('2023-06-15T10:00:00'))).toBe(
			'证书有效期至 2026-06-30，延续申请可在 2026-03-30 至 2026-06-29 期间提交'
		);
	});
	it('says why a renewal cannot be sent, in each phase', () => {
		expect(renewalError('2023-06-30', cst('2023-05-01T10:00:00'))).toBeNull();
		expect(renewalError('2023-06-30', cst('2023-06-30T10:00:00'))).toBe(lateRenewalMessage('2023-06-30'));
	});
	it('counts down inside the window only', () => {
		expect(renewalCountdownText('2023-06-30', cst('2023-06-27T10:00:00'))).toBe('距延续申请截止还有 2 天（2023-06-29 以前提交）');
		expect(renewalCountdownText('2023-06-30', cst('2023-06-29T10:00:00'))).toBe('今天是延续申请的最后一天（2023-06-29）');
		expect(renewalCountdownText('2023-06-30', cst('2023-01-29T10:00:00'))).toBe('');
		expect(renewalCountdownText('2023-06-30', cst('2023-06-30T10:00:00'))).toBe('');
	});
	it('is open up to the deadline and closed after it', () => {
		expect(renewalWindowOpen('2023-06-30', cst('2023-06-01T10:00:00'))).toBe(true);
		expect(renewalWindowOpen('2023-06-30 00:00:00.000Z', cst('2023-06-29T23:59:00'))).toBe(true);
		expect(renewalWindowOpen('2023-06-30', cst('2023-06-30T00:00:00'))).toBe(false);
		expect(renewalWindowOpen('2023-06-30', cst('2023-08-01T00:00:00'))).toBe(false);
	});
});

describe('validity', () => {
	it('isPastValidity once the last valid day is over in China', () => {
		expect(isPastValidity('2023-06-30', cst('2023-06-30T23:59:59'))).toBe(false);
		expect(isPastValidity('2023-06-30', cst('2023-06-29T12:00:00'))).toBe(false);
		expect(isPastValidity('2023-06-30', cst('2023-07-01T00:00:00'))).toBe(true);
		expect(isPastValidity('2023-06-30 00:00:00.000Z', new Date('2023-06-30T16:00:00Z'))).toBe(true);
		expect(isPastValidity('2023-06-30 00:00:00.000Z', new Date('2023-06-30T15:59:59Z'))).toBe(false);
	});
	it('the last day to renew and the last valid day are one day apart', () => {
		// on 30 June: too late to renew, but not yet lapsed
		const lastDay = cst('2023-06-30T12:00:00');
		expect(canRenew('2023-06-30', lastDay)).toBe(false);
		expect(isPastValidity('2023-06-30', lastDay)).toBe(false);
		expect(shouldLapse({ status: '有效', validUntil: '2023-06-30' }, false, lastDay)).toBe(false);
	});
	it('shouldLapse only for a 有效 certificate with an end date', () => {
		const after = cst('2023-07-01T00:00:00');
		expect(shouldLapse({ status: '有效', validUntil: '2023-06-30' }, false, after)).toBe(true);
		expect(shouldLapse({ status: '失效', validUntil: '2023-06-30' }, false, after)).toBe(false);
		expect(shouldLapse({ status: '有效', validUntil: '' }, false, after)).toBe(false);
	});
	it('a pending renewal is one still open', () => {
		expect([...RENEWAL_PENDING_STATUSES]).toEqual(['已提交', '审核中', '审核通过']);
	});
	it('renewal adds three years', () => {
		expect(renewedValidUntil('2023-06-30')).toBe('2026-06-30');
		expect(renewedValidUntil('2023-06-30T00:00:00.000Z')).toBe('2026-06-30');
		expect(renewedValidUntil('2028-02-29 00:00:00.000Z')).toBe('2031-02-28');
	});
	it('explains a late renewal in Chinese', () => {
		expect(lateRenewalMessage('2023-06-30 00:00:00.000Z')).toBe(
			'证书有效期至 2023-06-30，延续申请须在 2023-06-29 以前提交，已超过期限，不能再提交延续申请'
		);
	});
});
