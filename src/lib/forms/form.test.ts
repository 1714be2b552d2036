// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateContact } from '$lib/domain';
import { db } from '$lib/offline/db';
import { loadDraft, saveDraft } from '$lib/offline/drafts';
import { suspendAutoSync } from '$lib/offline/engine';
import { clearDb, FakePocketBase, login } from '$lib/offline/fakes.test-util';
import { listOutbox } from '$lib/offline/outbox';
import { UNAVAILABLE_MESSAGE } from '$lib/offline/storage';
import { FormController, RESTORED_NOTICE, type FormDeps } from './form.svelte';

const USER = 'user1aaaaaaaaaa';
const KEY = 'enterprise-contact';

function contactForm(deps?: Partial<FormDeps>, server = new FakePocketBase()) {
	// The enterprise's own record, which the form updates.
	server.records.set(USER, { collection: 'enterprises', owner: USER, fields: {}, files: {} });
	const form = new FormController(
		{
			formKey: KEY,
			title: '企业联系方式',
			statusTitle: '联系方式',
			href: '/enterprise',
			submitLabel: '保存联系方式',
			doneText: '已保存',
			values: { contactName: '周工', contactPhone: '', contactEmail: '' },
			validate: (v) => validateContact(v),
			submission: (v) => ({ collection: 'enterprises', op: 'update', id: USER, fields: { ...v }, files: {} })
		},
		{ transport: server, isOnline: () => true, ...deps }
	);
	return { form, server, stop: form.start() };
}

const texts = (form: FormController<Record<string, string>>) => form.notices.map((n) => n.text).join(' | ');

beforeEach(async () => {
	suspendAutoSync(true);
	if (!db.isOpen()) await db.open();
	await clearDb();
	login(USER);
});
afterAll(() => suspendAutoSync(false));

describe('FormController', () => {
	let stop: (() => void) | undefined;
	afterEach(() => stop?.());

	it('restores the draft and says so; edits are saved as typed', async () => {
		await saveDraft(KEY, { fields: { contactPhone: '0871-60000001' } });
		const c = contactForm();
		stop = c.stop;
		await vi.waitFor(() => expect(c.form.values.contactPhone).toBe('0871-60000001'));
		expect(texts(c.form)).toContain(RESTORED_NOTICE);

		c.form.values.contactEmail = 'zhou@example.com';
		c.form.edit('contactEmail');
		await vi.waitFor(async () => expect((await loadDraft(KEY))?.fields.contactEmail).toBe('zhou@example.com'));
	});

	it("shows the domain's message at its field and drops it as soon as the field is edited", async () => {
		const c = contactForm();
		stop = c.stop;
		c.form.values.contactPhone = '12345';
		expect(await c.form.submit()).toBe(false);
		expect(c.form.error('contactPhone')).toMatch(/请输入正确的手机号/);
		expect(c.form.errorCount).toBe(1);
		c.form.values.contactPhone = '0871-6000000';
		c.form.edit('contactPhone');
		expect(c.form.error('contactPhone')).toBeUndefined();
		expect(await listOutbox()).toHaveLength(0);
	});

	it('one alert per submit: a lone message is its own alert, several leave it to the one summary', async () => {
		const c = contactForm();
		stop = c.stop;
		c.form.values.contactPhone = '12345';
		expect(await c.form.submit()).toBe(false);
		expect(c.form.messageCount).toBe(1);
		expect(c.form.fieldAlerts).toBe(true);
		c.form.values.contactEmail = 'not-an-address';
		expect(await c.form.submit()).toBe(false);
		expect(c.form.messageCount).toBe(2);
		expect(c.form.fieldAlerts).toBe(false);
		c.form.values.contactPhone = '0871-6000000';
		c.form.edit('contactPhone');
		expect(c.form.fieldAlerts).toBe(true);
	});

	it("queues a valid submission in the outbox and shows the server's refusal beside the field, once, without 。。", async () => {
		const c = contactForm();
		stop = c.stop;
		c.form.values.contactPhone = '0871-60000001';
		expect(await c.form.submit()).toBe(true);
		await vi.waitFor(() => expect(texts(c.form)).toContain('联系方式：待同步（联网后自动提交）'));

		const [item] = await listOutbox();
		await db.outbox.update(item.id, {
			status: 'failed',
			error: { message: '提交未被受理，请按提示修改后重新提交。', fields: { contactPhone: '该号码已停用' } }
		});
		await vi.waitFor(() => expect(c.form.error('contactPhone')).toBe('该号码已停用'));
		expect(texts(c.form)).toContain('提交未成功：提交未被受理，请按提示修改后重新提交。填写的内容已保留');
		expect(texts(c.form)).not.toMatch(/。。|[\u4e00-\u9fff]\./);

		c.form.edit('contactPhone');
		expect(c.form.error('contactPhone')).toBeUndefined();
	});

	it('where the device keeps nothing, sends straight to the server and says so', async () => {
		const c = contactForm();
		stop = c.stop;
		await vi.waitFor(() => expect(c.form.ready).toBe(true));
		db.close(); // every later read or write fails as on a browser without a database
		c.form.values.contactPhone = '0871-60000002';
		c.form.edit('contactPhone');
		await vi.waitFor(() => expect(texts(c.form)).toContain(UNAVAILABLE_MESSAGE));
		expect(texts(c.form)).toContain('填写的内容仍在本页');

		await c.form.submit();
		expect(c.form.accepted).toBe(true);
		expect(texts(c.form)).toContain('联系方式：已保存。本机无法保存草稿，已直接提交到服务器');
		expect(c.server.records.get(USER)!.fields).toMatchObject({ contactName: '周工', contactPhone: '0871-60000002' });
	});

	it('offline with nowhere to keep it: says to connect first, keeps the values, sends nothing', async () => {
		const c = contactForm({ isOnline: () => false });
		stop = c.stop;
		db.close();
		c.form.values.contactPhone = '0871-60000003';
		await c.form.submit();
		expect(texts(c.form)).toContain('当前离线，无法先保存在本机。请联网后再点击“保存联系方式”');
		expect(c.form.values.contactPhone).toBe('0871-60000003');
		expect(c.server.records.get(USER)!.fields).toEqual({});
		expect(c.server.requests).toHaveLength(0);
		expect(c.form.accepted).toBe(false);
	});

	it("a server refusal of a direct submission lands beside the field like the outbox's", async () => {
		const server = new FakePocketBase();
		server.refuse = () => ({
			status: 400,
			body: { message: '联系电话已被使用.', data: { contactPhone: { code: 'taken', message: '联系电话已被使用.' } } }
		});
		const c = contactForm({}, server);
		stop = c.stop;
		db.close();
		c.form.values.contactPhone = '0871-60000004';
		await c.form.submit();
		expect(c.form.error('contactPhone')).toBe('联系电话已被使用');
		expect(texts(c.form)).toContain('提交未成功：联系电话已被使用。填写的内容已保留');
		expect(c.form.accepted).toBe(false);
	});
});
