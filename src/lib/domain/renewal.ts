/**
 * Renewal (延续) window and deadline. The seed: a certificate valid until
 * 6 月 30 日 must be applied for by 6 月 29 日; one not renewed in time becomes
 * 失效. The window opens three calendar months before the expiry day, so a
 * certificate renewed (valid three more years) is not offered 延续 again
 * until its next expiry approaches.
 */
import { addDays, addMonths, addYears, chinaDay, dayOf, daysBetween } from './dates';
import { VALIDITY_YEARS } from './certificate';
import { OPEN_STATUSES } from './review';

/** The renewal window opens this many calendar months before the expiry day. */
export const RENEWAL_WINDOW_MONTHS = 3;

/** First calendar day (China time) on which a renewal may be submitted. */
export function renewalWindowStart(validUntil: string): string {
	return addMonths(dayOf(validUntil), -RENEWAL_WINDOW_MONTHS);
}

/** Last calendar day (China time) on which a renewal may be submitted: D − 1. */
export function renewalDeadline(validUntil: string): string {
	return addDays(dayOf(validUntil), -1);
}

export type RenewalPhase = 'early' | 'open' | 'late';

/** Before the window, inside it (until D − 1 included), or past the deadline. */
export function renewalPhase(validUntil: string, now: Date = new Date()): RenewalPhase {
	const today = chinaDay(now);
	if (today < renewalWindowStart(validUntil)) return 'early';
	return today <= renewalDeadline(validUntil) ? 'open' : 'late';
}

export function canRenew(validUntil: string, now: Date = new Date()): boolean {
	return renewalPhase(validUntil, now) === 'open';
}

/** Days left to submit a renewal (0 = today is the last day, negative = too late). */
export function renewalDaysLeft(validUntil: string, now: Date = new Date()): number {
	return daysBetween(chinaDay(now), renewalDeadline(validUntil));
}

/** Same as canRenew: inside the window the countdown is shown. */
export function renewalWindowOpen(validUntil: string, now: Date = new Date()): boolean {
	return canRenew(validUntil, now);
}

export function lateRenewalMessage(validUntil: string): string {
	const d = dayOf(validUntil);
	return `证书有效期至 ${d}，延续申请须在 ${renewalDeadline(validUntil)} 以前提交，已超过期限，不能再提交延续申请`;
}

export function earlyRenewalMessage(validUntil: string): string {
	return `证书有效期至 ${dayOf(validUntil)}，延续申请可在 ${renewalWindowStart(validUntil)} 至 ${renewalDeadline(validUntil)} 期间提交`;
}

/** Why a renewal cannot be submitted now, or null when it can. */
export function renewalError(validUntil: string, now: Date = new Date()): string | null {
	const phase = renewalPhase(validUntil, now);
	if (phase === 'early') return earlyRenewalMessage(validUntil);
	if (phase === 'late') return lateRenewalMessage(validUntil);
	return null;
}

/** The countdown 我的证书 shows inside the window, e.g. "距延续申请截止还有 12 天（2026-06-29 以前提交）". */
export function renewalCountdownText(validUntil: string, now: Date = new Date()): string {
	if (!canRenew(validUntil, now)) return '';
	const left = renewalDaysLeft(validUntil, now);
	const deadline = renewalDeadline(validUntil);
	return left === 0 ? `今天是延续申请的最后一天（${deadline}）` : `距延续申请截止还有 ${left} 天（${deadline} 以前提交）`;
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
export function shouldLapse(cert: { status: string; validUntil: string }, hasPendingRenewal: boolean, now: Date = new Date()): boolean {
	return cert.status === '有效' && !!cert.validUntil && isPastValidity(cert.validUntil, now) && !hasPendingRenewal;
}

/** New 有效期结束时间 after an approved renewal: three more years from the old end. */
export function renewedValidUntil(validUntil: string): string {
	return addYears(dayOf(validUntil), VALIDITY_YEARS);
}
