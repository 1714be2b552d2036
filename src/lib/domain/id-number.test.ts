import { describe, expect, it } from 'vitest';
import {
	birthDateFromIdNumber,
	checkIdNumber,
	genderFromIdNumber,
	ID_NUMBER_MESSAGES,
	idNumberCheckChar,
	isRealDate,
	isValidIdNumber,
	makeIdNumber,
	maskIdNumber,
	normalizeIdNumber
} from './id-number';

// GB 11643: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check = "10X98765432"[Σ mod 11].
// Every vector below is worked out by hand, independently of the module.

/** A fixed "today" so that the birth-date checks do not depend on the clock. */
const TODAY = new Date('2026-06-28T10:00:00+08:00');

describe('check character (GB 11643)', () => {
	it('accepts the standard’s own example 11010519491231002X', () => {
		// 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
		// = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → 'X'
		expect(idNumberCheckChar('11010519491231002')).toBe('X');
		expect(checkIdNumber('11010519491231002X', TODAY)).toBeNull();
		expect(isValidIdNumber('11010519491231002X')).toBe(true);
	});

	it.each([
		// 5·7+3·9+0·10+1·5+0·8+2·4+1·2+9·1+9·6+0·3+0·7+3·9+0·10+7·5+1·8+2·4+3·2
		// = 35+27+0+5+0+8+2+9+54+0+0+27+0+35+8+8+6 = 224; 224 mod 11 = 4 → '8'
		['530102199003071238', '8'],
		// 35+27+0+15+64+4+2+9+48+15+7+18+10+10+0+0+8 = 272; 272 mod 11 = 8 → '4'
		['530381198512120044', '4'],
		// 35+27+0+5+0+8+4+0+0+0+0+18+20+45+0+0+2 = 164; 164 mod 11 = 10 → '2'
		['530102200002290012', '2'],
		// 35+27+0+5+0+8+2+9+54+0+0+9+0+5+0+0+2 = 156; 156 mod 11 = 2 → 'X'
		['53010219900101001X', 'X'],
		// 35+27+0+5+0+8+2+9+54+0+0+9+0+5+0+0+12 = 166; 166 mod 11 = 1 → '0'
		['530102199001010060', '0'],
		// 35+27+0+5+0+8+2+9+54+0+0+9+0+5+0+0+0 = 154; 154 mod 11 = 0 → '1'
		['530102199001010001', '1']
	])('%s has check character %s', (id, check) => {
		expect(idNumberCheckChar(id.slice(0, 17))).toBe(check);
		expect(checkIdNumber(id, TODAY)).toBeNull();
	});

	it('refuses a wrong check character', () => {
		expect(checkIdNumber('110105194912310021', TODAY)).toBe('check');
		expect(checkIdNumber('110105194912310020', TODAY)).toBe('check');
		expect(checkIdNumber('530102199003071239', TODAY)).toBe('check');
		expect(checkIdNumber('530102199003071230', TODAY)).toBe('check');
		// X where a digit belongs
		expect(checkIdNumber('53010219900307123X', TODAY)).toBe('check');
		// a swapped pair of digits changes the weighted sum
		expect(checkIdNumber('530102199003071328', TODAY)).toBe('check');
		expect(isValidIdNumber('110105194912310021')).toBe(false);
	});
});

describe('normalization', () => {
	it('upper-cases a trailing x and drops spaces', () => {
		expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
		expect(normalizeIdNumber(' 110105 19491231 002x\t')).toBe('11010519491231002X');
	});
	it('accepts lower-case x', () => {
		expect(checkIdNumber('11010519491231002x', TODAY)).toBeNull();
		expect(checkIdNumber('53010219900101001x', TODAY)).toBeNull();
		expect(checkIdNumber(' 530102 19900101 001x ', TODAY)).toBeNull();
	});
});

describe('shape', () => {
	it('refuses empty input', () => {
		expect(checkIdNumber('', TODAY)).toBe('empty');
		expect(checkIdNumber('   ', TODAY)).toBe('empty');
	});
	it('refuses 17 and 19 characters', () => {
		expect(checkIdNumber('11010519491231002', TODAY)).toBe('length');
		expect(checkIdNumber('11010519491231002X1', TODAY)).toBe('length');
		expect(checkIdNumber('110105194912310', TODAY)).toBe('length'); // old 15-digit number
	});
	it('refuses letters other than a final X', () => {
		expect(checkIdNumber('5301021990010100AX', TODAY)).toBe('chars');
		expect(checkIdNumber('53010219900X01001X', TODAY)).toBe('chars');
		expect(checkIdNumber('53010219900101001Y', TODAY)).toBe('chars');
		expect(checkIdNumber('X1010519491231002X', TODAY)).toBe('chars');
		expect(checkIdNumber('１１010519491231002X', TODAY)).toBe('chars'); // full-width digits
	});
	it('has a Chinese message for every error', () => {
		expect(ID_NUMBER_MESSAGES).toEqual({
			empty: '请输入身份证号',
			length: '身份证号应为18位',
			chars: '身份证号前17位应为数字，最后一位为数字或X',
			region: '身份证号前两位（省份代码）不正确，请核对后重新输入',
			date: '身份证号中的出生日期不正确',
			check: '身份证号校验位不正确，请核对后重新输入'
		});
	});
});

describe('birth date', () => {
	// makeIdNumber gives a correct check character, so only the date can be wrong.
	const withBirth = (birth: string) => makeIdNumber('530102', birth, 123);

	it('refuses impossible dates', () => {
		expect(checkIdNumber(withBirth('19900230'), TODAY)).toBe('date'); // 30 Feb
		expect(checkIdNumber(withBirth('19900431'), TODAY)).toBe('date'); // 31 Apr
		expect(checkIdNumber(withBirth('19901301'), TODAY)).toBe('date'); // month 13
		expect(checkIdNumber(withBirth('19900001'), TODAY)).toBe('date'); // month 0
		expect(checkIdNumber(withBirth('19900100'), TODAY)).toBe('date'); // day 0
		expect(checkIdNumber(withBirth('19900132'), TODAY)).toBe('date'); // day 32
		expect(checkIdNumber(withBirth('18991231'), TODAY)).toBe('date'); // before 1900
	});

	it('knows leap years: 29 Feb 1900 and 2023 refused, 2000 and 2024 accepted', () => {
		expect(checkIdNumber(withBirth('19000229'), TODAY)).toBe('date');
		expect(checkIdNumber(withBirth('20230229'), TODAY)).toBe('date');
		expect(checkIdNumber(withBirth('20000229'), TODAY)).toBeNull();
		expect(checkIdNumber(withBirth('20240229'), TODAY)).toBeNull();
		expect(checkIdNumber(withBirth('19000228'), TODAY)).toBeNull();
		expect(checkIdNumber(withBirth('19000101'), TODAY)).toBeNull();
	});

	it('refuses a birth date in the future', () => {
		expect(checkIdNumber(withBirth('20260629'), TODAY)).toBe('date');
		expect(checkIdNumber(withBirth('20270101'), TODAY)).toBe('date');
		expect(checkIdNumber(withBirth('20990101'), TODAY)).toBe('date');
		expect(checkIdNumber(withBirth('20260628'), TODAY)).toBeNull();
		expect(checkIdNumber(withBirth('20260627'), TODAY)).toBeNull();
	});

	it('counts "today" in China time', () => {
		// 2026-06-28T16:30Z is already 29 June in China (UTC+8).
		const justAfterMidnightInChina = new Date('2026-06-28T16:30:00Z');
		expect(checkIdNumber(withBirth('20260629'), justAfterMidnightInChina)).toBeNull();
		expect(checkIdNumber(withBirth('20260630'), justAfterMidnightInChina)).toBe('date');
		// 2026-06-28T15:59:59Z is still 28 June in China.
		expect(checkIdNumber(withBirth('20260629'), new Date('2026-06-28T15:59:59Z'))).toBe('date');
	});

	it('checks the date before the check character', () => {
		// 30 Feb with a wrong check character still reports the date
		const id = withBirth('19900230');
		const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
		expect(checkIdNumber(wrong, TODAY)).toBe('date');
	});

	it('reads the birth date', () => {
		expect(birthDateFromIdNumber('11010519491231002X')).toBe('1949-12-31');
		expect(birthDateFromIdNumber('530102200002290012')).toBe('2000-02-29');
	});

	it('isRealDate', () => {
		expect(isRealDate(2024, 2, 29)).toBe(true);
		expect(isRealDate(2023, 2, 29)).toBe(false);
		expect(isRealDate(1900, 2, 29)).toBe(false);
		expect(isRealDate(2000, 2, 29)).toBe(true);
		expect(isRealDate(2023, 12, 31)).toBe(true);
		expect(isRealDate(2023, 13, 1)).toBe(false);
		expect(isRealDate(2023, 0, 1)).toBe(false);
		expect(isRealDate(2023, 6, 31)).toBe(false);
		expect(isRealDate(2023, 6, 0)).toBe(false);
	});
});

describe('gender', () => {
	it('is 男 for an odd 17th digit and 女 for an even one', () => {
		expect(genderFromIdNumber('530102199003071238')).toBe('男'); // 17th digit 3
		expect(genderFromIdNumber('53010219900101001X')).toBe('男'); // 17th digit 1
		expect(genderFromIdNumber('530381198512120044')).toBe('女'); // 17th digit 4
		expect(genderFromIdNumber('11010519491231002X')).toBe('女'); // 17th digit 2
		expect(genderFromIdNumber('530102199001010001')).toBe('女'); // 17th digit 0
		expect(genderFromIdNumber('53010219900101001x')).toBe('男');
	});
});

describe('masking', () => {
	it('keeps the first 3 and the last 4 characters', () => {
		expect(maskIdNumber('530102199003071238')).toBe('530***********1238');
		expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
		expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
		expect(maskIdNumber('530102199003071238')).toHaveLength(18);
		expect(maskIdNumber('530102199003071238')).not.toContain('19900307');
	});
	it('hides short values entirely', () => {
		expect(maskIdNumber('1234567')).toBe('*******');
		expect(maskIdNumber('')).toBe('');
		expect(maskIdNumber('12345678')).toBe('123*5678');
	});
});

describe('makeIdNumber', () => {
	it('completes the check character', () => {
		expect(makeIdNumber('110105', '19491231', 2)).toBe('11010519491231002X');
		expect(makeIdNumber('530102', '19900307', 123)).toBe('530102199003071238');
		expect(makeIdNumber('530102', '19900101', 6)).toBe('530102199001010060');
	});
	it('produces valid numbers for every sequence', () => {
		for (let seq = 0; seq < 1000; seq += 7) {
			const id = makeIdNumber('530381', '19851212', seq);
			expect(id).toHaveLength(18);
			expect(checkIdNumber(id, TODAY)).toBeNull();
			expect(genderFromIdNumber(id)).toBe(seq % 2 === 1 ? '男' : '女');
		}
	});
});
