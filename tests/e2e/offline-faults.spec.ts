/**
 * Faults during sync: an upload cut mid-way, an answer lost after the server
 * saved the record, and PocketBase killed mid-upload and restarted. Each ends
 * with exactly one record on the server and nothing lost on the device.
 */
import { test, expect } from './fixtures';
import { startPocketBase } from '../support/pocketbase';
import {
	adminAt,
	enterpriseAt,
	expectOneRecord,
	fillChange,
	jpegOf,
	loginAt,
	openChangeForm,
	startProxy,
	waitForOfflineReady
} from './offline-helpers';

test.describe('同步中的故障', () => {
	test('network cut during an upload: retried, one record', async ({ page, admin, makeEnterprise, baseURL }) => {
		const proxy = await startProxy(baseURL!);
		try {
			const e = await makeEnterprise();
			await loginAt(page, proxy.url, e);
			await openChangeForm(page);
			await fillChange(page, '断网上传建设有限公司', jpegOf(600));
			proxy.next({ cutUploadAfter: 120_000 });
			await page.getByRole('button', { name: '保存', exact: true }).click();
			await expectOneRecord(admin, e.record.id, '断网上传建设有限公司');
			expect(proxy.events.some((ev) => ev.startsWith('cut-after-'))).toBe(true);
			await page.goto(`${proxy.url}/drafts`);
			await expect(page.getByRole('list', { name: '提交记录' }).locator('[data-status]')).toHaveAttribute('data-status', 'done');
			await expect(page.getByText('没有草稿')).toBeVisible();
		} finally {
			await proxy.close();
		}
	});

	test('the answer is lost after the server saved: the retry is recognised by its id, one record', async ({
		page,
		admin,
		makeEnterprise,
		baseURL
	}) => {
		const proxy = await startProxy(baseURL!);
		try {
			const e = await makeEnterprise();
			await loginAt(page, proxy.url, e);
			await openChangeForm(page);
			await fillChange(page, '丢失应答建设有限公司');
			proxy.next('lose-answer');
			await page.getByRole('button', { name: '保存', exact: true }).click();
			await expect.poll(() => proxy.events).toContain('answer-dropped');
			await expectOneRecord(admin, e.record.id, '丢失应答建设有限公司');
			await page.goto(`${proxy.url}/drafts`);
			await expect(page.getByRole('list', { name: '提交记录' }).locator('[data-status]')).toHaveAttribute('data-status', 'done', {
				timeout: 20_000
			});
		} finally {
			await proxy.close();
		}
	});

	test('PocketBase killed mid-upload and restarted: one record', async ({ page, context }) => {
		test.setTimeout(120_000);
		const pb = await startPocketBase();
		try {
			const admin = await adminAt(pb.url);
			const e = await enterpriseAt(admin);
			await loginAt(page, pb.url, e);
			await waitForOfflineReady(page);
			await openChangeForm(page);
			await fillChange(page, '服务重启建设有限公司', jpegOf(900));

			// Slow the upload so the server can die in the middle of it.
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.emulateNetworkConditions', {
				offline: false,
				latency: 20,
				downloadThroughput: -1,
				uploadThroughput: 120 * 1024
			});
			await page.getByRole('button', { name: '保存', exact: true }).click();
			await expect(page.getByRole('list', { name: '上传进度' }).first()).toBeVisible({ timeout: 15_000 });
			await pb.kill();
			await page.waitForTimeout(1500);
			await expect(page.getByText(/待同步 1 项/)).toBeVisible();
			await pb.restart();
			await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

			await expectOneRecord(admin, e.record.id, '服务重启建设有限公司');
		} finally {
			await pb.stop();
		}
	});
});
