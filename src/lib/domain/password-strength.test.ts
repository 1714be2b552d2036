import { describe, expect, it } from 'vitest';
import { passwordError } from '../password/strength';
import { PASSWORD_STRENGTH_MESSAGES, penalisedWords } from './password-strength';
import { defaultPassword, makeIdNumber } from '.';

const identity = makeIdNumber('530102', '19850315', 131);
const owner = { identity, name: '李明华' };

describe('new-password strength (zxcvbn-ts with the account as penalised words)', () => {
	it('refuses the passwords the attack run got accepted', () => {
		for (const p of [
			'password1',
			'Aa' + defaultPassword(identity),
			'X' + identity,
			'Qwer1234!',
			'Kunming@2024',
			'Abc12345x',
			'19850315Ab'
		]) {
			expect(passwordError(p, owner), p).toBe(PASSWORD_STRENGTH_MESSAGES.weak);
		}
	});
	it('refuses leading or trailing spaces instead of silently trimming them', () => {
		expect(passwordError(' Anguan2026pass', owner)).toBe(PASSWORD_STRENGTH_MESSAGES.spaces);
		expect(passwordError('Anguan2026pass ', owner)).toBe(PASSWORD_STRENGTH_MESSAGES.spaces);
	});
	it('accepts passwords that are hard to guess', () => {
		for (const p of ['Anguan2026pass', 'Yn-Shenhe-2026-own', 'tea7Lamp-river9']) expect(passwordError(p, owner), p).toBeNull();
	});
	it('penalises the ID number, its default password and the birth date', () => {
		expect(penalisedWords(owner)).toEqual(expect.arrayContaining([identity, defaultPassword(identity), '19850315', '李明华']));
	});
});
