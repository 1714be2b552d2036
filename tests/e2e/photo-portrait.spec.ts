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
	page
		.locator('[data-check]')
		.evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-check'), e.className.split(' ')[0]])));

test.describe('证件照片: a real face', () => {
	test('a correct white-background portrait opens with every check passing, no adjustment, no tick', async ({
		page,
		makeApplicant,
		loginAs
	}) => {
		await loginAs(page, await makeApplicant());
		// From the menu, as most applicants arrive.
		await page.getByRole('link', { name: '证件照片', exact: true }).click();
		await expect(page.getByRole('heading', { name: '证件照片审核处理工具' })).toBeVisible();
		// Every alert that ever shows while the photo opens (a 0×0 crop used to flash by).
		await page.evaluate(() => {
			const seen: string[] = ((window as unknown as { alertsSeen: string[] }).alertsSeen = []);
			new MutationObserver(() => document.querySelectorAll('[role="alert"], .fail').forEach((e) => seen.push(e.textContent ?? ''))).observe(
				document.body,
				{
					subtree: true,
					childList: true,
					characterData: true
				}
			);
		});
		await page.getByLabel('打开文件').setInputFiles(await portraitJpeg(page, 'portrait.jpg', { width: 3000, height: 4000 }));
		await checked(page);
		expect(await page.evaluate(() => (window as unknown as { alertsSeen: string[] }).alertsSeen)).toEqual([]);
		expect(await levels(page)).toEqual({
			decodable: 'pass',
			resolution: 'pass',
			ratio: 'pass',
			background: 'pass',
			colour: 'pass',
			exposure: 'pass',
			sharpness: 'pass',
			face: 'pass',
			headSize: 'pass',
			headPosition: 'pass'
		});
		await expect(page.getByLabel('我已知晓上述问题，仍使用此照片')).toHaveCount(0);
		await page.getByRole('button', { name: '保存并使用' }).click();
		const saved = page.getByRole('status').filter({ hasText: '照片已保存在本机' });
		await expect(saved).toBeVisible();
		// Came from the menu: the way on is 证书申领, not "back" to the home page.
		await expect(saved.getByRole('link')).toHaveText('去证书申领提交变更申请');
		await expect(saved.getByRole('link')).toHaveAttribute('href', '/apply');
		const draft = (await readPhotoDraft(page))!;
		expect(draft.fields.photoCheck).toMatchObject({ faceDetector: expect.any(String) });
		expect((draft.fields.photoCheck as { acknowledged?: boolean }).acknowledged).toBeUndefined();
	});

	test('a blue-background portrait fails 白色背景, and 换成白色背景 makes it pass; the reviewer is told', async ({
		page,
		makeApplicant,
		loginAs
	}) => {
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
				return (await (await caches.open('on-demand')).keys()).map((r) => new URL(r.url).pathname);
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

	test("the photo tool's model is not in every visitor's precache: an enterprise never downloads it", async ({
		page,
		makeEnterprise,
		loginAs
	}) => {
		const requested: string[] = [];
		page.on('request', (r) => requested.push(new URL(r.url()).pathname));
		await loginAs(page, await makeEnterprise());
		const shell = () => page.evaluate(async () => (await (await caches.open('app-shell')).keys()).map((r) => new URL(r.url).pathname));
		await expect.poll(shell, { timeout: 30_000 }).toContain('/');
		const precached = await shell();
		expect(precached.some((p) => p.startsWith('/_app/immutable/entry/'))).toBe(true);
		for (const p of [...precached, ...requested]) expect(p).not.toMatch(/^\/(models|tfjs|_app\/immutable\/workers)\//);
		// PocketBase's API and admin UI are never cached, though the enterprise page has called the API.
		expect(requested.some((p) => p.startsWith('/api/'))).toBe(true);
		const everything = await page.evaluate(async () => {
			const out: string[] = [];
			for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
			return out;
		});
		for (const p of everything) expect(p).not.toMatch(/^\/(api|_)(\/|$)/);
	});

	test('the crop box is drawn as the result looks (not paler), and re-fits the stage when the window narrows', async ({
		page,
		makeApplicant,
		loginAs
	}) => {
		await loginAs(page, await makeApplicant());
		await openTool(page);
		await page.getByLabel('打开文件').setInputFiles(await portraitJpeg(page, 'portrait.jpg'));
		await checked(page);
		const selection = page.locator('cropper-selection');
		await selection.evaluate((el) => el.scrollIntoView({ block: 'center' }));
		// The middle of the face on screen and in the result: the same colour, within JPEG and scaling noise.
		const onScreen = await selection.screenshot();
		const mid = async (png: Buffer | string) =>
			page.evaluate(
				async (src) => {
					const img = await createImageBitmap(await (await fetch(src)).blob());
					const c = new OffscreenCanvas(img.width, img.height);
					const g = c.getContext('2d')!;
					g.drawImage(img, 0, 0);
					// Cheek, below the left eye: skin without features.
					const d = g.getImageData(Math.round(img.width * 0.4), Math.round(img.height * 0.5), 4, 4).data;
					let l = 0;
					for (let i = 0; i < d.length; i += 4) l += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
					return l / 16;
				},
				typeof png === 'string' ? png : `data:image/png;base64,${png.toString('base64')}`
			);
		const shown = await mid(onScreen);
		const result = await mid((await page.getByAltText('裁剪结果').getAttribute('src'))!);
		expect(Math.abs(shown - result)).toBeLessThan(12);

		await page.setViewportSize({ width: 700, height: 900 });
		const inside = async () =>
			page.evaluate(() => {
				const c = document.querySelector('cropper-canvas')!.getBoundingClientRect();
				const s = document.querySelector('cropper-selection')!.getBoundingClientRect();
				return s.width > 50 && s.left >= c.left - 1 && s.right <= c.right + 1 && s.top >= c.top - 1 && s.bottom <= c.bottom + 1;
			});
		await expect.poll(inside).toBe(true);
		// The same part of the photo: the checks still pass, nothing was re-cropped.
		expect(await levels(page)).toMatchObject({ headSize: 'pass', headPosition: 'pass' });
	});

	test('a bad file after a good one keeps the good photo, and says so', async ({ page, makeApplicant, loginAs }) => {
		await loginAs(page, await makeApplicant());
		await openTool(page);
		await page.getByLabel('打开文件').setInputFiles(await portraitJpeg(page, 'portrait.jpg'));
		await checked(page);
		await page
			.getByLabel('打开文件')
			.setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是图片'.repeat(50)) });
		await expect(page.getByRole('alert').filter({ hasText: '不是图片' })).toContainText('已保留之前的照片');
		await expect(page.getByRole('button', { name: '保存并使用' })).toBeEnabled();
	});

	test('from an application form, 重新上传 leads to the tool and, once saved, back to the form', async ({
		page,
		makeApplicant,
		loginAs
	}) => {
		const a = await makeApplicant();
		await loginAs(page, a);
		await page.goto(`/apply/${a.certificate!.id}`);
		await page.getByRole('link', { name: '重新上传' }).click();
		await expect(page.getByRole('heading', { name: '证件照片审核处理工具' })).toBeVisible();
		await page.getByLabel('打开文件').setInputFiles(await portraitJpeg(page, 'portrait.jpg'));
		await checked(page);
		await page.getByRole('button', { name: '保存并使用' }).click();
		const back = page.getByRole('status').filter({ hasText: '照片已保存在本机' }).getByRole('link');
		await expect(back).toHaveText('返回申请表继续填写');
		await back.click();
		await expect(page).toHaveURL(new RegExp(`/apply/${a.certificate!.id}`));
		await expect(page.getByRole('img', { name: '新证件照片' })).toBeVisible();
	});
});
