import { describe, expect, it } from 'vitest';
import { enterpriseChangeKinds, ENTERPRISE_MESSAGES, isPhoneNumber, validateContact, validateEnterpriseChange } from './enterprise';

const scan = { name: '营业执照.pdf', size: 200_000, type: 'application/pdf' };

describe('enterprise change requests', () => {
	it('needs at least one change', () => {
		expect(validateEnterpriseChange({})).toEqual({ kind: ENTERPRISE_MESSAGES.nothing });
		expect(validateEnterpriseChange({ name: '   ' })).toEqual({ kind: ENTERPRISE_MESSAGES.nothing });
	});

	it('names the sections that change', () => {
		expect(enterpriseChangeKinds({ name: '新名称' })).toEqual(['企业名称修改']);
		expect(enterpriseChangeKinds({ qualLevel: '总承包二级' })).toEqual(['企业资质修改']);
		expect(enterpriseChangeKinds({ address: '新地址', qualScan: [scan] })).toEqual(['企业名称修改', '企业资质修改']);
	});

	it('asks for the new licence with registration changes and the new certificate with qualification changes', () => {
		expect(validateEnterpriseChange({ name: '新名称' })).toEqual({ license: ENTERPRISE_MESSAGES.license });
		expect(validateEnterpriseChange({ name: '新名称', license: [scan] })).toEqual({});
		expect(validateEnterpriseChange({ qualLevel: '总承包二级' })).toEqual({ qualScan: ENTERPRISE_MESSAGES.qualScan });
		expect(validateEnterpriseChange({ qualLevel: '总承包二级', qualScan: [scan, scan] })).toEqual({});
	});

	it('takes jpg, png or pdf scans within the count and size bounds', () => {
		expect(validateEnterpriseChange({ name: '新名称', license: [{ name: '营业执照.docx', size: 1000 }] }).license).toBe(
			'信用代码证件只能上传 jpg、png 或 pdf 文件（“营业执照.docx”不是）'
		);
		expect(validateEnterpriseChange({ name: '新名称', license: [scan, scan] }).license).toBe('信用代码证件最多上传 1 个文件，当前 2 个');
		expect(validateEnterpriseChange({ qualLevel: '总承包二级', qualScan: [{ ...scan, size: 11 * 1024 * 1024 }] }).qualScan).toMatch(
			/超过10MB/
		);
	});

	it('checks a new credit code with the real checksum and the city against the 16 州市', () => {
		expect(validateEnterpriseChange({ uscc: '91350100M000100Y44', license: [scan] }).uscc).toBe(
			'统一社会信用代码校验位不正确，请核对后重新输入'
		);
		expect(validateEnterpriseChange({ uscc: '91350100m000100y43', license: [scan] })).toEqual({});
		expect(validateEnterpriseChange({ regCity: '成都市', license: [scan] }).regCity).toBe(ENTERPRISE_MESSAGES.regCity);
		expect(validateEnterpriseChange({ regCity: '大理白族自治州', license: [scan] })).toEqual({});
	});
});

describe('contact details', () => {
	it('accepts mobile and landline numbers, refuses others', () => {
		for (const ok of ['13800000000', '0871-65177922', '087165177922', '010-12345678-123']) expect(isPhoneNumber(ok)).toBe(true);
		for (const bad of ['12800000000', '1380000000', '65177922', 'abc']) expect(isPhoneNumber(bad)).toBe(false);
	});

	it('explains each bad field', () => {
		expect(validateContact({ contactName: '', contactPhone: '123', contactEmail: 'a@b' })).toEqual({
			contactName: ENTERPRISE_MESSAGES.contactName,
			contactPhone: ENTERPRISE_MESSAGES.phone,
			contactEmail: ENTERPRISE_MESSAGES.email
		});
		expect(validateContact({ contactName: '周敏', contactPhone: '0871-60000001', contactEmail: 'zhou@example.com' })).toEqual({});
	});
});

describe('qualification from the list', () => {
	it('offers 水利水电工程施工总承包 once, and refuses what is not on the list', async () => {
		const { QUALIFICATION_CATEGORIES } = await import('./regions');
		expect(QUALIFICATION_CATEGORIES).toContain('水利水电工程施工总承包');
		expect(QUALIFICATION_CATEGORIES).not.toContain('水利水电施工总承包');
		expect(new Set(QUALIFICATION_CATEGORIES).size).toBe(QUALIFICATION_CATEGORIES.length);
		expect(validateEnterpriseChange({ qualCategory: '水利水电施工总承包', qualScan: [scan] })).toEqual({
			qualCategory: ENTERPRISE_MESSAGES.qualCategory
		});
		expect(validateEnterpriseChange({ qualLevel: '总承包九级', qualScan: [scan] })).toEqual({ qualLevel: ENTERPRISE_MESSAGES.qualLevel });
		expect(validateEnterpriseChange({ qualCategory: '水利水电工程施工总承包', qualLevel: '总承包三级', qualScan: [scan] })).toEqual({});
	});
});
