/**
 * Renewal (延续) deadlines. The seed: a certificate valid until 6 月 30 日 must
 * be applied for by 6 月 29 日; one not renewed in time becomes 失效.
 */
import { addDays, addYears, chinaDay, dayOf, daysBetween } from './dates';
import { VALIDITY_YEARS } from './certificate';
import { OPEN_STATUSES } from './review';

/** Certificates within this many days of expiry get a countdown in 我的证书. */
export const RENEWAL_WARNING_DAYS = 92;

/** Last calendar day (China time) on which a renewal may be submitted: D − 1. */
export function renewalDeadline(validUntil: string): string {
	return addDays(dayOf(validUntil), -1);
}

export function canRenew(validUntil: string, now: Date = new Date()): boolean {
	return chinaDay(now) <= renewalDeadline(validUntil);
}

/** Days left to submit a renewal (0 = today is the last day, negative = too late). */
export function renewalDaysLeft(validUntil: string, now: Date = new Date()): number {
	return daysBetween(chinaDay(now), renewalDeadline(validUntil));
}

export function renewalWindowOpen(validUntil: string, now: Date = new Date()): boolean {
	const left = renewalDaysLeft(validUntil, now);
	return left >= 0 && left < RENEWAL_WARNING_DAYS;
}

export function lateRenewalMessage(validUntil: string): string {
	const d = dayOf(validUntil);
	return `证书有效期至 ${d}，延续申请须在 ${renewalDeadline(validUntil)} 以前提交，已超过期限，不能再提交延续申请`;
}

/** True once the certificate's last valid day has passed (it lapses unless a renewal is pending). */
export function isPastValidity(validUntil: string, now: Date = new Date()): boolean {
	return chinaDay(now) > dayOf(validUntil);
}

/**
 * A 延续 application in one of these statuses keeps its certificate alive past D
 * (submitted in time, still being decided or waiting for issuance). Every
 * (re)submission of a 延续 must itself be made by D − 1, so a renewal rejected
 * and not resubmitted in time lets the certificate lapse.
 */
export const RENEWAL_PENDING_STATUSES = OPEN_STATUSES;

/** True when the daily job must mark the certificate 失效. */
export function shouldLapse(
	cert: { status: string; validUntil: string },
	hasPendingRenewal: boolean,
	now: Date = new Date()
): boolean {
	return cert.status === '有效' && !!cert.validUntil && isPastValidity(cert.validUntil, now) && !hasPendingRenewal;
}

/** New 有效期结束时间 after an approved renewal: three more years from the old end. */
export function renewedValidUntil(validUntil: string): string {
	return addYears(dayOf(validUntil), VALIDITY_YEARS);
}
