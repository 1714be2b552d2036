import { describe, expect, it } from 'vitest';
import {
	checkCreditCode,
	CREDIT_CODE_MESSAGES,
	creditCodeCheckChar,
	isValidCreditCode,
	makeCreditCode,
	normalizeCreditCode,
	USCC_ALPHABET
} from './credit-code';

// GB 32100: a character's value is its position in 0-9 A-H J-N P-R T U W X Y (A=10 … H=17, J=18 … N=22,
// P=23 Q=24 R=25, T=26 U=27, W=28 X=29 Y=30); weights 3^(i−1) mod 31 =
// 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check = 31 − (Σ mod 31), 31 written '0'.
// The sums below are worked out by hand, independently of the module.

describe('known codes', () => {
	it.each([
		// Widely used example. 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20+0·29+0·25+0·13+1·8+0·24+0·10+Y(30)·30+4·28
		// = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'
		['91350100M000100Y43', '3'],
		// 华为技术有限公司 (public registration data, e.g. Wikipedia's infobox).
		// 9+3+36+108+0+78+0+0+1·20+9·29+2·25+2·13+0·8+3·24+8·10+2·30+1·28
		// = 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831; 831 mod 31 = 25; 31 − 25 = 6 → '6'
		['914403001922038216', '6'],
		// 阿里巴巴（中国）网络技术有限公司.
		// 9+3+27+81+0+26+0+0+7·20+1·29+6·25+1·13+0·8+5·24+8·10+5·30+2·28
		// = 9+3+27+81+0+26+0+0+140+29+150+13+0+120+80+150+56 = 884; 884 mod 31 = 16; 31 − 16 = 15 → 'F'
		['91330100716105852F', 'F'],
		// 北京百度网讯科技有限公司.
		// 9+3+9+27+0+0+0+0+8·20+0+2·25+1·13+0+0+4·10+3·30+3·28
		// = 9+3+9+27+0+0+0+0+160+0+50+13+0+0+40+90+84 = 485; 485 mod 31 = 20; 31 − 20 = 11 → 'B'
		['91110000802100433B', 'B'],
		// 腾讯科技（深圳）有限公司.
		// 9+3+36+108+0+78+0+0+7·20+0+8·25+4·13+6·8+1·24+1·10+3·30+6·28
		// = 9+3+36+108+0+78+0+0+140+0+200+52+48+24+10+90+168 = 966; 966 mod 31 = 5; 31 − 5 = 26 → 'T'
		['91440300708461136T', 'T']
	])('%s is valid (check %s)', (code, check) => {
		expect(creditCodeCheckChar(code.slice(0, 17))).toBe(check);
		expect(checkCreditCode(code)).toBeNull();
		expect(isValidCreditCode(code)).toBe(true);
	});

	it('refuses a wrong check character', () => {
		expect(checkCreditCode('91350100M000100Y44')).toBe('check');
		expect(checkCreditCode('91350100M000100Y40')).toBe('check');
		expect(checkCreditCode('914403001922038215')).toBe('check');
		expect(checkCreditCode('91330100716105852E')).toBe('check');
		expect(checkCreditCode('91440300708461136U')).toBe('check');
		// two neighbouring characters swapped
		expect(checkCreditCode('91350100M000100Y34')).toBe('check');
		expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
	});
});

describe('check value 31 is written 0', () => {
	it('gives 0 when the weighted sum is a multiple of 31', () => {
		// 91530100000000003: 9·1+1·3+5·9+3·27+0·19+1·26+0…+3·28 = 9+3+45+81+0+26+84 = 248 = 8·31
		// → Σ mod 31 = 0 → check 31 → '0'
		expect(creditCodeCheckChar('91530100000000003')).toBe('0');
		expect(checkCreditCode('915301000000000030')).toBeNull();
		expect(checkCreditCode('915301000000000031')).toBe('check');
		// 91530100000000090: 9+3+45+81+26 + 9·30 + 0·28 = 434 = 14·31 → '0'
		expect(creditCodeCheckChar('91530100000000090')).toBe('0');
		expect(checkCreditCode('915301000000000900')).toBeNull();
	});
	it('gives 1 when Σ mod 31 is 30, and never a character outside the alphabet', () => {
		// 91530100000000013: 9+3+45+81+0+26 = 164; + 1·30 + 3·28 = 278; 278 mod 31 = 30; 31 − 30 = 1 → '1'
		expect(creditCodeCheckChar('91530100000000013')).toBe('1');
		// 91530100000000001: 164 + 1·28 = 192; 192 mod 31 = 6; 31 − 6 = 25 → 'R'
		expect(creditCodeCheckChar('91530100000000001')).toBe('R');
		for (const a of USCC_ALPHABET)
			for (const b of USCC_ALPHABET) {
				const check = creditCodeCheckChar(`915301000000000${a}${b}`);
				expect(check).toHaveLength(1);
				expect(USCC_ALPHABET).toContain(check);
			}
	});
});

describe('alphabet', () => {
	it('has the 31 characters of GB 32100', () => {
		expect(USCC_ALPHABET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
		expect(USCC_ALPHABET).toHaveLength(31);
		for (const ch of 'IOSVZ') expect(USCC_ALPHABET).not.toContain(ch);
	});
	it.each(['I', 'O', 'S', 'V', 'Z'])('refuses %s', (ch) => {
		// put the letter in the body and as the check character
		expect(checkCreditCode(`91350100${ch}000100Y43`)).toBe('chars');
		expect(checkCreditCode(`91350100M000100Y4${ch}`)).toBe('chars');
		expect(checkCreditCode(`91350100${ch.toLowerCase()}000100Y43`)).toBe('chars');
	});
	it('refuses other characters', () => {
		expect(checkCreditCode('91350100M000100Y4-')).toBe('chars');
		expect(checkCreditCode('91350100Ｍ000100Y43')).toBe('chars'); // full-width M
	});
});

describe('first character (登记管理部门代码)', () => {
	it.each([...'123456789ANY'])('allows %s', (first) => {
		const code = makeCreditCode(`${first}1530100MA0000001`);
		expect(checkCreditCode(code)).toBeNull();
	});
	it.each(['0', 'B', 'C', 'G', 'X', 'W'])('refuses %s', (first) => {
		const code = makeCreditCode(`${first}1530100MA0000001`);
		expect(checkCreditCode(code)).toBe('first');
	});
});

describe('shape', () => {
	it('refuses empty input and wrong lengths', () => {
		expect(checkCreditCode('')).toBe('empty');
		expect(checkCreditCode('  ')).toBe('empty');
		expect(checkCreditCode('91350100M000100Y4')).toBe('length');
		expect(checkCreditCode('91350100M000100Y433')).toBe('length');
		expect(checkCreditCode('M00010043')).toBe('length'); // old 9-character organisation code
	});
	it('normalizes lower case and spaces', () => {
		expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
		expect(checkCreditCode('91350100m000100y43')).toBeNull();
		expect(checkCreditCode('9133 0100 7161 0585 2f')).toBeNull();
	});
	it('has a Chinese message for every error', () => {
		expect(CREDIT_CODE_MESSAGES).toEqual({
			empty: '请输入统一社会信用代码',
			length: '统一社会信用代码应为18位',
			chars: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
			first: '统一社会信用代码第1位（登记管理部门代码）不正确',
			type: '统一社会信用代码第2位（机构类别代码）与第1位不相符，请核对后重新输入',
			region: '统一社会信用代码第3–8位（登记机关行政区划码）不正确，请核对后重新输入',
			check: '统一社会信用代码校验位不正确，请核对后重新输入'
		});
	});
});

describe('makeCreditCode', () => {
	it('completes the check character', () => {
		expect(makeCreditCode('91350100M000100Y4')).toBe('91350100M000100Y43');
		expect(makeCreditCode('91530100000000003')).toBe('915301000000000030');
	});
	it('produces valid codes', () => {
		for (let n = 0; n < 200; n++) {
			const body = `91530100MA${String(n * 37).padStart(7, '0')}`;
			expect(checkCreditCode(makeCreditCode(body))).toBeNull();
		}
	});
});
