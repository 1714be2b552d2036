/**
 * Calendar days as the applicant sees them: in China Standard Time (UTC+8,
 * no daylight saving), whatever the device or server time zone.
 */

const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of the instant in China. */
export function chinaDay(at: Date = new Date()): string {
	return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * 'YYYY-MM-DD HH:MM' in China of an instant — epoch ms, a Date, or a
 * PocketBase datetime ('2026-11-27 06:00:00.000Z', which is UTC); '' when unreadable.
 */
export function chinaDateTime(at: number | string | Date): string {
	const ms = typeof at === 'string' ? Date.parse(at.trim().replace(' ', 'T')) : +at;
	if (!Number.isFinite(ms)) return '';
	return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Accepts 'YYYY-MM-DD', PocketBase's 'YYYY-MM-DD HH:MM:SS.sssZ' or ISO; returns the calendar day written there. */
export function dayOf(value: string): string {
	return value.slice(0, 10);
}

export function addDays(day: string, days: number): string {
	return new Date(Date.parse(day + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(fromDay: string, toDay: string): number {
	return Math.round((Date.parse(toDay + 'T00:00:00Z') - Date.parse(fromDay + 'T00:00:00Z')) / DAY_MS);
}

export function addYears(day: string, years: number): string {
	const [y, m, d] = day.split('-').map(Number);
	// 29 Feb + n years falls back to 28 Feb.
	const date = new Date(Date.UTC(y + years, m - 1, d));
	if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
	return date.toISOString().slice(0, 10);
}

/** Calendar months later (or earlier); the 31st falls back to the month's last day. */
export function addMonths(day: string, months: number): string {
	const [y, m, d] = day.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1 + months, d));
	if (date.getUTCDate() !== d) date.setUTCDate(0);
	return date.toISOString().slice(0, 10);
}
