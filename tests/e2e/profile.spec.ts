/**
 * 个人信息: the applicant fills in the phone number the page used to show as
 * 未填写 with no way to change it; a wrong number is explained at the field
 * and the message goes once it is fixed.
 */
import { PROFILE_MESSAGES } from '../../src/lib/domain';
import { test, expect } from './fixtures';

test('an applicant fills in the missing phone number on 个人信息', async ({ page, makeApplicant, loginAs, admin }) => {
	const a = await makeApplicant({ data: { phone: '' } });
	await loginAs(page, a);
	await page.goto('/profile');
	await expect(page.locator('dd', { hasText: '未填写' })).toBeVisible();

	const phone = page.getByRole('region', { name: '联系电话' });
	await phone.getByLabel('手机号码').fill('12345');
	await phone.getByRole('button', { name: '保存手机号码' }).click();
	await expect(phone.getByRole('alert').filter({ hasText: PROFILE_MESSAGES.phone })).toBeVisible();
	await expect(phone.getByLabel('手机号码')).toBeFocused();

	await phone.getByLabel('手机号码').fill('13800000009');
	await expect(phone.getByRole('alert')).toHaveCount(0);
	await phone.getByRole('button', { name: '保存手机号码' }).click();
	await expect(phone.getByRole('status')).toHaveText('手机号码：已保存');
	await expect.poll(async () => (await admin.collection('applicants').getOne(a.record.id)).phone).toBe('13800000009');
	// The page follows the record: the number shows where 未填写 was.
	await expect(page.locator('dd', { hasText: '13800000009' })).toBeVisible();
});
