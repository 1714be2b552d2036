import { describe, expect, it } from 'vitest';
import { certificateActions, reopenLabel } from './certificate-actions';

const now = new Date('2026-05-15T10:00:00+08:00');
const valid = (validUntil: string) => ({ status: '有效', validUntil });

describe('what a holder may do with a certificate', () => {
	it('a valid certificate far from expiry: 变更 only, with the window named', () => {
		const a = certificateActions(valid('2028-06-30'), undefined, now);
		expect(a).toMatchObject({ busy: false, changeable: true, renewable: false, reopenable: false, countdown: '' });
		expect(a.renewalNote).toContain('2028-03-30 至 2028-06-29');
	});

	it('inside the renewal window: 延续 too, with the countdown', () => {
		const a = certificateActions(valid('2026-06-30'), undefined, now);
		expect(a).toMatchObject({ changeable: true, renewable: true, renewalNote: null });
		expect(a.countdown).toBe('距延续申请截止还有 45 天（2026-06-29 以前提交）');
	});

	it('an application being handled blocks a new one; a renewal on its way stops the countdown', () => {
		const change = certificateActions(valid('2026-06-30'), { status: '已提交', kind: '变更' }, now);
		expect(change).toMatchObject({ busy: true, changeable: false, renewable: false, renewalNote: null });
		expect(change.countdown).not.toBe('');
		expect(certificateActions(valid('2026-06-30'), { status: '审核中', kind: '延续' }, now).countdown).toBe('');
	});

	it('a refused or withdrawn application is reopened rather than started again', () => {
		const a = certificateActions(valid('2028-06-30'), { status: '审核不通过', kind: '变更' }, now);
		expect(a).toMatchObject({ reopenable: true, changeable: false, busy: false });
		expect(reopenLabel('审核不通过')).toBe('补充资料');
		expect(reopenLabel('已撤回')).toBe('重新提交');
	});

	it('a lapsed certificate offers nothing', () => {
		expect(certificateActions({ status: '失效', validUntil: '2026-06-30' }, undefined, now)).toMatchObject({
			changeable: false,
			renewable: false,
			renewalNote: null,
			countdown: ''
		});
	});
});
