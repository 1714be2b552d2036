import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { enormousJpegHeader, heicFile, inspectJpeg, sidewaysJpeg, transparentPng, validJpeg } from './photo-images';
import { makeJpeg } from '../support/jpeg';
import { readPhotoDraft, readResult } from './photo-draft';

const jpg = (name: string, buffer: Buffer) => ({ name, mimeType: 'image/jpeg', buffer });

async function openPhotoTool(page: Page, login: () => Promise<void>) {
	await login();
	await page.goto('/photo');
	await expect(page.getByRole('heading', { name: '证件照片审核处理工具' })).toBeVisible();
}

/** The latest change reaches the worker on the next frame; then its answer shows. */
async function settled(page: Page) {
	await page.waitForTimeout(100);
	await expect(page.locator('.thumb.result')).toHaveAttribute('aria-busy', 'false');
	await expect(page.getByAltText('裁剪结果')).toBeVisible();
}

async function saveAcknowledging(page: Page) {
	const save = page.getByRole('button', { name: '保存并使用' });
	const confirm = page.getByLabel('我已知晓上述问题，仍使用此照片');
	if (await confirm.isVisible()) {
		// Heuristic problems (a drawn figure is no detectable face) must be acknowledged first.
		await expect(save).toBeDisabled();
		await confirm.check();
	}
	await expect(save).toBeEnabled();
	await save.click();
	await expect(page.getByRole('status').filter({ hasText: '照片已保存在本机' })).toBeVisible();
}

test.describe('证件照片审核处理工具', () => {
	test('open, zoom with the wheel, move and resize the box, move the image, 保存并使用 → a clean 1.3 JPEG in the draft', async ({
		page,
		makeApplicant,
		loginAs
	}) => {
		const a = await makeApplicant();
		await openPhotoTool(page, () => loginAs(page, a));
		for (const text of ['滚动鼠标滚轮', '蓝色功能点', '裁剪框区域内', '裁剪框区域外', '白底', '440×572', '报考人对照片质量负责']) {
			await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
		}
		await expect(page.getByRole('img', { name: /示例照片/ })).toBeVisible();
		await expect(page.getByRole('button', { name: '保存并使用' })).toBeDisabled();

		await page.getByLabel('打开文件').setInputFiles(jpg('figure.jpg', validJpeg()));
		await expect(page.getByText('原图 1600×1200 像素')).toBeVisible();
		await settled(page);

		const image = page.locator('cropper-image');
		const selection = page.locator('cropper-selection');
		// Mouse input only reaches what is on screen.
		await page.locator('cropper-canvas').evaluate((el) => el.scrollIntoView({ block: 'center' }));
		const canvasBox = (await page.locator('cropper-canvas').boundingBox())!;
		const transform = () => image.evaluate((el) => (el as HTMLElement).style.transform);

		// ① The wheel zooms the image (outside the box, near the canvas corner).
		const before = await transform();
		await page.mouse.move(canvasBox.x + 20, canvasBox.y + 20);
		for (let i = 0; i < 3; i++) {
			await page.mouse.wheel(0, -120);
			await page.waitForTimeout(120); // cropper debounces wheel zoom to one step per 50 ms
		}
		await expect.poll(transform).not.toBe(before);

		// ② The blue SE handle resizes the box (kept at 1.3).
		let box = (await selection.boundingBox())!;
		const handle = (await page.locator('cropper-selection cropper-handle[action="se-resize"]').boundingBox())!;
		await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
		await page.mouse.down();
		await page.mouse.move(handle.x - 40, handle.y - 40, { steps: 5 });
		await page.mouse.up();
		const resized = (await selection.boundingBox())!;
		expect(resized.width).toBeLessThan(box.width - 10);
		expect(resized.height / resized.width).toBeCloseTo(1.3, 1);

		// ③ Dragging inside the box moves it.
		box = resized;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width / 2 + 25, box.y + box.height / 2 + 15, { steps: 5 });
		await page.mouse.up();
		const moved = (await selection.boundingBox())!;
		expect(Math.abs(moved.x - box.x) + Math.abs(moved.y - box.y)).toBeGreaterThan(5);
		expect(moved.width).toBeCloseTo(box.width, 0);

		// ④ Dragging outside the box moves the image.
		const t0 = await transform();
		await page.mouse.move(canvasBox.x + 12, canvasBox.y + canvasBox.height - 12);
		await page.mouse.down();
		await page.mouse.move(canvasBox.x + 30, canvasBox.y + canvasBox.height - 30, { steps: 5 });
		await page.mouse.up();
		await expect.poll(transform).not.toBe(t0);

		// The box never leaves the image.
		const inside = await page.evaluate(() => {
			const i = document.querySelector('cropper-image')!.getBoundingClientRect();
			const s = document.querySelector('cropper-selection')!.getBoundingClientRect();
			return s.left >= i.left - 1 && s.top >= i.top - 1 && s.right <= i.right + 1 && s.bottom <= i.bottom + 1;
		});
		expect(inside).toBe(true);

		await settled(page);
		await expect(page.locator('[data-check="resolution"]')).toContainText('通过');
		await expect(page.locator('[data-check="ratio"]')).toContainText('通过');
		// Heuristic verdicts depend on where the box ended up; they are listed either way.
		await expect(page.locator('[data-check="background"]')).toBeVisible();
		await saveAcknowledging(page);

		const draft = (await readPhotoDraft(page))!;
		expect(draft.name).toBe('photo.jpg');
		expect(draft.type).toBe('image/jpeg');
		const jpeg = inspectJpeg(Uint8Array.from(draft.bytes));
		expect(jpeg.width).toBeGreaterThanOrEqual(440);
		expect(jpeg.height).toBeGreaterThanOrEqual(572);
		expect(jpeg.height).toBe(jpeg.width * 1.3);
		expect(jpeg.hasApp1).toBe(false);
		expect(draft.bytes.length).toBeLessThanOrEqual(300 * 1024);
		const report = draft.fields.photoCheck as { results: { id: string; level: string }[]; output: { width: number } };
		expect(report.output.width).toBe(jpeg.width);
		expect(report.results.map((r) => r.id)).toEqual(expect.arrayContaining(['decodable', 'resolution', 'ratio', 'background', 'face']));

		// The saved photo is there after a reload (offline draft, not memory).
		await page.reload();
		await expect(page.getByRole('img', { name: '已保存的证件照片' })).toBeVisible();
	});

	test('keyboard and buttons do what dragging does', async ({ page, makeApplicant, loginAs }) => {
		const a = await makeApplicant();
		await openPhotoTool(page, () => loginAs(page, a));
		await page.getByLabel('打开文件').setInputFiles(jpg('figure.jpg', validJpeg()));
		await settled(page);
		const selection = page.locator('cropper-selection');
		const b0 = (await selection.boundingBox())!;
		await page.getByRole('button', { name: '缩小裁剪框' }).click();
		const b1 = (await selection.boundingBox())!;
		expect(b1.width).toBeLessThan(b0.width);
		await page.getByRole('button', { name: '左移' }).click();
		const b2 = (await selection.boundingBox())!;
		expect(b2.x).toBeLessThan(b1.x);
		await page.getByRole('group', { name: /裁剪区域/ }).focus();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		const b3 = (await selection.boundingBox())!;
		expect(b3.y).toBeGreaterThan(b2.y);
		const image = page.locator('cropper-image');
		const t = await image.evaluate((el) => (el as HTMLElement).style.transform);
		await page.getByRole('button', { name: '放大图片' }).click();
		await expect.poll(() => image.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(t);
	});

	test.describe('on a touch screen', () => {
		test.use({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });

		test('a pinch zooms the image and one finger drags the box', async ({ page, context, makeApplicant, loginAs }) => {
			const a = await makeApplicant();
			await openPhotoTool(page, () => loginAs(page, a));
			await page.getByLabel('打开文件').setInputFiles(jpg('figure.jpg', validJpeg()));
			await settled(page);
			await page.locator('cropper-canvas').evaluate((el) => el.scrollIntoView({ block: 'center' }));
			const canvas = (await page.locator('cropper-canvas').boundingBox())!;
			const transform = () => page.locator('cropper-image').evaluate((el) => (el as HTMLElement).style.transform);
			const cdp = await context.newCDPSession(page);
			const touch = (type: string, touchPoints: { x: number; y: number; id: number }[]) =>
				cdp.send('Input.dispatchTouchEvent', { type: type as 'touchStart', touchPoints });

			// Two fingers spreading apart below the box.
			const before = await transform();
			const cx = canvas.x + canvas.width / 2;
			const cy = canvas.y + canvas.height - 30;
			const fingers = (d: number) => [
				{ x: cx - d, y: cy, id: 0 },
				{ x: cx + d, y: cy, id: 1 }
			];
			await touch('touchStart', fingers(20));
			for (let d = 25; d <= 60; d += 5) {
				await touch('touchMove', fingers(d));
				await page.waitForTimeout(30);
			}
			await touch('touchEnd', []);
			await expect.poll(transform).not.toBe(before);

			// One finger inside the box moves it; the box stays on the canvas.
			const box = (await page.locator('cropper-selection').boundingBox())!;
			const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
			await touch('touchStart', [{ ...start, id: 0 }]);
			for (let k = 1; k <= 6; k++) {
				await touch('touchMove', [{ x: start.x - 4 * k, y: start.y - 3 * k, id: 0 }]);
				await page.waitForTimeout(20);
			}
			await touch('touchEnd', []);
			const moved = (await page.locator('cropper-selection').boundingBox())!;
			expect(Math.abs(moved.x - box.x) + Math.abs(moved.y - box.y)).toBeGreaterThan(5);
			// Measured together: the page may have scrolled meanwhile.
			const stage = (await page.locator('cropper-canvas').boundingBox())!;
			expect(moved.y).toBeGreaterThanOrEqual(stage.y - 1);
			expect(moved.y + moved.height).toBeLessThanOrEqual(stage.y + stage.height + 1);
		});
	});

	test('an EXIF-rotated phone photo is cropped upright and saved without EXIF', async ({ page, makeApplicant, loginAs }) => {
		const a = await makeApplicant();
		await openPhotoTool(page, () => loginAs(page, a));
		await page.getByLabel('打开文件').setInputFiles(jpg('sideways.jpg', sidewaysJpeg()));
		// Stored 1300×1000 with orientation 6: shown (and cropped) as 1000×1300.
		await expect(page.getByText('原图 1000×1300 像素')).toBeVisible();
		await settled(page);
		// Red and blue halves are no ID photo (a coloured backdrop blocks saving): read the result itself.
		const draft = await readResult(page);
		const jpeg = inspectJpeg(Uint8Array.from(draft.bytes));
		expect(jpeg.hasApp1).toBe(false);
		expect(jpeg.height).toBe(jpeg.width * 1.3);
		// Red was the stored left edge; turned upright it is the top.
		expect(draft.top[0]).toBeGreaterThan(150);
		expect(draft.top[2]).toBeLessThan(100);
		expect(draft.bottom[2]).toBeGreaterThan(150);
		expect(draft.bottom[0]).toBeLessThan(100);
	});

	test('bad files each get a clear message and the page stays usable', async ({ page, makeApplicant, loginAs }) => {
		const a = await makeApplicant();
		await openPhotoTool(page, () => loginAs(page, a));
		const input = page.getByLabel('打开文件');
		const alert = page.getByRole('alert');
		const good = validJpeg(1200, 1600);
		const cases: [string, { name: string; mimeType: string; buffer: Buffer }, RegExp][] = [
			[
				'not an image',
				{ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是图片，只是一段文字。\n'.repeat(20)) },
				/不是图片/
			],
			['truncated JPEG', jpg('cut.jpg', good.subarray(0, Math.floor(good.length * 0.6))), /已损坏或不完整/],
			[
				'corrupt JPEG (no frame header)',
				jpg('bad.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0]), Buffer.alloc(2000, 0x55)])),
				/已损坏或不完整/
			],
			['HEIC', { name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: heicFile() }, /HEIC/],
			['transparent PNG', { name: 'cutout.png', mimeType: 'image/png', buffer: transparentPng() }, /透明/],
			['tiny image', jpg('tiny.jpg', Buffer.from(makeJpeg(200, 260))), /200×260.*440×572/],
			['enormous image', jpg('huge.jpg', enormousJpegHeader()), /20000×15000/],
			['empty file', { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) }, /空的/]
		];
		for (const [what, file, message] of cases) {
			await input.setInputFiles(file);
			await expect(alert.filter({ hasText: message }), what).toBeVisible();
			await expect(page.getByRole('button', { name: '保存并使用' }), what).toBeDisabled();
		}
		// Still usable: a good photo opens, replaces the message, and can be saved.
		await input.setInputFiles(jpg('good.jpg', good));
		await expect(alert.filter({ hasText: /不是图片|损坏|HEIC|透明|像素|空的/ })).toHaveCount(0);
		await settled(page);
		await saveAcknowledging(page);
		expect(await readPhotoDraft(page)).toBeTruthy();
	});

	test('a picture of exactly 440×572 is used whole: the box cannot shrink below it', async ({ page, makeApplicant, loginAs }) => {
		const a = await makeApplicant();
		await openPhotoTool(page, () => loginAs(page, a));
		await page.getByLabel('打开文件').setInputFiles(jpg('min.jpg', validJpeg(440, 572)));
		await settled(page);
		await page.getByRole('button', { name: '缩小裁剪框' }).click();
		await settled(page);
		await expect(page.getByTestId('output-info')).toContainText('440×572');
		await expect(page.locator('[data-check="resolution"]')).toContainText('通过');
	});

	test('without OffscreenCanvas (older WebViews) the same pipeline runs on the page, and face checks say 未检测', async ({
		page,
		makeApplicant,
		loginAs
	}) => {
		await page.addInitScript(() => {
			// @ts-expect-error removing the API as older iOS WebViews lack it
			delete globalThis.OffscreenCanvas;
		});
		const a = await makeApplicant();
		await openPhotoTool(page, () => loginAs(page, a));
		await page.getByLabel('打开文件').setInputFiles(jpg('figure.jpg', validJpeg()));
		await settled(page);
		await expect(page.locator('[data-check="face"]')).toContainText('未检测');
		await expect(page.locator('[data-check="ratio"]')).toContainText('通过');
		await saveAcknowledging(page);
		const draft = (await readPhotoDraft(page))!;
		const jpeg = inspectJpeg(Uint8Array.from(draft.bytes));
		expect(jpeg.height).toBe(jpeg.width * 1.3);
		expect(jpeg.hasApp1).toBe(false);
		const report = draft.fields.photoCheck as { faceDetector: string | null; results: { id: string; level: string }[] };
		expect(report.faceDetector).toBeNull();
		expect(report.results.find((r) => r.id === 'face')?.level).toBe('skip');
	});

	test('fits a 360 px wide phone screen without sideways scrolling', async ({ page, makeApplicant, loginAs }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		const a = await makeApplicant();
		await openPhotoTool(page, () => loginAs(page, a));
		await page.getByLabel('打开文件').setInputFiles(jpg('figure.jpg', validJpeg()));
		await settled(page);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
});
