/**
 * Sends the outbox to PocketBase, one item at a time, exactly once.
 *
 * - Every create carries the record id chosen on the device, so a retry after
 *   a lost answer cannot make a second record: PocketBase refuses the
 *   duplicate id, we confirm the record is ours with a GET and call it done.
 * - One tab sends at a time (Web Locks); the others see the same rows change
 *   through Dexie's live queries.
 * - A missing answer (offline, cut connection, server down, 5xx, 429) is
 *   retried with capped exponential backoff; a refusal is final until the
 *   user edits and resubmits, and the draft stays.
 * - A dead session stops sending and asks for a new login; nothing is dropped.
 */
import { db, type OutboxRow, type ProgressRow } from './db';
import { draftOwner } from './drafts';
import { deleteOwnerFiles, getFiles, type FileMap } from './files';
import { newRecordId } from './ids';
import { isBareRuleFailure, refusalFrom } from './server-errors';
import type { Transport } from './transport';

export const LOCK_NAME = 'anguan-outbox-sync';
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 60_000;
/** Without Web Locks, a 'syncing' row this old was left by a tab that died. */
const STALE_CLAIM_MS = 2 * 60_000;
const PROGRESS_EVERY_MS = 200;
const KEEP_DONE_MS = 7 * 24 * 3600_000;

/** Delay before retry number `failures` (1-based): base·2^(n−1), capped, with jitter in [50%, 100%]. */
export function backoffDelay(failures: number, random = Math.random): number {
	const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
	return Math.round(exp * (0.5 + random() * 0.5));
}

export type SessionCheck = 'ok' | 'expired' | 'offline';

export interface SyncDeps {
	baseUrl: string;
	transport: Transport;
	/** `blocked`: the account may not submit yet (it must first replace its default password). */
	auth(): { userId: string; token: string; valid: boolean; blocked?: boolean };
	/** Ask the server whether the stored login still works. */
	checkSession(): Promise<SessionCheck>;
	isOnline(): boolean;
	now(): number;
	random(): number;
	locks: Pick<LockManager, 'request'> | null;
	setTimer(fn: () => void, ms: number): unknown;
	clearTimer(t: unknown): void;
	/** Ask the browser to wake us when the connection returns (Background Sync). */
	wakeOnReconnect(): void;
}

export interface SyncState {
	running: boolean;
	needsLogin: boolean;
	/** when the next automatic retry happens, if one is scheduled */
	retryAt: number | null;
	lastRunAt: number | null;
}

export interface Accepted {
	collection: string;
	recordId: string;
	formKey: string;
	record: unknown;
}

type Verdict = 'next' | 'stop';

export class SyncEngine {
	state: SyncState = { running: false, needsLogin: false, retryAt: null, lastRunAt: null };
	#listeners = new Set<(s: SyncState) => void>();
	#acceptedListeners = new Set<(a: Accepted) => void>();
	#inflight: Promise<void> | null = null;
	#again = false;
	#failures = 0;
	#timer: unknown = null;
	#holdsLock = false;

	constructor(readonly deps: SyncDeps) {}

	onChange(fn: (s: SyncState) => void): () => void {
		this.#listeners.add(fn);
		fn(this.state);
		return () => this.#listeners.delete(fn);
	}

	onAccepted(fn: (a: Accepted) => void): () => void {
		this.#acceptedListeners.add(fn);
		return () => this.#acceptedListeners.delete(fn);
	}

	#set(patch: Partial<SyncState>) {
		this.state = { ...this.state, ...patch };
		for (const fn of this.#listeners) fn(this.state);
	}

	/** Failures in a row without an answer (drives the backoff). */
	get failures() {
		return this.#failures;
	}

	/** Send what is due. Concurrent callers share the run in flight; a call during a run causes one more pass. */
	run(): Promise<void> {
		if (this.#inflight) {
			this.#again = true;
			return this.#inflight;
		}
		this.#inflight = (async () => {
			this.#set({ running: true });
			try {
				do {
					this.#again = false;
					await this.#locked(() => this.#pass());
				} while (this.#again);
			} finally {
				this.#set({ running: false, lastRunAt: this.deps.now() });
				this.#inflight = null;
			}
		})();
		return this.#inflight;
	}

	/** After a fresh login: forget the session problem and send. */
	loggedIn(): Promise<void> {
		this.#set({ needsLogin: false });
		return this.run();
	}

	stop() {
		if (this.#timer !== null) this.deps.clearTimer(this.#timer);
		this.#timer = null;
	}

	async #locked(fn: () => Promise<void>) {
		const locks = this.deps.locks;
		if (!locks) return fn();
		await locks.request(LOCK_NAME, async () => {
			this.#holdsLock = true;
			try {
				await fn();
			} finally {
				this.#holdsLock = false;
			}
		});
	}

	#schedule(ms: number) {
		this.stop();
		this.#set({ retryAt: this.deps.now() + ms });
		this.#timer = this.deps.setTimer(() => {
			this.#timer = null;
			this.#set({ retryAt: null });
			void this.run();
		}, ms);
	}

	async #pass() {
		const { userId } = this.deps.auth();
		if (!userId) return;
		const now = this.deps.now();
		await db.outbox
			.where('userId')
			.equals(userId)
			.filter((r) => r.status === 'done' && (r.doneAt ?? 0) < now - KEEP_DONE_MS)
			.delete();
		const rows = await db.outbox.where('[userId+status]').anyOf([userId, 'pending'], [userId, 'syncing']).toArray();
		// Holding the lock, any 'syncing' row was left by a tab that died mid-send.
		const due = rows
			.filter((r) => r.status === 'pending' || this.#holdsLock || now - (r.claimedAt ?? 0) > STALE_CLAIM_MS)
			.sort((a, b) => a.createdAt - b.createdAt);
		if (due.length === 0) return;
		if (!this.deps.isOnline()) {
			this.deps.wakeOnReconnect();
			return;
		}
		const auth = this.deps.auth();
		if (!auth.valid) {
			this.#set({ needsLogin: true });
			return;
		}
		if (this.state.needsLogin) this.#set({ needsLogin: false });
		// Sending now would be refused; the password change logs in again, which runs sync.
		if (auth.blocked) return;
		for (const row of due) {
			if ((await this.#send(row)) === 'stop') return;
		}
	}

	async #claim(row: OutboxRow): Promise<OutboxRow | null> {
		return db.transaction('rw', db.outbox, async () => {
			const cur = await db.outbox.get(row.id);
			if (!cur || cur.status === 'done' || cur.status === 'failed') return null;
			if (cur.status === 'syncing' && !this.#holdsLock && this.deps.now() - (cur.claimedAt ?? 0) <= STALE_CLAIM_MS) return null;
			const claimed = { ...cur, status: 'syncing' as const, claimedAt: this.deps.now(), updatedAt: this.deps.now() };
			await db.outbox.put(claimed);
			return claimed;
		});
	}

	#url(row: OutboxRow, withId: boolean) {
		const base = `${this.deps.baseUrl}/api/collections/${encodeURIComponent(row.collection)}/records`;
		return withId ? `${base}/${encodeURIComponent(row.recordId)}` : base;
	}

	async #send(original: OutboxRow): Promise<Verdict> {
		const row = await this.#claim(original);
		if (!row) return 'next';
		const { token } = this.deps.auth();
		const files = await getFiles(row.fileFields);
		const progress = this.#progressWriter(row, files);
		const res = await this.deps.transport.send({
			method: row.op === 'create' ? 'POST' : 'PATCH',
			url: this.#url(row, row.op === 'update'),
			token,
			body: toFormData(row, files),
			onProgress: progress.update
		});
		await progress.flush();

		if (res.status >= 200 && res.status < 300) return this.#accepted(row, res.body);

		if (row.op === 'create' && res.status === 400 && isDuplicateId(res.body)) {
			// A previous attempt got through but its answer was lost — or the id is taken by someone else.
			const check = await this.deps.transport.send({ method: 'GET', url: this.#url(row, true), token });
			if (check.status === 200) return this.#accepted(row, check.body);
			if (check.status === 404) {
				await db.outbox.update(row.id, { recordId: newRecordId(), status: 'pending', updatedAt: this.deps.now() });
				this.#again = true;
				return 'stop';
			}
			return this.#noAnswer(row, '正在确认是否已提交，稍后自动重试');
		}

		if (res.status === 0 || res.status === 408 || res.status === 429 || res.status >= 500) {
			return this.#noAnswer(row, res.status === 0 ? '网络中断，恢复后自动重试' : `服务器暂时无法处理（${res.status}），稍后自动重试`);
		}

		if (res.status === 401 || isBareRuleFailure(res.status, res.body)) {
			// A rule failure without field errors is what a dead token looks like to PocketBase.
			const session = res.status === 401 ? 'expired' : await this.deps.checkSession();
			if (session === 'expired') {
				await this.#release(row, { note: '登录已过期，重新登录后自动提交' });
				this.#set({ needsLogin: true });
				return 'stop';
			}
			if (session === 'offline') return this.#noAnswer(row, '网络中断，恢复后自动重试');
		}

		this.#failures = 0;
		await db.transaction('rw', db.outbox, db.progress, async () => {
			await db.outbox.update(row.id, {
				status: 'failed',
				error: refusalFrom(res.status, res.body),
				note: undefined,
				updatedAt: this.deps.now()
			});
			await db.progress.delete(row.id);
		});
		return 'next';
	}

	async #release(row: OutboxRow, patch: Partial<OutboxRow>) {
		await db.transaction('rw', db.outbox, db.progress, async () => {
			const cur = await db.outbox.get(row.id);
			if (cur?.status === 'syncing') await db.outbox.update(row.id, { status: 'pending', updatedAt: this.deps.now(), ...patch });
			await db.progress.delete(row.id);
		});
	}

	async #noAnswer(row: OutboxRow, note: string): Promise<Verdict> {
		this.#failures += 1;
		const delay = backoffDelay(this.#failures, this.deps.random);
		await this.#release(row, { attempts: row.attempts + 1, retryAt: this.deps.now() + delay, note });
		this.#schedule(delay);
		this.deps.wakeOnReconnect();
		return 'stop';
	}

	async #accepted(row: OutboxRow, record: unknown): Promise<Verdict> {
		this.#failures = 0;
		if (this.state.retryAt !== null) {
			this.stop();
			this.#set({ retryAt: null });
		}
		await db.transaction('rw', [db.outbox, db.files, db.drafts, db.progress], async () => {
			await db.outbox.update(row.id, {
				status: 'done',
				doneAt: this.deps.now(),
				updatedAt: this.deps.now(),
				error: undefined,
				note: undefined,
				fileFields: {},
				fields: {}
			});
			await deleteOwnerFiles(row.userId, `outbox:${row.id}`);
			await db.progress.delete(row.id);
			await db.drafts.delete([row.userId, row.formKey]);
			await deleteOwnerFiles(row.userId, draftOwner(row.formKey));
		});
		for (const fn of this.#acceptedListeners) fn({ collection: row.collection, recordId: row.recordId, formKey: row.formKey, record });
		return 'next';
	}

	#progressWriter(row: OutboxRow, files: FileMap) {
		const list = Object.entries(files).flatMap(([field, fs]) => fs.map((f) => ({ field, name: f.name, size: f.size, loaded: 0 })));
		const sum = list.reduce((n, f) => n + f.size, 0);
		let last = 0;
		let pending: ProgressRow | null = null;
		let writing: Promise<unknown> = Promise.resolve();
		const write = () => {
			if (!pending) return;
			const p = pending;
			pending = null;
			last = this.deps.now();
			writing = writing.then(() => db.progress.put(p)).catch(() => {});
		};
		return {
			update: (loaded: number, total: number) => {
				// One multipart body: spread the bytes sent over the files in the order they were appended.
				let pos = total > 0 ? (loaded / total) * sum : 0;
				const per = list.map((f) => {
					const l = Math.max(0, Math.min(f.size, pos));
					pos -= f.size;
					return { ...f, loaded: Math.round(l) };
				});
				pending = { itemId: row.id, userId: row.userId, files: per, loaded, total, updatedAt: this.deps.now() };
				if (this.deps.now() - last >= PROGRESS_EVERY_MS || loaded >= total) write();
			},
			flush: async () => {
				write();
				await writing;
			}
		};
	}
}

/** PocketBase's answer to a create whose client-chosen id exists: maybe ours, from an attempt whose answer was lost. */
export function isDuplicateId(body: unknown): boolean {
	const data = (body as { data?: Record<string, { code?: string }> } | null)?.data;
	return data?.id?.code === 'validation_not_unique';
}

function appendValue(fd: FormData, key: string, value: unknown) {
	if (value === undefined) return;
	if (value === null) fd.append(key, '');
	else if (value instanceof Date) fd.append(key, value.toISOString());
	else if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
		// PocketBase reads repeated keys as a list; one empty value clears it.
		if (value.length === 0) fd.append(key, '');
		for (const v of value) fd.append(key, v === null ? '' : String(v));
	} else if (typeof value === 'object') fd.append(key, JSON.stringify(value));
	else fd.append(key, String(value));
}

/** Fields first, then files, so upload progress can be spread over the files in order. */
export function toFormData(row: Pick<OutboxRow, 'op' | 'recordId' | 'fields'>, files: FileMap): FormData {
	const fd = new FormData();
	if (row.op === 'create') fd.append('id', row.recordId);
	for (const [k, v] of Object.entries(row.fields)) {
		if (k !== 'id') appendValue(fd, k, v);
	}
	for (const [field, list] of Object.entries(files)) {
		for (const f of list) fd.append(field, f, f.name);
	}
	return fd;
}
