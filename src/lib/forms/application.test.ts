import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '$lib/domain';
import { applicationErrors } from './application';

describe('application form schema', () => {
	it('reports the domain messages at their fields', () => {
		const errors = applicationErrors({
			kind: '变更',
			category: 'B',
			idNumber: makeIdNumber('530102', '19850101', 123),
			name: '',
			title: '无',
			position: '项目经理',
			enterprise: 'abcdefghijklmno',
			files: { idCardBack: [{ name: 'a.jpg', size: 50_000 }] }
		});
		expect(errors.name).toBe('请输入变更后的姓名');
		expect(errors.builderCert).toBe('B证须上传建造师执业证书（带二维码可验证）');
		expect(errors.idCardBack).toBeUndefined();
		expect(errors.idNumber).toBeUndefined();
	});
});
