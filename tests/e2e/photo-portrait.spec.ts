/**
 * The photo tool on a face a detector really finds (tests/e2e/portrait.ts):
 * a good photo passes as it opens, a blue one is fixed by 换白底, a dark one
 * is not called blurred, a grey one cannot be saved, and face checks still
 * run on an offline cold start.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BLUE_BACKDROP, portraitJpeg } from './portrait';
import { readPhotoDraft } from './photo-draft';

async function openTool(page: Page) {
	await page.goto('/photo');
	await expect(page.getByRole('heading', { name: '证件照片审核处理工具' })).toBeVisible();
}

/** Checks are listed and no crop is on its way. */
async function checked(page: Page) {
	await expect(page.locator('[data-check="headPosition"]')).toBeVisible({ timeout: 20_000 });
	await expect(page.locator('.thumb.result')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

const levels = (page: Page) =>
	page.locator('[data-check]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-check'), e.className.split(' ')[0]])));

test.describe('证件照片: a real face', () => {
	test('a correct white-background portrait opens with every check passing, no adjustment, no tick', async ({ page, makeApplicant, loginAs }) => {
		await loginAs(page, await makeApplicant());
		await openTool(page);
		await page.getByLabel('打开文件').setInputFiles(await portraitJpeg(page, 'portrait.jpg'));
		await checked(page);
		expect(await levels(page)).toEqual({
			decodable: 'pass', resolution: 'pass', ratio: 'pass', background: 'pass', colour: 'pass',
			exposure: 'pass', sharpness: 'pass', face: 'pass', headSize: 'pass', headPosition: 'pass'
		});
		await expect(page.getByLabel('我已知晓上述问题，仍使用此照片')).toHaveCount(0);
		await page.getByRole('button', { name: '保存并使用' }).click();
		await expect(page.getByRole('status').filter({ hasText: '照片已保存在本机' })).toBeVisible();
		const draft = (await readPhotoDraft(page))!;
		expect(draft.fields.photoCheck).toMatchObject({ faceDetector: expect.any(String) });
		expect((draft.fields.photoCheck as { acknowledged?: boolean }).acknowledged).toBeUndefined();
	});

	test('a blue-background portrait fails 白色背景, and 换成白色背景 makes it pass; the reviewer is told', async ({ page, makeApplicant, loginAs }) => {
		await loginAs(page, await makeApplicant());
		await openTool(page);
		await page.getByLabel('打开文件').setInputFiles(await portraitJpeg(page, 'blue.jpg', { background: BLUE_BACKDROP }));
		await checked(page);
		const background = page.locator('[data-check="background"]');
		await expect(background).toContainText('不合格');
		await expect(background).toContainText('蓝色');
		await expect(page.getByRole('button', { name: '保存并使用' })).toBeDisabled();

		await page.getByLabel('换成白色背景').check();
		await expect(page.getByTestId('output-info')).toContainText('已换成白色背景', { timeout: 30_000 });
		await checked(page);
		expect(await levels(page)).toMatchObject({ background: 'pass', colour: 'pass', face: 'pass', headSize: 'pass', headPosition: 'pass' });
		await page.getByRole('button', { name: '保存并使用' }).click();
		await expect(page.getByRole('status').filter({ hasText: '照片已保存在本机' })).toBeVisible();
		const draft = (await readPhotoDraft(page))!;
		expect(draft.fields.photoCheck).toMatchObject({ backgroundReplaced: true });
		// The saved picture is white at the top corners, where the blue was.
		expect(Math.min(...draft.top)).toBeGreaterThan(240);
	});

	test('a dark but sharp photo is not called 模糊', async ({ page, makeApplicant, loginAs }) => {
		await loginAs(page, await makeApplicant());
		await openTool(page);
		await page.getByLabel('打开文件').setInputFiles(await portraitJpeg(page, 'dark.jpg', { brightness: 0.45 }));
		await checked(page);
		const sharpness = page.locator('[data-check="sharpness"]');
		await expect(sharpness).toContainText('通过');
		await expect(sharpness).not.toContainText('模糊');
	});

	test('a greyscale photo cannot be saved, not even by ticking 我已知晓', async ({ page, makeApplicant, loginAs }) => {
		await loginAs(page, await makeApplicant());
		await openTool(page);
		await page.getByLabel('打开文件').setInputFiles(await portraitJpeg(page, 'grey.jpg', { greyscale: true }));
		await checked(page);
		await expect(page.locator('[data-check="colour"]')).toContainText('不合格');
		await expect(page.getByRole('alert').filter({ hasText: '不符合硬性要求' })).toBeVisible();
		await expect(page.getByLabel('我已知晓上述问题，仍使用此照片')).toHaveCount(0);
		await expect(page.getByRole('button', { name: '保存并使用' })).toBeDisabled();
	});

	test('offline cold start after one online visit: the face checks still run', async ({ page, context, makeApplicant, loginAs }) => {
		await loginAs(page, await makeApplicant());
		await openTool(page);
		// The visit warms the face model; the service worker keeps what it fetched.
		const kept = () =>
			page.evaluate(async () => {
				if (!navigator.serviceWorker.controller) return [];
				return (await (await caches.open('photo-tools')).keys()).map((r) => new URL(r.url).pathname);
			});
		await expect
			.poll(kept, { timeout: 30_000 })
			.toEqual(
				expect.arrayContaining([
					'/models/tiny_face_detector_model.bin',
					'/models/face_landmark_68_tiny_model.bin',
					'/tfjs/tfjs-backend-wasm-simd.wasm',
					expect.stringMatching(/^\/_app\/immutable\/workers\/chunks\//)
				])
			);
		const file = await portraitJpeg(page, 'portrait.jpg');

		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { name: '证件照片审核处理工具' })).toBeVisible();
		await page.getByLabel('打开文件').setInputFiles(file);
		await checked(page);
		await expect(page.locator('[data-check="face"]')).toContainText('检测到一张人脸');
		expect(await levels(page)).toMatchObject({ face: 'pass', headSize: 'pass', headPosition: 'pass' });
		await context.setOffline(false);
	});

	test('the photo tool\'s model is not in every visitor\'s precache: an enterprise never downloads it', async ({ page, makeEnterprise, loginAs }) => {
		const requested: string[] = [];
		page.on('request', (r) => requested.push(new URL(r.url()).pathname));
		await loginAs(page, await makeEnterprise());
		const shell = () => page.evaluate(async () => (await (await caches.open('app-shell')).keys()).map((r) => new URL(r.url).pathname));
		await expect.poll(shell, { timeout: 30_000 }).toContain('/');
		const precached = await shell();
		expect(precached.some((p) => p.startsWith('/_app/immutable/entry/'))).toBe(true);
		for (const p of [...precached, ...requested]) expect(p).not.toMatch(/^\/(models|tfjs|_app\/immutable\/workers)\//);
	});
});
