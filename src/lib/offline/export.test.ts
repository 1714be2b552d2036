// @vitest-environment node
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { pb } from '$lib/api/pb';
import { cache, cachedQuery } from './cache';
import { db } from './db';
import { loadDraft, saveDraft } from './drafts';
import { suspendAutoSync } from './engine';
import { exportUnsent } from './export';
import { clearDb, file, login } from './fakes.test-util';
import { logout, unsentCount } from './logout';
import { submit } from './outbox';
import { crc32 } from './zip';

// unzip decodes UTF-8 names only under a UTF-8 locale.
const UTF8 = { ...process.env, LC_ALL: 'C.UTF-8' };

beforeEach(async () => {
	suspendAutoSync(true);
	await clearDb();
	login('user1aaaaaaaaaa');
});

describe('export of unsent work', () => {
	it('writes a ZIP that unzip accepts, with the manifest and every file', async () => {
		await saveDraft('apply-1', { fields: { name: '张三' }, files: { pledge: [file('承诺书.jpg', 'JPEGDATA')] }, title: '变更申请' });
		const { blob, count } = await exportUnsent();
		expect(count).toBe(1);
		const dir = mkdtempSync(join(tmpdir(), 'zip-'));
		const path = join(dir, 'out.zip');
		writeFileSync(path, Buffer.from(await blob.arrayBuffer()));
		const list = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8', env: UTF8 });
		expect(list).toContain('草稿清单.json');
		expect(list).toContain('草稿/变更申请-apply-1/pledge/1-承诺书.jpg');
		execFileSync('unzip', ['-q', '-o', path, '-d', dir], { env: UTF8 });
		expect(readFileSync(join(dir, '草稿/变更申请-apply-1/pledge/1-承诺书.jpg'), 'utf8')).toBe('JPEGDATA');
		expect(JSON.parse(readFileSync(join(dir, '草稿清单.json'), 'utf8')).内容[0].fields.name).toBe('张三');
	});

	it('crc32 matches the reference value', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});
});

describe('cache', () => {
	it('falls back to the stored answer when the server does not answer, and rethrows refusals', async () => {
		const fresh = await cachedQuery('certificates', async () => [{ id: 'c1', certNo: '云建安B（2023）0000123' }]);
		expect(fresh.fromCache).toBe(false);
		const offline = await cachedQuery('certificates', () => Promise.reject(Object.assign(new Error('offline'), { status: 0 })));
		expect(offline).toMatchObject({ fromCache: true, data: [{ id: 'c1' }] });
		await expect(cachedQuery('certificates', () => Promise.reject(Object.assign(new Error('no'), { status: 403 })))).rejects.toThrow('no');
		login('user2bbbbbbbbbb');
		expect(await cache.get('certificates')).toBeUndefined();
	});
});

describe('logout', () => {
	it('keeps drafts on request but always drops cached server data', async () => {
		await saveDraft('apply-1', { fields: { name: '张三' } });
		await cache.put('certificates', [1]);
		expect(await unsentCount()).toBe(1);
		await logout({ eraseDrafts: false });
		expect(pb.authStore.record).toBeNull();
		login('user1aaaaaaaaaa');
		expect(await loadDraft('apply-1')).toBeDefined();
		expect(await cache.get('certificates')).toBeUndefined();
	});

	it('erases drafts, files and queued items of that user only', async () => {
		await saveDraft('apply-1', { files: { photo: [file('p.jpg')] } });
		await submit({
			collection: 'cert_applications',
			op: 'create',
			formKey: 'apply-1',
			title: '变更申请',
			fields: {},
			files: { photo: [file('p.jpg')] }
		});
		login('user2bbbbbbbbbb');
		await saveDraft('other', { fields: { a: 1 } });
		login('user1aaaaaaaaaa');
		await logout({ eraseDrafts: true });
		expect(await db.files.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.drafts.count()).toBe(1);
	});
});
