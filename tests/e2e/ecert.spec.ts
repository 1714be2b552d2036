/**
 * The e-certificate as its holder and an inspector meet it: opened from 我的证书,
 * downloaded as PDF (read back with pdf.js: real text, a QR that decodes),
 * printed on one A4 page, and verified on /verify — also with no network.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import * as d from '../../src/lib/domain';
import { pdfPageCount, pdfText, renderPdfPage } from '../support/pdf';
import { decodeQrJpeg, decodeQrPixels } from '../support/qr';
import { expect, test, type TestAccount } from './fixtures';
import { validJpeg } from './photo-images';
import { waitForOfflineReady } from './offline-helpers';

const HOLDER = '李明华';

/** An applicant whose B certificate has just been issued as an e-certificate (the hooks sign it). */
async function issuedHolder(makeApplicant: (o?: object) => Promise<TestAccount>, serial: number) {
	return makeApplicant({
		data: {
			name: HOLDER,
			title: '高级工程师',
			position: '项目经理',
			photo: new File([validJpeg(600, 780)], 'photo.jpg', { type: 'image/jpeg' })
		},
		certificate: {
			category: 'B',
			certNo: d.formatCertNo({ category: 'B', year: 2024, serial }),
			firstIssued: '2021-07-01',
			ecertIssuedAt: new Date().toISOString()
		}
	});
}

async function openDocument(page: Page, account: TestAccount) {
	await page.goto('/certificates');
	const row = page.locator(`tr[data-certificate="${account.certificate!.id}"]`);
	await row.getByRole('link', { name: '打开电子证书' }).click();
	await expect(page).toHaveURL(new RegExp(`/certificates/${account.certificate!.id}$`));
	await expect(page.getByRole('article', { name: '电子证书' })).toBeVisible();
}

/** The verify URL a phone would read from the QR on screen. */
async function qrOnScreen(page: Page): Promise<string> {
	const shot = await page
		.getByRole('img', { name: '核验二维码' })
		.screenshot({ type: 'jpeg', quality: 100, path: test.info().outputPath('qr.jpg') });
	const text = decodeQrJpeg(shot);
	expect(text, 'the QR on screen decodes').not.toBeNull();
	return text!;
}

function alter(url: string): string {
	const [base, hash] = url.split('#');
	const [body, sig] = hash.split('.');
	const text = Buffer.from(body, 'base64url').toString('utf8');
	const until = text.split('|')[6];
	const forged = text.replace(`|${until}|`, `|${Number(until.slice(0, 4)) + 5}${until.slice(4)}|`);
	return `${base}#${Buffer.from(forged, 'utf8').toString('base64url')}.${sig}`;
}

test.describe('电子证书', () => {
	test('the holder opens it from 我的证书, downloads a PDF with real text and a QR that decodes, and prints it on one A4 page', async ({
		page,
		makeApplicant,
		loginAs,
		baseURL
	}) => {
		const a = await issuedHolder(makeApplicant, 41001);
		const certNo = a.certificate!.certNo as string;
		await loginAs(page, a);
		await openDocument(page, a);

		const sheet = page.getByRole('article', { name: '电子证书' });
		await expect(sheet.getByRole('heading', { name: d.ECERT_TITLE })).toBeVisible();
		for (const [field, value] of [
			['证书编号', certNo],
			['持证人', HOLDER],
			['证件号码', a.identity],
			['安管人员类别', 'B-项目负责人'],
			['技术职称', '高级工程师'],
			['初次领证日期', '2021-07-01']
		])
			await expect(sheet.locator(`dd[data-field="${field}"]`)).toHaveText(value);
		await expect(sheet.getByText('发证机关：云南省住房和城乡建设厅')).toBeVisible();
		await expect(sheet.getByText(`颁发日期：${d.chinaDay()}`)).toBeVisible();
		await expect(sheet.getByAltText('持证人照片')).toBeVisible();
		await expect(sheet.getByText('证照状态：有效（第 1 版电子证书）')).toBeVisible();

		const onScreen = await qrOnScreen(page);
		expect(onScreen).toBe(await page.getByRole('img', { name: '核验二维码' }).getAttribute('data-url'));
		expect(onScreen.startsWith(`${baseURL}/verify#`)).toBe(true);

		// PDF: real, selectable text (pdf.js reads it back), small, and the same QR.
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PDF' }).click()]);
		expect(download.suggestedFilename()).toBe(`电子证书-${certNo}.pdf`);
		const pdf = new Uint8Array(readFileSync((await download.path())!));
		writeFileSync(test.info().outputPath('ecert.pdf'), pdf);
		await expect(page.getByRole('status').filter({ hasText: 'PDF 已生成' })).toBeVisible();
		expect(pdf.length).toBeLessThan(400 * 1024);
		expect(await pdfPageCount(pdf)).toBe(1);
		const [text] = await pdfText(pdf);
		expect(text).toContain(certNo);
		expect(text).toContain(HOLDER);
		expect(text).toContain(d.ECERT_TITLE);
		const rendered = await renderPdfPage(pdf, 1, 3);
		expect(decodeQrPixels(rendered.data, rendered.width, rendered.height)).toBe(onScreen);

		// Print: the browser's own print-to-PDF of the page is one A4 page without the app's header.
		await page.emulateMedia({ media: 'print' });
		await page.setViewportSize({ width: 794, height: 1123 });
		await expect(page.locator('header.top')).toBeHidden();
		await expect(page.getByRole('button', { name: '下载 PDF' })).toBeHidden();
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		expect(height).toBeLessThanOrEqual(1123);
		await page.screenshot({ path: test.info().outputPath('print-a4.png'), fullPage: true });
		const printed = await page.pdf({ format: 'A4', printBackground: true });
		expect(await pdfPageCount(new Uint8Array(printed))).toBe(1);
		const [printedText] = await pdfText(new Uint8Array(printed));
		expect(printedText.replace(/\s/g, '')).toContain(certNo);
	});

	test('/verify: 真实有效 for the QR, 签名无效 for an altered payload, 查无此证 for an unknown number; offline it still verifies', async ({
		page,
		browser,
		makeApplicant,
		loginAs,
		admin,
		baseURL
	}) => {
		const a = await issuedHolder(makeApplicant, 41002);
		await loginAs(page, a);
		await openDocument(page, a);
		const url = await qrOnScreen(page);
		const masked = d.maskIdNumber(a.identity);

		// An inspector on another phone, not logged in.
		const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
		const inspector = await context.newPage();
		await inspector.goto(url);
		const result = inspector.locator('section.result');
		await expect(result.getByText(`✔ ${d.ECERT_MESSAGES.valid}`)).toBeVisible();
		await expect(result.getByText('李*华')).toBeVisible();
		await expect(result.getByText(masked)).toBeVisible();
		await expect(result.getByText(HOLDER)).toHaveCount(0);
		await expect(result.getByText(a.identity)).toHaveCount(0);
		await expect(result.getByText(`最新状态：${d.LIVE_STATUS_TEXT['有效']}`)).toBeVisible();

		// A reviewer revokes it: the signature is still genuine, the live status says 注销.
		await admin.collection('certificates').update(a.certificate!.id, { status: '注销' });
		await inspector.reload();
		await expect(result.getByText(`✔ ${d.ECERT_MESSAGES.valid}`)).toBeVisible();
		await expect(result.getByText(`最新状态：${d.LIVE_STATUS_TEXT['注销']}`)).toBeVisible();

		await inspector.goto(alter(url));
		await expect(result.getByText(`✘ ${d.ECERT_MESSAGES.badSignature}`)).toBeVisible();
		await expect(result.getByText(d.ECERT_MESSAGES.badSignatureDetail)).toBeVisible();
		await expect(result.getByText('李*华')).toHaveCount(0);

		// Manual entry: checked at the field first, then asked of the server.
		await inspector.goto('/verify');
		await inspector.getByRole('button', { name: '查询' }).click();
		await expect(inspector.getByText(d.VERIFY_QUERY_MESSAGES.noRequired)).toBeVisible();
		await expect(inspector.getByText(d.VERIFY_QUERY_MESSAGES.codeRequired)).toBeVisible();
		await inspector.getByLabel('证书编号').fill('云建安B（2020）9999999');
		await inspector.getByLabel('核验码').fill('ABCDEFGHJKLM');
		await inspector.getByRole('button', { name: '查询' }).click();
		await expect(inspector.getByRole('status').filter({ hasText: d.LIVE_STATUS_TEXT['查无此证'] })).toBeVisible();
		await inspector.getByLabel('证书编号').fill(a.certificate!.certNo as string);
		const code = (await admin.collection('certificates').getOne(a.certificate!.id)).verifyCode as string;
		await inspector.getByLabel('核验码').fill(code.toLowerCase());
		await inspector.getByRole('button', { name: '查询' }).click();
		await expect(inspector.getByRole('status').filter({ hasText: d.LIVE_STATUS_TEXT['注销'] })).toBeVisible();

		// No signal at the site: the app shell and the keys are on the phone, the signature still checks.
		await waitForOfflineReady(inspector);
		await context.setOffline(true);
		await inspector.goto(url);
		await expect(result.getByText(`✔ ${d.ECERT_MESSAGES.valid}`)).toBeVisible();
		await expect(result.getByText('当前无法联网，未能查询证书的最新状态')).toBeVisible();
		await inspector.goto(alter(url));
		await expect(result.getByText(`✘ ${d.ECERT_MESSAGES.badSignature}`)).toBeVisible();
		await context.close();
	});

	test("the holder's document opens offline once it has been kept on the device", async ({ page, makeApplicant, loginAs, context }) => {
		const a = await issuedHolder(makeApplicant, 41003);
		await loginAs(page, a);
		await page.goto('/certificates');
		await expect(page.locator(`tr[data-certificate="${a.certificate!.id}"]`).getByRole('link', { name: '打开电子证书' })).toBeVisible();
		await waitForOfflineReady(page);
		// 我的证书 keeps issued documents on the device in the background.
		const key = `ecert:${a.certificate!.id}`;
		await expect
			.poll(() =>
				page.evaluate(
					(key) =>
						new Promise<boolean>((resolve) => {
							const open = indexedDB.open('anguan-offline');
							open.onsuccess = () => {
								const all = open.result.transaction('cache').objectStore('cache').getAll();
								all.onsuccess = () =>
									resolve(all.result.some((row: { key: string; value: { photo?: string } }) => row.key === key && !!row.value.photo));
								all.onerror = () => resolve(false);
							};
							open.onerror = () => resolve(false);
						}),
					key
				)
			)
			.toBe(true);
		// One look at the document online: the page fetches the PDF maker (not in everyone's precache) and its font slices while the holder reads.
		await page.goto(`/certificates/${a.certificate!.id}`);
		const pdfMakerKept = () =>
			page.evaluate(async () => {
				const kept = (await (await caches.open('on-demand')).keys()).map((r) => new URL(r.url).pathname);
				const fonts = (await caches.has('anguan-ecert-fonts')) ? (await (await caches.open('anguan-ecert-fonts')).keys()).length : 0;
				// The code, the fonts' index and at least one slice; the other slices arrive in the same burst.
				return kept.some((p) => p.startsWith('/_app/immutable/chunks/')) && fonts > 1;
			});
		await expect.poll(pdfMakerKept, { timeout: 30_000 }).toBe(true);
		await page.waitForLoadState('networkidle');

		await context.setOffline(true);
		await page.reload();
		const sheet = page.getByRole('article', { name: '电子证书' });
		await expect(sheet.locator('dd[data-field="证书编号"]')).toHaveText(a.certificate!.certNo as string);
		await expect(sheet.getByAltText('持证人照片')).toBeVisible();
		await expect(page.getByText('当前离线，显示的是本机保存的电子证书')).toBeVisible();
		expect(await qrOnScreen(page)).toContain('/verify#');
		// …and it still becomes a PDF with no network.
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PDF' }).click()]);
		const [text] = await pdfText(new Uint8Array(readFileSync((await download.path())!)));
		expect(text).toContain(a.certificate!.certNo as string);
		await context.setOffline(false);
	});

	test('an inspector scans the QR with the camera on /verify (no login)', async ({ page, browser, makeApplicant, loginAs, baseURL }) => {
		const a = await issuedHolder(makeApplicant, 41004);
		await loginAs(page, a);
		await openDocument(page, a);
		const shot = await page.getByRole('img', { name: '核验二维码' }).screenshot({ type: 'jpeg', quality: 100 });

		// No camera on this machine: the phone's camera is a video stream of the printed QR held in view.
		const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
		await context.addInitScript(
			(dataUrl) => {
				navigator.mediaDevices.getUserMedia = async () => {
					const img = new Image();
					img.src = dataUrl;
					await img.decode();
					const canvas = document.createElement('canvas');
					canvas.width = 640;
					canvas.height = 480;
					const ctx = canvas.getContext('2d')!;
					const paint = () => {
						ctx.fillStyle = '#d8d4cc';
						ctx.fillRect(0, 0, 640, 480);
						ctx.drawImage(img, 200, 120, 260, 260);
					};
					paint();
					setInterval(paint, 100);
					return canvas.captureStream(10);
				};
			},
			`data:image/jpeg;base64,${shot.toString('base64')}`
		);
		const inspector = await context.newPage();
		await inspector.goto('/verify');
		await expect(inspector.getByText('用手机相机或微信扫描电子证书上的二维码即可核验')).toBeVisible();
		await inspector.getByRole('button', { name: '用摄像头扫描二维码' }).click();
		await expect(inspector.locator('section.result').getByText(`✔ ${d.ECERT_MESSAGES.valid}`)).toBeVisible();
		await expect(inspector.locator('section.result').getByText('李*华')).toBeVisible();
		expect(new URL(inspector.url()).hash.length).toBeGreaterThan(100);
		await expect(inspector.locator('video')).toHaveCount(0);
		await context.close();
	});
});
