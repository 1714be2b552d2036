import { describe, expect, it } from 'vitest';
import { PROFILE_MESSAGES, validateProfile } from './profile';
import { validateApplication, validateContact } from './index';

describe('个人信息: the phone number', () => {
	it('takes a mobile or landline number, or nothing', () => {
		expect(validateProfile({ phone: '13800000000' })).toEqual({});
		expect(validateProfile({ phone: ' 0871-65177922 ' })).toEqual({});
		expect(validateProfile({ phone: '' })).toEqual({});
		expect(validateProfile({})).toEqual({});
		expect(validateProfile({ phone: '12345' })).toEqual({ phone: PROFILE_MESSAGES.phone });
	});
});

describe('the schemas never answer in English', () => {
	it('input of the wrong type still gets the Chinese message of its field', () => {
		const odd = validateApplication({
			kind: '变更',
			category: 'C2',
			idNumber: 42,
			name: null,
			title: [],
			position: {},
			enterprise: undefined,
			files: {}
		} as never);
		for (const message of Object.values(odd)) expect(message).toMatch(/[\u4e00-\u9fff]/);
		expect(Object.keys(odd)).toEqual(expect.arrayContaining(['idNumber', 'name', 'title', 'position', 'enterprise']));
		expect(validateContact({ contactPhone: 5 as never }).contactPhone).toMatch(/手机号/);
		expect(validateProfile({ phone: {} as never }).phone).toBe(PROFILE_MESSAGES.phone);
	});
});
