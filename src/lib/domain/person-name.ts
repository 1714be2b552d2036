/**
 * Personal names as on an ID card: Chinese characters — every CJK ideograph,
 * including the rare ones (生僻字) of Extension B and later, which are outside
 * the BMP — with the middle dot of minority names (阿依古丽·买买提), or a
 * name in Latin letters. Counted in characters, not UTF-16 units.
 */
export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 30;

/**
 * Ideographs: Extension A, the unified block, compatibility ideographs, 〇,
 * and the two planes Unicode reserves for ideographs (Extensions B–J and
 * whatever comes next). Explicit ranges rather than \p{Script=Han}: the hooks'
 * JS engine silently fails property escapes.
 */
const HAN = '\\u3007\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u{20000}-\\u{2FFFD}\\u{30000}-\\u{3FFFD}';
/** U+00B7 as on ID cards; the bullet and the katakana middle dot that input methods produce instead. */
const DOTS = '\\u00B7\\u2022\\u30FB\\uFF65';
const NAME_PATTERN = new RegExp(`^(?:[${HAN}]+(?:[${DOTS}][${HAN}]+)*|[A-Za-z][A-Za-z .'-]*[A-Za-z])$`, 'u');

export type PersonNameError = 'empty' | 'length' | 'chars';

export function nameLength(name: string): number {
	return Array.from(name).length;
}

/** Why a (trimmed) name is not acceptable, or null. */
export function personNameError(raw: string): PersonNameError | null {
	const name = raw.trim();
	if (!name) return 'empty';
	const length = nameLength(name);
	if (length < NAME_MIN_LENGTH || length > NAME_MAX_LENGTH) return 'length';
	return NAME_PATTERN.test(name) ? null : 'chars';
}
