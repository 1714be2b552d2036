import { describe, expect, it } from 'vitest';
import {
	ACCOUNT_COLLECTIONS,
	defaultPassword,
	IDENTITY_LABELS,
	identityError,
	newPasswordError,
	normalizeIdentity,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH
} from './account';

// 11010519491231002X: GB 11643's own example (Σ = 167, 167 mod 11 = 2 → X).
const ID = '11010519491231002X';
// 91350100M000100Y43: Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3 → '3'.
const CODE = '91350100M000100Y43';

const SHORT = '新密码至少 8 位';
const LONG = '新密码最多 72 位';
const MIX = '新密码须同时包含字母和数字';
const SAME = '新密码不能与默认密码或证件号码相同';

describe('kinds', () => {
	it('map to their collections and labels', () => {
		expect(ACCOUNT_COLLECTIONS).toEqual({ applicant: 'applicants', enterprise: 'enterprises' });
		expect(IDENTITY_LABELS).toEqual({ applicant: '身份证号', enterprise: '统一社会信用代码' });
	});
	it('normalize their identity', () => {
		expect(normalizeIdentity('applicant', ' 11010519491231002x ')).toBe(ID);
		expect(normalizeIdentity('enterprise', '91350100 m000100y43')).toBe(CODE);
	});
});

describe('identityError', () => {
	it('applicant: the ID-number messages', () => {
		expect(identityError('applicant', ID)).toBeNull();
		expect(identityError('applicant', '11010519491231002x')).toBeNull();
		expect(identityError('applicant', '')).toBe('请输入身份证号');
		expect(identityError('applicant', '11010519491231002')).toBe('身份证号应为18位');
		expect(identityError('applicant', '1101051949123100AX')).toBe('身份证号前17位应为数字，最后一位为数字或X');
		// 30 Feb 1949
		expect(identityError('applicant', '110105194902300020')).toBe('身份证号中的出生日期不正确');
		expect(identityError('applicant', '110105194912310021')).toBe('身份证号校验位不正确，请核对后重新输入');
		// a credit code is not an ID number
		expect(identityError('applicant', CODE)).toBe('身份证号前17位应为数字，最后一位为数字或X');
	});
	it('enterprise: the credit-code messages', () => {
		expect(identityError('enterprise', CODE)).toBeNull();
		expect(identityError('enterprise', '91350100m000100y43')).toBeNull();
		expect(identityError('enterprise', '')).toBe('请输入统一社会信用代码');
		expect(identityError('enterprise', '91350100M000100Y4')).toBe('统一社会信用代码应为18位');
		expect(identityError('enterprise', '91350100I000100Y43')).toBe('统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）');
		expect(identityError('enterprise', 'B1350100M000100Y43')).toBe('统一社会信用代码第1位（登记管理部门代码）不正确');
		expect(identityError('enterprise', '91350100M000100Y44')).toBe('统一社会信用代码校验位不正确，请核对后重新输入');
	});
});

describe('defaultPassword', () => {
	it('is the last 6 characters of the identity', () => {
		expect(defaultPassword(ID)).toBe('31002X');
		expect(defaultPassword(CODE)).toBe('100Y43');
		expect(defaultPassword('530102199003071238')).toBe('071238');
	});
});

describe('newPasswordError', () => {
	it('enforces the length', () => {
		expect(PASSWORD_MIN_LENGTH).toBe(8);
		expect(PASSWORD_MAX_LENGTH).toBe(72);
		expect(newPasswordError('', ID)).toBe(SHORT);
		expect(newPasswordError('abc1234', ID)).toBe(SHORT);
		expect(newPasswordError('abcd1234', ID)).toBeNull();
		expect(newPasswordError('a1'.repeat(36), ID)).toBeNull(); // 72
		expect(newPasswordError('a1'.repeat(36) + 'b', ID)).toBe(LONG); // 73
	});
	it('needs letters and digits', () => {
		expect(newPasswordError('abcdefgh', ID)).toBe(MIX);
		expect(newPasswordError('12345678', ID)).toBe(MIX);
		expect(newPasswordError('!@#$%^&*', ID)).toBe(MIX);
		expect(newPasswordError('密码密码密码密码1', ID)).toBe(MIX);
		expect(newPasswordError('Abc!1234', ID)).toBeNull();
		expect(newPasswordError('ABCD1234', ID)).toBeNull();
	});
	it('refuses the identity or a part of it', () => {
		expect(newPasswordError(ID, ID)).toBe(SAME);
		expect(newPasswordError('11010519491231002x', ID)).toBe(SAME);
		expect(newPasswordError('1231002X', ID)).toBe(SAME);
		expect(newPasswordError('1231002x', ID)).toBe(SAME);
		expect(newPasswordError('19491231002X', ID)).toBe(SAME);
		expect(newPasswordError(CODE, CODE)).toBe(SAME);
		expect(newPasswordError('0100M000100Y43', CODE)).toBe(SAME);
		expect(newPasswordError('m000100y43', CODE)).toBe(SAME);
		// identity given in lower case
		expect(newPasswordError('m000100y43', CODE.toLowerCase())).toBe(SAME);
	});
	it('accepts passwords that only share some characters with the identity', () => {
		expect(newPasswordError('31002Xab', ID)).toBeNull();
		expect(newPasswordError('X2001321', ID)).toBeNull();
		expect(newPasswordError('100Y43zz', CODE)).toBeNull();
	});
	it('checks nothing against an empty identity', () => {
		expect(newPasswordError('abcd1234', '')).toBeNull();
	});
});
