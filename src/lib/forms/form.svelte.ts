/**
 * One controller for every form that writes to the server (变更 / 延续申请,
 * 企业信息修改, 联系方式, 手机号码): the values and files as typed, the
 * domain's messages beside the fields (cleared as the person edits, the
 * server's too), the draft restored with a notice and saved as they type, the
 * outbox's status, and a submit that never throws — every failure ends as
 * Chinese text beside the form, and nothing typed is dropped by one.
 *
 *   const form = new FormController({ formKey, title, href, values, validate, submission, submitLabel });
 *   onMount(() => form.start());
 *   <Field {form} name="name" label="变更后姓名" />   <FormStatus {form} />
 *
 * Where the device keeps nothing (no database, a full disk) the submission
 * goes straight to the server when online, and the form says so.
 */
import { autosave, type Autosave } from '$lib/offline/autosave';
import { deleteDraft, loadDraft } from '$lib/offline/drafts';
import { DirectNoAnswer, DirectRefusal, sendDirect } from '$lib/offline/direct';
import type { ServerRefusal } from '$lib/offline/db';
import { newRecordId } from '$lib/offline/ids';
import { liveOutboxItem, submit, SubmitError, type OutboxItem } from '$lib/offline/outbox';
import { OfflineStorageError } from '$lib/offline/storage';
import { noteStorageFailure } from '$lib/offline/status.svelte';
import { xhrTransport, type Transport } from '$lib/offline/transport';
import { sentence } from '$lib/ui/format';

export type FileLists = Record<string, File[]>;

export interface Submission {
	collection: string;
	op: 'create' | 'update';
	/** the record an update changes */
	id?: string;
	fields: Record<string, unknown>;
	files: FileLists;
}

export interface FormSpec<V extends Record<string, string>> {
	/** the draft's key on the device, one per form and record */
	formKey: string;
	/** how drafts and submissions are listed, e.g. 变更申请 */
	title: string;
	/** the status line's name when it differs, e.g. 修改申请 */
	statusTitle?: string;
	/** where the form lives (草稿 → 继续填写) */
	href: string;
	/** the submit button's words, to point at it, e.g. 保存 */
	submitLabel: string;
	values: V;
	/** the file fields, each with its starting list */
	files?: FileLists;
	/** field → the domain's message for what must change before sending */
	validate(values: V, files: FileLists): Record<string, string>;
	/** the write this form makes */
	submission(values: V, files: FileLists): Submission;
	/** what the person reads once the server has it: 已提交 (to review) or 已保存 (a direct change) */
	doneText?: string;
	/** added after doneText, e.g. where to follow the review */
	doneHint?: string;
}

export interface Notice {
	tone: 'ok' | 'info' | 'warn' | 'error';
	text: string;
}

/** What a form needs from the browser; tests give their own. */
export interface FormDeps {
	/** the HTTP of a direct submission (the sync engine's transport) */
	transport: Transport;
	isOnline(): boolean;
}

const browserDeps: FormDeps = {
	transport: xhrTransport,
	isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false
};

type Direct = { state: 'sending' } | { state: 'done'; record: unknown } | { state: 'failed'; refusal: ServerRefusal };

export const RESTORED_NOTICE = '已恢复上次未提交的修改。';

export class FormController<V extends Record<string, string>> {
	values: V;
	files: FileLists;
	#spec: FormSpec<V>;
	#deps: FormDeps;
	#local = $state<Record<string, string>>({});
	/** server messages the person has since edited, for the failure they belong to */
	#dismissed = $state<{ failure: string; fields: string[] }>({ failure: '', fields: [] });
	#item = $state.raw<OutboxItem | undefined>(undefined);
	#direct = $state.raw<Direct | null>(null);
	#restored = $state(false);
	#storageNotice = $state('');
	#submitError = $state('');
	#busy = $state(false);
	/** submitted in this visit (a done item from days ago says nothing) */
	#sent = $state(false);
	#ready = $state(false);
	#saver: Autosave;
	/** one id for every direct attempt of this visit, so a retry after a lost answer is recognised */
	#directId = newRecordId();

	constructor(spec: FormSpec<V>, deps: FormDeps = browserDeps) {
		this.#spec = spec;
		this.#deps = deps;
		this.values = $state({ ...spec.values });
		this.files = $state({ ...spec.files });
		this.#saver = autosave(spec.formKey, {
			title: spec.title,
			href: spec.href,
			onError: (message) => (this.#storageNotice = this.#keptOnPage(message)),
			onSaved: () => (this.#storageNotice = '')
		});
	}

	/** For onMount: restores the draft, follows the outbox; returns the cleanup. */
	start(): () => void {
		const stop = liveOutboxItem(this.#spec.formKey).subscribe((item) => (this.#item = item));
		void this.#restore();
		return () => {
			stop();
			void this.#saver.dispose();
		};
	}

	async #restore(): Promise<void> {
		try {
			const draft = await loadDraft(this.#spec.formKey);
			if (!draft) return;
			let changed = false;
			for (const [k, v] of Object.entries(draft.fields)) {
				if (k in this.values && typeof v === 'string' && v !== this.values[k]) {
					(this.values as Record<string, string>)[k] = v;
					changed = true;
				}
			}
			for (const [k, list] of Object.entries(draft.files)) {
				if (k in this.files && list.length) {
					this.files[k] = list;
					changed = true;
				}
			}
			this.#restored = changed;
		} catch (e) {
			this.#storageNotice = this.#keptOnPage(noteStorageFailure(e).message);
		} finally {
			this.#ready = true;
		}
	}

	#keptOnPage(cause: string): string {
		return `${sentence(cause)}填写的内容仍在本页；联网时点击“${this.#spec.submitLabel}”会直接提交到服务器，请不要关闭或刷新页面。`;
	}

	/** The draft has been read (or found unreadable): edits are saved from now on. */
	get ready(): boolean {
		return this.#ready;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** The current failure's field messages (from the outbox or a direct attempt), and which failure it is. */
	get #server(): { failure: string; fields: Record<string, string> } {
		if (this.#direct?.state === 'failed') return { failure: 'direct', fields: this.#direct.refusal.fields };
		const item = this.#item;
		if (item?.status === 'failed') return { failure: `${item.id}:${item.updatedAt}`, fields: item.error?.fields ?? {} };
		return { failure: '', fields: {} };
	}

	/** The message to show beside a field: the form's own first, else the server's (until edited). */
	error(field: string): string | undefined {
		const local = this.#local[field];
		if (local) return local;
		const server = this.#server;
		if (this.#dismissed.failure === server.failure && this.#dismissed.fields.includes(field)) return undefined;
		return server.fields[field];
	}

	/** How many fields the form's own check found wrong. */
	get errorCount(): number {
		return Object.keys(this.#local).length;
	}

	/** How many fields show a message now (the form's own and the server's). */
	get messageCount(): number {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup built and dropped within this read
		const fields = new Set([...Object.keys(this.#local), ...Object.keys(this.#server.fields)]);
		return [...fields].filter((f) => this.error(f)).length;
	}

	/**
	 * Whether a field's message is itself the announcement (role=alert): only
	 * when it is the one thing wrong. Otherwise one alert speaks for them all —
	 * the refusal, or FormStatus's count — and the focus, moved to the first
	 * field with a message, reads that field's message as its description.
	 */
	get fieldAlerts(): boolean {
		return this.messageCount <= 1 && !this.notices.some((n) => n.tone === 'error' || n.tone === 'warn');
	}

	#clear(field: string) {
		if (this.#local[field]) this.#local = Object.fromEntries(Object.entries(this.#local).filter(([k]) => k !== field));
		const failure = this.#server.failure;
		if (failure && !this.#dismissed.fields.includes(field))
			this.#dismissed = { failure, fields: this.#dismissed.failure === failure ? [...this.#dismissed.fields, field] : [field] };
	}

	/** The person changed a field: its old messages go, the draft is saved. */
	edit(field: string): void {
		this.#clear(field);
		this.#submitError = '';
		if (this.#ready) this.#saver.fields($state.snapshot(this.values) as Record<string, unknown>);
	}

	/** After leaving a filled field: say at once what is wrong with it (an empty one waits for submit). */
	check(field: string): void {
		const value = field in this.values ? this.values[field] : this.files[field];
		if (!value?.length) return;
		const message = this.#spec.validate(this.values, this.files)[field];
		if (message) this.#local = { ...this.#local, [field]: message };
	}

	setFiles(field: string, list: File[]): void {
		this.files[field] = list;
		this.#clear(field);
		this.#submitError = '';
		this.check(field);
		void this.#saver.files(field, list);
	}

	/**
	 * Checks, then hands the submission to the outbox (or, where the device keeps
	 * nothing, to the server). False when the form's own check found something:
	 * the caller moves the focus there.
	 */
	async submit(): Promise<boolean> {
		this.#submitError = '';
		const values = $state.snapshot(this.values) as V;
		const files = $state.snapshot(this.files) as FileLists;
		this.#local = this.#spec.validate(values, files);
		if (Object.keys(this.#local).length) return false;
		const sub = this.#spec.submission(values, files);
		this.#busy = true;
		try {
			await this.#saver.flush();
			await submit({ ...sub, formKey: this.#spec.formKey, title: this.#spec.title });
			this.#direct = null;
			this.#restored = false;
			this.#sent = true;
		} catch (e) {
			if (e instanceof OfflineStorageError) await this.#sendDirect(sub, e);
			else if (e instanceof SubmitError) this.#submitError = e.message;
			else {
				console.error('提交出错', e);
				this.#submitError = '提交时出错，请重试。填写的内容仍在本页。';
			}
		} finally {
			this.#busy = false;
		}
		return true;
	}

	async #sendDirect(sub: Submission, cause: OfflineStorageError): Promise<void> {
		if (!this.#deps.isOnline()) {
			this.#submitError = `${sentence(cause.message)}当前离线，无法先保存在本机。请联网后再点击“${this.#spec.submitLabel}”；填写的内容仍在本页，请不要关闭或刷新页面。`;
			return;
		}
		this.#direct = { state: 'sending' };
		try {
			const record = await sendDirect({ ...sub, recordId: sub.id ?? this.#directId }, this.#deps.transport);
			this.#direct = { state: 'done', record };
			this.#restored = false;
			this.#sent = true;
		} catch (e) {
			this.#direct = null;
			if (e instanceof DirectRefusal) this.#direct = { state: 'failed', refusal: e.refusal };
			else if (e instanceof DirectNoAnswer) this.#submitError = e.message;
			else {
				console.error('直接提交出错', e);
				this.#submitError = '提交时出错，请重试。填写的内容仍在本页。';
			}
		}
	}

	/** The server has what this visit submitted. */
	get accepted(): boolean {
		return this.#direct?.state === 'done' || (this.#sent && this.#item?.status === 'done');
	}

	/** Once accepted, what to tell the person (also after the form has closed). */
	get outcome(): string {
		return this.accepted ? (this.#status()?.text ?? '') : '';
	}

	/** What the form says above its buttons, most urgent first. */
	get notices(): Notice[] {
		const out: Notice[] = [];
		if (this.#storageNotice && !this.accepted) out.push({ tone: 'warn', text: this.#storageNotice });
		if (this.#submitError) out.push({ tone: 'error', text: this.#submitError });
		const status = this.#status();
		if (status) out.push(status);
		const pending = this.#item?.status === 'pending' || this.#item?.status === 'syncing';
		if (this.#restored && !pending && !this.accepted) out.push({ tone: 'info', text: RESTORED_NOTICE });
		return out;
	}

	#status(): Notice | null {
		const name = this.#spec.statusTitle ?? this.#spec.title;
		const done = `${name}：${this.#spec.doneText ?? '已提交'}${this.#spec.doneHint ?? ''}`;
		const refused = (message = '') => `提交未成功：${sentence(message)}填写的内容已保留，请按提示修改后再次提交。`;
		const direct = this.#direct;
		if (direct?.state === 'sending') return { tone: 'info', text: `${name}：正在直接提交到服务器…` };
		if (direct?.state === 'failed') return { tone: 'error', text: refused(direct.refusal.message) };
		if (direct?.state === 'done') return { tone: 'ok', text: `${sentence(done)}本机无法保存草稿，已直接提交到服务器，本机未留存副本。` };
		const item = this.#item;
		if (item?.status === 'failed') return { tone: 'error', text: refused(item.error?.message) };
		if (item?.status === 'pending') return { tone: 'info', text: `${name}：待同步（联网后自动提交）` };
		if (item?.status === 'syncing') return { tone: 'info', text: `${name}：同步中` };
		if (item?.status === 'done' && this.#sent) return { tone: 'ok', text: done };
		return null;
	}

	/** 取消: the draft goes (a device that keeps none has nothing to delete). */
	async discardDraft(): Promise<void> {
		await this.#saver.dispose();
		await deleteDraft(this.#spec.formKey).catch(() => {});
	}
}
