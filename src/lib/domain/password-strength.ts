/**
 * How strong a new password must be, beyond newPasswordError's length rule:
 * a strength estimator's score (0–4, zxcvbn's scale) with the account's own
 * data as words an attacker would try first. The estimator is passed in, so
 * the domain stays free of dependencies; src/lib/password/strength.ts wires
 * zxcvbn-ts for the app and the hooks alike.
 */
import { birthDateFromIdNumber, isValidIdNumber } from './id-number';
import { defaultPassword } from './account';

/** zxcvbn's 3: "safely unguessable" for an online attacker, hard even offline against a slow hash. */
export const PASSWORD_MIN_SCORE = 3;

export const PASSWORD_STRENGTH_MESSAGES = {
	spaces: '密码首尾不能有空格',
	weak: '新密码太容易被猜到：请不要使用证件号码、生日、姓名、默认密码或常见的单词和规律（如 password、123456、qwerty），可用几个不相关的词加数字组合'
} as const;

export interface PasswordOwner {
	/** ID number or credit code. */
	identity: string;
	/** Person's or enterprise's name. */
	name?: string;
}

/** Words from the account itself that a guesser tries first. */
export function penalisedWords(owner: PasswordOwner): string[] {
	const id = owner.identity.trim().toUpperCase();
	const words = [id, defaultPassword(id), id.slice(0, 6), id.slice(-8), owner.name ?? '', 'anguan', 'yunnan', 'kunming'];
	if (isValidIdNumber(id)) {
		const birth = birthDateFromIdNumber(id).replace(/-/g, '');
		words.push(birth, birth.slice(2), birth.slice(4));
	}
	return words.filter((w) => w.length >= 3);
}

/** Scores a password 0–4 given the words to penalise (zxcvbn's contract). */
export type PasswordEstimator = (password: string, words: string[]) => number;

/** Chinese message when the password is too easy to guess, else null. */
export function passwordStrengthError(password: string, owner: PasswordOwner, estimate: PasswordEstimator): string | null {
	if (password !== password.trim()) return PASSWORD_STRENGTH_MESSAGES.spaces;
	return estimate(password, penalisedWords(owner)) < PASSWORD_MIN_SCORE ? PASSWORD_STRENGTH_MESSAGES.weak : null;
}
