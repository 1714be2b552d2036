import { describe, expect, it } from 'vitest';
import { checkIdNumber, makeIdNumber } from './id-number';
import { checkCreditCode, makeCreditCode } from './credit-code';
import { personNameError } from './person-name';
import { stripInvisibleCharacters, textHygieneError, TEXT_HYGIENE_MESSAGE } from './text-hygiene';
import { normalizePhone } from './phone';
import { isPhoneNumber, validateContact } from './enterprise';
import { validateApplication } from './application';

const TODAY = new Date('2026-06-01T00:00:00Z');

describe('names', () => {
	it('accepts every CJK ideograph, rare ones outside the BMP included, and minority names with a middle dot', () => {
		for (const name of [
			'张三',
			'王𠀀',
			'𪚥𪚥',
			'李㐀',
			'阿依古丽·买买提',
			'阿依古丽•买买提',
			'阿依古丽・买买提',
			'〇一',
			'John Smith',
			'欧阳𫟹'
		]) {
			expect(personNameError(name), name).toBeNull();
		}
	});
	it('counts characters, not UTF-16 units, and refuses what is no name', () => {
		expect(personNameError('𠀀')).toBe('length');
		expect(personNameError('𠀀'.repeat(30))).toBeNull();
		expect(personNameError('张'.repeat(31))).toBe('length');
		for (const name of ['张三1', '张 三', '·张三', '张三·', '⼈⼝', '张三😀', 'ア张']) expect(personNameError(name), name).toBe('chars');
	});
});

describe('invisible characters', () => {
	it('finds control, bidi and zero-width characters, keeping tabs, line breaks and variation selectors', () => {
		for (const s of ['张\u200b三', 'abc\u202etxt.exe', '\u2066x\u2069', 'a\u0000b', 'a\u001bb', '\ufeff张三', 'a\u00adb', 'a\u0085b']) {
			expect(textHygieneError(s), JSON.stringify(s)).toBe(TEXT_HYGIENE_MESSAGE);
		}
		for (const s of ['张三', '第一行\n第二行\r\n\t缩进', '葛\u{E0100}', '']) expect(textHygieneError(s), JSON.stringify(s)).toBeNull();
		expect(stripInvisibleCharacters('5301\u200b0219\u202e')).toBe('53010219');
	});
	it('is reported by the application and contact rules on the field', () => {
		const app = validateApplication({
			kind: '变更',
			category: 'C2',
			idNumber: '',
			name: '张\u200d三',
			title: '无\u202e',
			position: '安全员',
			enterprise: 'x',
			files: {}
		});
		expect(app.name).toBe(TEXT_HYGIENE_MESSAGE);
		expect(app.title).toBe(TEXT_HYGIENE_MESSAGE);
		expect(validateContact({ contactName: '张工\u2066' }).contactName).toBe(TEXT_HYGIENE_MESSAGE);
	});
});

describe('region codes', () => {
	it('refuses ID numbers whose first digits are no province', () => {
		expect(checkIdNumber(makeIdNumber('990101', '19800101', 123), TODAY)).toBe('region');
		expect(checkIdNumber(makeIdNumber('000101', '19800101', 123), TODAY)).toBe('region');
		expect(checkIdNumber(makeIdNumber('720101', '19800101', 123), TODAY)).toBe('region');
		for (const region of ['110105', '530102', '650101', '810000', '820000', '830000', '953156']) {
			expect(checkIdNumber(makeIdNumber(region, '19800101', 123), TODAY), region).toBeNull();
		}
		// A foreigner's permanent residence card needs a mainland province after the 9.
		expect(checkIdNumber(makeIdNumber('981156', '19800101', 123), TODAY)).toBe('region');
	});
	it('refuses credit codes with an impossible organisation type or region', () => {
		expect(checkCreditCode(makeCreditCode('91530100MA6K12345'))).toBeNull();
		expect(checkCreditCode(makeCreditCode('92530100MA6K12345'))).toBeNull(); // 个体工商户
		expect(checkCreditCode(makeCreditCode('12100000400012345'))).toBeNull(); // 事业单位, national level
		expect(checkCreditCode(makeCreditCode('94530100MA6K12345'))).toBe('type'); // 工商 has no type 4
		expect(checkCreditCode(makeCreditCode('Y2530100MA6K12345'))).toBe('type');
		expect(checkCreditCode(makeCreditCode('9A530100MA6K12345'))).toBe('type');
		expect(checkCreditCode(makeCreditCode('91990100MA6K12345'))).toBe('region');
		expect(checkCreditCode(makeCreditCode('91000000MA6K12345'))).toBe('region');
	});
});

describe('phone numbers', () => {
	it('normalises what people type', () => {
		expect(normalizePhone('138 1234 5678')).toBe('13812345678');
		expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
		expect(normalizePhone('0086 13812345678')).toBe('13812345678');
		expect(normalizePhone('１３８１２３４５６７８')).toBe('13812345678');
		expect(normalizePhone('（0871）65177922')).toBe('0871-65177922');
		expect(normalizePhone('0871 6517 7922')).toBe('0871-65177922');
		expect(normalizePhone('010-12345678')).toBe('010-12345678');
		expect(normalizePhone('+86 871 65177922')).toBe('0871-65177922');
		expect(normalizePhone('0871-65177922-123')).toBe('0871-65177922-123');
		expect(normalizePhone('12345')).toBe('12345');
	});
	it('the contact rule accepts them once normalised', () => {
		for (const p of ['138 1234 5678', '+86 138 1234 5678', '１３８１２３４５６７８'])
			expect(validateContact({ contactPhone: p }), p).toEqual({});
		expect(isPhoneNumber(normalizePhone('12345'))).toBe(false);
	});
});
