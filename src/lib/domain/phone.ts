/**
 * Phone numbers as people type them — `138 1234 5678`, `+86 138-1234-5678`,
 * full-width digits from a Chinese input method, `(0871)65177922` — brought to
 * one stored form: 13812345678 for a mobile, 0871-65177922 for a landline.
 */

/** Full-width digits and punctuation to ASCII; dashes of every width to '-'. */
function halfWidth(value: string): string {
	return value
		.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\uFF0B/g, '+')
		.replace(/[\uFF08]/g, '(')
		.replace(/[\uFF09]/g, ')')
		.replace(/[\u2010-\u2015\u2212\uFF0D\u30FC]/g, '-');
}

/** The stored form, or the input trimmed when it is not a plain mobile or landline number (an extension, say). */
export function normalizePhone(raw: string): string {
	const value = halfWidth(raw).trim();
	const international = /^(?:\+|00)86/.test(value.replace(/[\s\-()]/g, ''));
	let digits = value.replace(/[\s\-()]/g, '').replace(/^(?:\+|00)86/, '');
	if (/^1[3-9]\d{9}$/.test(digits)) return digits;
	// Dialled from abroad a landline drops its leading 0 (+86 871 …).
	if (international && /^[1-9]/.test(digits)) digits = '0' + digits;
	if (!/^0\d{9,11}$/.test(digits)) return value;
	// Area codes: 010 and 02x have three digits, all others four.
	const area = /^0(?:10|2\d)/.test(digits) ? 3 : 4;
	const number = digits.slice(area);
	return number.length === 7 || number.length === 8 ? `${digits.slice(0, area)}-${number}` : value;
}
