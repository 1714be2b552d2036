/**
 * Characters that have no place in a form field and are never typed on
 * purpose: C0/C1 control characters (tab and line breaks aside), bidi
 * overrides and isolates that reorder what a reviewer reads (a name shown
 * backwards, a file name that hides its real extension), zero-width and
 * other invisible format characters that make two equal-looking values
 * differ. They arrive by copy-paste from web pages and chat apps. Variation
 * selectors stay: rare ideographs are written with them.
 */
const INVISIBLE =
	// eslint-disable-next-line no-control-regex -- control characters are what this rule finds
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/;

export const TEXT_HYGIENE_MESSAGE = '含有看不见的控制字符（常见于从网页或聊天软件复制的内容），请删除后重新输入';

export function hasInvisibleCharacters(value: string): boolean {
	return INVISIBLE.test(value);
}

/** What pasting should keep: the text without its invisible characters. */
export function stripInvisibleCharacters(value: string): string {
	return value.replace(new RegExp(INVISIBLE.source, 'g'), '');
}

/** Chinese message when a text value holds such characters, else null. */
export function textHygieneError(value: string | undefined | null): string | null {
	return value && hasInvisibleCharacters(value) ? TEXT_HYGIENE_MESSAGE : null;
}
