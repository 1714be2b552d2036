// @vitest-environment node
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, OfflineDb } from './db';
import { deleteDraft, liveDrafts, loadDraft, saveDraft } from './drafts';
import { clearDb, file, login } from './fakes.test-util';
import { newRecordId, RECORD_ID_PATTERN } from './ids';

beforeEach(async () => {
	await clearDb();
	login('user1aaaaaaaaaa');
});

describe('newRecordId', () => {
	it('makes 15-char [a-z0-9] ids without collisions', () => {
		const ids = new Set(Array.from({ length: 5000 }, newRecordId));
		expect(ids.size).toBe(5000);
		for (const id of ids) expect(id).toMatch(RECORD_ID_PATTERN);
	});
});

describe('drafts', () => {
	it('merges patches: a field or file list given replaces that key only', async () => {
		await saveDraft('apply-1', { fields: { name: '张三', title: '工程师' }, files: { pledge: [file('a.jpg'), file('b.jpg')] } });
		await saveDraft('apply-1', { fields: { name: '李四' } });
		await saveDraft('apply-1', { files: { idCardFront: [file('front.png', 'xx', 'image/png')] } });
		const d = await loadDraft('apply-1');
		expect(d?.fields).toEqual({ name: '李四', title: '工程师' });
		expect(d?.files.pledge.map((f) => f.name)).toEqual(['a.jpg', 'b.jpg']);
		expect(d?.files.idCardFront[0].type).toBe('image/png');
		expect(await d?.files.pledge[1].text()).toBe('b.jpg');
		expect(d?.recordId).toMatch(RECORD_ID_PATTERN);
	});

	it('keeps stored files when the same list is saved again, drops removed ones', async () => {
		await saveDraft('f', { files: { pledge: [file('a.jpg'), file('b.jpg')] } });
		const loaded = (await loadDraft('f'))!;
		await saveDraft('f', { files: { pledge: [loaded.files.pledge[1]] } });
		expect(await db.files.count()).toBe(1);
		expect((await loadDraft('f'))!.files.pledge.map((f) => f.name)).toEqual(['b.jpg']);
	});

	it('stores plain copies of proxied form state', async () => {
		const state = new Proxy({ name: '王五', tags: ['a'] }, {});
		await saveDraft('p', { fields: { state } });
		expect((await loadDraft('p'))!.fields.state).toEqual({ name: '王五', tags: ['a'] });
	});

	it('is scoped to the logged-in user', async () => {
		await saveDraft('apply-1', { fields: { name: 'A' }, files: { photo: [file('p.jpg')] } });
		login('user2bbbbbbbbbb');
		expect(await loadDraft('apply-1')).toBeUndefined();
		await saveDraft('apply-1', { fields: { name: 'B' } });
		login('user1aaaaaaaaaa');
		expect((await loadDraft('apply-1'))!.fields.name).toBe('A');
	});

	it('deletes a draft with its files', async () => {
		await saveDraft('x', { files: { photo: [file('p.jpg')] } });
		await deleteDraft('x');
		expect(await loadDraft('x')).toBeUndefined();
		expect(await db.files.count()).toBe(0);
	});

	it('lists drafts live, newest first, following the login', async () => {
		const seen: string[][] = [];
		const sub = liveDrafts().subscribe((list) => seen.push(list.map((d) => d.title)));
		await saveDraft('a', { fields: { x: 1 }, title: '变更申请' });
		await new Promise((r) => setTimeout(r, 50));
		await saveDraft('b', { fields: { x: 1 }, title: '延续申请' });
		await new Promise((r) => setTimeout(r, 50));
		login('user2bbbbbbbbbb');
		await new Promise((r) => setTimeout(r, 50));
		sub.unsubscribe();
		expect(seen).toContainEqual(['延续申请', '变更申请']);
		expect(seen.at(-1)).toEqual([]);
	});
});

describe('schema upgrade', () => {
	it('opens a version-1 database and fills the retry schedule', async () => {
		const name = 'upgrade-test';
		const v1 = new Dexie(name);
		v1.version(1).stores({
			drafts: '[userId+formKey], userId, updatedAt',
			files: 'id, [userId+owner], userId',
			outbox: 'id, userId, [userId+formKey], [userId+status]'
		});
		await v1.table('outbox').add({ id: 'o1', userId: 'u', formKey: 'f', status: 'syncing' });
		v1.close();
		const v2 = new OfflineDb(name);
		const row = await v2.outbox.get('o1');
		expect(row).toMatchObject({ attempts: 0, retryAt: 0, status: 'pending' });
		expect(await v2.cache.count()).toBe(0);
		v2.close();
	});
});
