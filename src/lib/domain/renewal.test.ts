import { describe, expect, it } from 'vitest';
import { canRenew, renewalDaysLeft, renewedValidUntil, shouldLapse } from './renewal';

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
