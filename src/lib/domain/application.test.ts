import { describe, expect, it } from 'vitest';
import {
	APPLICATION_MESSAGES,
	applicationValueLabels,
	attachmentError,
	attachmentSpecs,
	pledgeTemplateLabel,
	attachmentWarning,
	ATTACHMENT_MAX_BYTES,
	operationStatusText,
	requiredAttachments,
	validateApplication,
	type ApplicationInput
} from './application';
import { makeIdNumber } from './id-number';

const scan = (name = 'scan.jpg', size = 200 * 1024) => [{ name, size }];

function valid(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
	return {
		kind: '变更',
		category: 'C2',
		idNumber: makeIdNumber('530102', '19900607', 461),
		name: '李明',
		title: '无',
		position: '安全员',
		enterprise: 'abcdefghijklmno',
		files: {
			idCardBack: scan('back.jpg'),
			idCardFront: scan('front.png'),
			pledge: scan('pledge.pdf'),
			applicationForm: [...scan('p1.jpg'), ...scan('p2.jpg')],
			socialInsurance: scan('si.pdf')
		},
		...overrides
	};
}

describe('validateApplication', () => {
	it('accepts a complete change application', () => {
		expect(validateApplication(valid())).toEqual({});
	});

	it('asks B holders for the 建造师执业证书', () => {
		expect(requiredAttachments('变更', 'B')).toContain('builderCert');
		expect(requiredAttachments('变更', 'A')).not.toContain('builderCert');
		const errors = validateApplication(valid({ category: 'B' }));
		expect(errors).toEqual({ builderCert: 'B证须上传建造师执业证书（带二维码可验证）' });
		expect(validateApplication(valid({ category: 'B', files: { ...valid().files, builderCert: scan('b.jpg') } }))).toEqual({});
	});

	it('names every missing value and attachment in Chinese', () => {
		const errors = validateApplication(valid({ idNumber: '', name: ' ', title: '', position: '', enterprise: '', files: {} }));
		expect(errors.idNumber).toBe('请输入身份证号');
		expect(errors.name).toBe(APPLICATION_MESSAGES.nameEmpty);
		expect(errors.title).toContain('填“无”');
		expect(errors.position).toBe(APPLICATION_MESSAGES.positionEmpty);
		expect(errors.enterprise).toContain('需与社保一致');
		expect(errors.pledge).toBe('请上传承诺书');
		expect(errors.applicationForm).toBe('请上传申请表');
		expect(errors.socialInsurance).toBe('请上传劳动合同和社保附件');
		expect(errors.idCardBack).toBe('请上传身份证国徽面扫描件');
	});

	it('checks the ID number and the name', () => {
		const id = makeIdNumber('530102', '19900607', 461);
		const wrongCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
		expect(validateApplication(valid({ idNumber: wrongCheck })).idNumber).toContain('校验位');
		expect(validateApplication(valid({ name: '李' })).name).toBe(APPLICATION_MESSAGES.nameLength);
		expect(validateApplication(valid({ name: '李明1' })).name).toBe(APPLICATION_MESSAGES.nameChars);
		expect(validateApplication(valid({ name: '阿依古丽·买买提' })).name).toBeUndefined();
	});

	it('refuses a late renewal and accepts one on D − 1', () => {
		const now = new Date('2023-06-29T10:00:00+08:00');
		expect(validateApplication(valid({ kind: '延续', validUntil: '2023-06-30', now }))).toEqual({});
		const late = validateApplication(valid({ kind: '延续', validUntil: '2023-06-29', now }));
		expect(late.certificate).toContain('2023-06-28 以前提交');
	});

	it('refuses an unknown kind', () => {
		expect(validateApplication(valid({ kind: '注销' }))).toEqual({ kind: APPLICATION_MESSAGES.kind });
	});
});

describe('attachmentError', () => {
	it('checks type, size and count', () => {
		expect(attachmentError('pledge', scan('a.docx'), true)).toContain('jpg、png 或 pdf');
		expect(attachmentError('pledge', [{ name: 'a.bin', size: 200_000, type: 'image/png' }], true)).toBeNull();
		expect(attachmentError('pledge', scan('a.jpg', 0), true)).toContain('空文件');
		expect(attachmentWarning({ name: 'a.jpg', size: 3000 })).toContain('可能不够清晰');
		expect(attachmentWarning({ name: 'a.jpg', size: 300_000 })).toBeNull();
		expect(attachmentError('pledge', scan('a.jpg', ATTACHMENT_MAX_BYTES + 1), true)).toContain('超过10MB');
		expect(attachmentError('idCardBack', [...scan('a.jpg'), ...scan('b.jpg')], true)).toContain('最多上传 1 个');
		expect(attachmentError('builderCert', [], false)).toBeNull();
		// Stored files are known by name only.
		expect(attachmentError('pledge', [{ name: 'pledge_x8f.pdf' }], true)).toBeNull();
	});
});

describe('operationStatusText', () => {
	it('uses the seed wording for a rejection', () => {
		expect(operationStatusText({ kind: '变更', status: '审核不通过', rejectReasons: ['在新单位参保不满3个月'] })).toBe(
			'变更证书审批不通过 原因: 在新单位参保不满3个月'
		);
		expect(operationStatusText({ kind: '延续', status: '已发证' })).toContain('电子证书已发放');
	});
});

describe('a renewal reads like a renewal', () => {
	it('labels the values as what the renewed certificate will say, not 变更后…', () => {
		expect(applicationValueLabels('变更')).toMatchObject({ name: '变更后姓名', enterprise: '变更后工作单位' });
		expect(applicationValueLabels('延续')).toMatchObject({ name: '延续证书上的姓名', enterprise: '延续证书上的工作单位' });
		for (const label of Object.values(applicationValueLabels('延续'))) expect(label).not.toContain('变更');
	});
	it('asks for the certificate being renewed, not the one-off paper conversion', () => {
		const renewal = attachmentSpecs('延续');
		const change = attachmentSpecs('变更');
		expect(change.find((s) => s.field === 'applicationForm')!.hint).toContain('由于是第一次纸质证书换证工作');
		expect(renewal.find((s) => s.field === 'applicationForm')!.hint).not.toContain('第一次纸质证书换证');
		expect(renewal.find((s) => s.field === 'pledge')!.hint).toContain('延续证书承诺书');
		expect(renewal.map((s) => s.field)).toEqual(change.map((s) => s.field));
		expect(pledgeTemplateLabel('延续')).toBe('下载延续证书承诺书（模板）');
		expect(pledgeTemplateLabel('变更')).toBe('下载变更证书承诺书（模板）');
	});
});

describe('操作状态 when the issuance needs a reviewer', () => {
	it('tells the applicant a reviewer is on it, never the internal reason', () => {
		expect(operationStatusText({ kind: '变更', status: '审核通过' })).toBe('变更证书审核通过，等待推送电子证书');
		expect(operationStatusText({ kind: '变更', status: '审核通过', issueFailedAt: '2026-11-29 04:00:00.000Z' })).toBe(
			'变更证书审核通过，电子证书发放遇到问题，审核人员正在处理'
		);
	});
});
