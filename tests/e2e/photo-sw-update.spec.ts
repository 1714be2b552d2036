/**
 * The service worker's precache, built from the real output
 * (scripts/precache-manifest.js), across an update: the 有新版本 prompt still
 * drives it, only what changed is downloaded, and the new shell works offline.
 * Runs on a PocketBase and a copy of pb_public of its own, which it changes.
 */
import { test as base, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressFile } from '../../scripts/compress-public.js';
import { ROOT, startPocketBase, type RunningPocketBase } from '../support/pocketbase';

const test = base.extend<{ server: RunningPocketBase & { dir: string } }>({
	server: async ({}, use) => {
		const dir = mkdtempSync(join(ROOT, 'tests/.tmp/sw-update-'));
		cpSync(join(ROOT, 'pb_public'), dir, { recursive: true });
		const pb = await startPocketBase({ publicDir: dir });
		await use({ ...pb, dir });
		await pb.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});

const shellKeys = (page: import('@playwright/test').Page) =>
	page.evaluate(async () => (await (await caches.open('app-shell')).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search));

test('an update asks first (有新版本), downloads only what changed, and the new shell works offline', async ({ page, context, server }) => {
	await page.goto(`${server.url}/login`);
	await expect.poll(() => shellKeys(page), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^\/\?rev=/)]));
	const before = await shellKeys(page);

	// A new release that changes the page shell only.
	const indexPath = join(server.dir, 'index.html');
	const index = readFileSync(indexPath, 'utf8');
	const rev = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);
	const next = index.replace('</body>', '<!-- next release --></body>');
	writeFileSync(indexPath, next);
	const swPath = join(server.dir, 'service-worker.js');
	writeFileSync(
		swPath,
		readFileSync(swPath, 'utf8').replace(`{"url":"/","revision":"${rev(index)}"}`, `{"url":"/","revision":"${rev(next)}"}`)
	);
	// A release's build also writes their .br / .gz copies, which the server sends first.
	await Promise.all([indexPath, swPath].map(compressFile));

	// What the service worker itself asks the network for (the page's own loads it answers from its cache).
	const fetched: string[] = [];
	context.on('request', (r) => {
		if (r.serviceWorker()) fetched.push(new URL(r.url()).pathname);
	});
	await page.reload();
	const prompt = page.getByRole('button', { name: '有新版本，点击刷新' });
	await expect(prompt).toBeVisible({ timeout: 30_000 });
	// Installed beside the running version: the old shell is still there until the user agrees.
	expect(await shellKeys(page)).toEqual(expect.arrayContaining(before));
	// Besides the page navigated to and the worker script: only the changed shell, not the unchanged app.
	expect(fetched.filter((p) => p !== '/login' && p !== '/service-worker.js')).toEqual(['/']);

	await prompt.click();
	await expect(page.getByRole('button', { name: '有新版本，点击刷新' })).toHaveCount(0, { timeout: 30_000 });
	await expect.poll(() => shellKeys(page)).toContain(`/?rev=${rev(next)}`);
	expect(await shellKeys(page)).not.toContain(`/?rev=${rev(index)}`);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByLabel('身份证号')).toBeVisible();
	expect(await page.content()).toContain('next release');
	// A precached file with a Chinese name (the 承诺书 template) is there offline too.
	expect(await page.evaluate(async () => (await fetch('/templates/变更证书承诺书.html')).ok)).toBe(true);
	await context.setOffline(false);
});
