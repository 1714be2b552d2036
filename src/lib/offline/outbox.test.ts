// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { pb } from '$lib/api/pb';
import { db } from './db';
import { loadDraft, saveDraft } from './drafts';
import { suspendAutoSync } from './engine';
import { clearDb, fakeLocks, FakePocketBase, file, login, testEngine } from './fakes.test-util';
import { discard, listOutbox, retry, submit, type SubmitInput } from './outbox';
import { backoffDelay, toFormData } from './sync';

const USER = 'user1aaaaaaaaaa';

function application(over: Partial<SubmitInput> = {}): SubmitInput {
	return {
		collection: 'cert_applications',
		op: 'create',
		formKey: 'apply-change-cert1',
		title: '变更申请',
		fields: { kind: '变更', name: '张三', rejectReasons: [], photoCheck: { ok: true } },
		files: { pledge: [file('pledge.jpg')], idCardFront: [file('front.jpg')] },
		...over
	};
}

async function queue(input = application()) {
	await saveDraft(input.formKey, { fields: input.fields, files: input.files, title: input.title });
	return submit(input);
}

beforeEach(async () => {
	suspendAutoSync(true);
	await clearDb();
	login(USER);
});
afterAll(() => suspendAutoSync(false));

describe('submit', () => {
	it('queues on the device first and returns at once', async () => {
		const item = await queue();
		expect(item.status).toBe('pending');
		expect(item.statusLabel).toBe('待同步');
		const [row] = await listOutbox();
		expect(row.files.map((f) => f.name).sort()).toEqual(['front.jpg', 'pledge.jpg']);
		expect((await loadDraft('apply-change-cert1'))?.fields.name).toBe('张三');
	});

	it("uses the draft's record id, so every tab submitting the draft sends the same id", async () => {
		await saveDraft('apply-change-cert1', { fields: { name: '张三' } });
		const draft = await loadDraft('apply-change-cert1');
		const item = await submit(application());
		expect(item.recordId).toBe(draft?.recordId);
	});

	it('a second identical submit returns the queued item instead of a new one', async () => {
		const a = await queue();
		const b = await submit(application());
		expect(b.id).toBe(a.id);
		expect(await db.outbox.count()).toBe(1);
	});

	it('refuses when not logged in', async () => {
		pb.authStore.clear();
		await expect(submit(application())).rejects.toThrow('请先登录');
	});
});

describe('multipart body', () => {
	it('repeats array keys, stringifies JSON, sends the client id, files last', () => {
		const fd = toFormData(
			{
				op: 'create',
				recordId: 'abcdefghijklmno',
				fields: { kind: '变更', reasons: ['a', 'b'], empty: [], check: { ok: 1 }, flag: false, n: null }
			},
			{ pledge: [file('1.jpg'), file('2.jpg')] }
		);
		const entries = [...fd.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : (v as File).name]);
		expect(entries).toEqual([
			['id', 'abcdefghijklmno'],
			['kind', '变更'],
			['reasons', 'a'],
			['reasons', 'b'],
			['empty', ''],
			['check', '{"ok":1}'],
			['flag', 'false'],
			['n', ''],
			['pledge', '1.jpg'],
			['pledge', '2.jpg']
		]);
	});
});

describe('sync', () => {
	it('sends, marks 已提交, deletes the draft and every stored file', async () => {
		const server = new FakePocketBase();
		const { engine } = testEngine(server);
		const item = await queue();
		await engine.run();
		const [done] = await listOutbox();
		expect(done.statusLabel).toBe('已提交');
		expect(server.records.get(item.recordId)?.files.pledge).toEqual(['pledge.jpg']);
		expect(server.records.get(item.recordId)?.fields.photoCheck).toBe('{"ok":true}');
		expect(await loadDraft('apply-change-cert1')).toBeUndefined();
		expect(await db.files.count()).toBe(0);
		expect(await db.progress.count()).toBe(0);
	});

	it('a lost answer is retried and confirmed by id: exactly one record', async () => {
		const server = new FakePocketBase();
		server.script = ['lose-answer'];
		const { engine, timers } = testEngine(server);
		const item = await queue();
		await engine.run();
		expect((await listOutbox())[0]).toMatchObject({ status: 'pending', attempts: 1 });
		expect(timers).toHaveLength(1);
		await engine.run();
		expect((await listOutbox())[0].status).toBe('done');
		expect(server.records.size).toBe(1);
		expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'GET']);
		expect(server.records.has(item.recordId)).toBe(true);
	});

	it('backs off exponentially with a cap while there is no answer, and resets after success', async () => {
		const server = new FakePocketBase();
		server.script = Array(9).fill('offline');
		const { engine, timers } = testEngine(server);
		await queue();
		for (let i = 0; i < 9; i++) await engine.run();
		expect(timers).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
		await engine.run();
		expect(engine.failures).toBe(0);
		expect(server.records.size).toBe(1);
	});

	it('backoff jitter stays within half and all of the step', () => {
		expect(backoffDelay(3, () => 0)).toBe(2000);
		expect(backoffDelay(3, () => 1)).toBe(4000);
		expect(backoffDelay(50, () => 1)).toBe(60000);
	});

	it('treats 5xx and 429 as no answer, not as a refusal', async () => {
		const server = new FakePocketBase();
		server.script = ['down'];
		const { engine } = testEngine(server);
		await queue();
		await engine.run();
		expect((await listOutbox())[0].status).toBe('pending');
	});

	it('waits for the connection instead of trying while offline', async () => {
		const server = new FakePocketBase();
		const woken: number[] = [];
		const { engine } = testEngine(server, { isOnline: () => false, wakeOnReconnect: () => woken.push(1) });
		await queue();
		await engine.run();
		expect(server.requests).toHaveLength(0);
		expect(woken).toHaveLength(1);
	});

	it('a refusal marks 失败 with the reason and field errors, and keeps the draft', async () => {
		const server = new FakePocketBase();
		server.refuse = () => ({
			status: 400,
			body: {
				message: '延续申请须在有效期截止前一天以前提交。',
				data: { name: { code: 'validation_required', message: 'Cannot be blank.' }, pledge: { code: 'x', message: '承诺书须签字' } }
			}
		});
		const { engine } = testEngine(server);
		await queue();
		await engine.run();
		const [failed] = await listOutbox();
		expect(failed.statusLabel).toBe('失败');
		expect(failed.error).toEqual({
			message: '延续申请须在有效期截止前一天以前提交。',
			fields: { name: '此项必填', pledge: '承诺书须签字' }
		});
		const draft = await loadDraft('apply-change-cert1');
		expect(draft?.files.pledge[0].name).toBe('pledge.jpg');

		// Edit and resubmit: the failed item is replaced, same record id, then accepted.
		server.refuse = null;
		const again = await submit(application({ fields: { kind: '变更', name: '张三丰' } }));
		expect(again.id).toBe(failed.id);
		expect(again.recordId).toBe(failed.recordId);
		await engine.run();
		expect(server.records.get(failed.recordId)?.fields.name).toBe('张三丰');
	});

	it('retry() resends a failed item as it is; discard() drops it but not the draft', async () => {
		const server = new FakePocketBase();
		server.refuse = () => ({ status: 400, body: { message: '申请正在审核中，不能修改。', data: {} } });
		const { engine } = testEngine(server);
		const item = await queue();
		await engine.run();
		expect((await listOutbox())[0].error?.message).toBe('申请正在审核中，不能修改。');
		await retry(item.id);
		await engine.run();
		expect((await listOutbox())[0].status).toBe('failed');
		await discard(item.id);
		expect(await listOutbox()).toEqual([]);
		expect(await loadDraft('apply-change-cert1')).toBeDefined();
	});

	it('an expired login stops sending and asks for a login; the queue survives and goes after login', async () => {
		const server = new FakePocketBase();
		const { engine } = testEngine(server);
		await queue();
		login(USER, true);
		await engine.run();
		expect(engine.state.needsLogin).toBe(true);
		expect(server.requests).toHaveLength(0);
		login(USER);
		await engine.loggedIn();
		expect(engine.state.needsLogin).toBe(false);
		expect((await listOutbox())[0].status).toBe('done');
	});

	it('a token the server no longer accepts is found out by checking the session', async () => {
		const server = new FakePocketBase();
		const { engine } = testEngine(server);
		await queue();
		pb.authStore.save(pb.authStore.token + 'revoked', pb.authStore.record);
		await engine.run();
		expect(engine.state.needsLogin).toBe(true);
		const [row] = await listOutbox();
		expect(row.status).toBe('pending');
		expect(row.note).toContain('重新登录');
	});

	it('holds the queue while the account must first change its password', async () => {
		const server = new FakePocketBase();
		const { engine } = testEngine(server, { auth: () => ({ userId: USER, token: pb.authStore.token, valid: true, blocked: true }) });
		await queue();
		await engine.run();
		expect(server.requests).toHaveLength(0);
		expect((await listOutbox())[0].status).toBe('pending');
	});

	it("sends only the logged-in user's items", async () => {
		const server = new FakePocketBase();
		const { engine } = testEngine(server);
		await queue();
		login('user2bbbbbbbbbb');
		await engine.run();
		expect(server.requests).toHaveLength(0);
	});

	it('two tabs syncing at once send each item once', async () => {
		const server = new FakePocketBase();
		const locks = fakeLocks();
		const a = testEngine(server, { locks }).engine;
		const b = testEngine(server, { locks }).engine;
		for (let i = 0; i < 5; i++) await queue(application({ formKey: `apply-${i}` }));
		await Promise.all([a.run(), b.run(), a.run(), b.run()]);
		expect(server.records.size).toBe(5);
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(5);
		expect((await listOutbox()).every((i) => i.status === 'done')).toBe(true);
	});

	it('picks up an item left 同步中 by a tab that died', async () => {
		const server = new FakePocketBase();
		const item = await queue();
		await db.outbox.update(item.id, { status: 'syncing', claimedAt: Date.now() });
		const { engine } = testEngine(server, { locks: fakeLocks() });
		await engine.run();
		expect((await listOutbox())[0].status).toBe('done');
	});

	it('a stale tab submitting the same content after acceptance does not create a second record', async () => {
		const server = new FakePocketBase();
		const { engine } = testEngine(server);
		await queue();
		await engine.run();
		await submit(application());
		await engine.run();
		expect(server.records.size).toBe(1);
	});

	it('updates PATCH the existing record', async () => {
		const server = new FakePocketBase();
		const { engine } = testEngine(server);
		const created = await queue();
		await engine.run();
		await submit(application({ op: 'update', id: created.recordId, formKey: 'edit', fields: { name: '赵六' }, files: {} }));
		await engine.run();
		expect(server.requests.at(-1)?.method).toBe('PATCH');
		expect(server.records.get(created.recordId)?.fields.name).toBe('赵六');
	});
});
