/**
 * Fakes for unit tests of the offline layer: a PocketBase that keeps records
 * in memory and can lose answers or go away, a login, and a Web Locks stand-in.
 */
import { pb } from '$lib/api/pb';
import { db } from './db';
import { SyncEngine, type SyncDeps } from './sync';
import type { SendRequest, SendResult, Transport } from './transport';

function b64url(s: string) {
	return Buffer.from(s).toString('base64url');
}

/** A JWT that the SDK's isValid accepts (or rejects once `expired`). */
export function fakeToken(userId: string, expired = false) {
	const exp = Math.floor(Date.now() / 1000) + (expired ? -60 : 3600);
	return `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ id: userId, exp, type: 'auth' }))}.sig`;
}

export function login(userId: string, expired = false) {
	pb.authStore.save(fakeToken(userId, expired), {
		id: userId,
		collectionId: 'c1',
		collectionName: 'applicants'
	} as never);
}

export async function clearDb() {
	await Promise.all(db.tables.map((t) => t.clear()));
}

export type Mode = 'ok' | 'offline' | 'lose-answer' | 'down';

export class FakePocketBase implements Transport {
	records = new Map<string, { collection: string; owner: string; fields: Record<string, unknown>; files: Record<string, string[]> }>();
	requests: { method: string; url: string; token: string }[] = [];
	/** modes consumed one per request; 'ok' when empty */
	script: Mode[] = [];
	refuse: ((fields: Record<string, unknown>) => { status: number; body: unknown } | null) | null = null;
	tokenValid = (token: string) => !!token && !token.includes('revoked');

	async send(req: SendRequest): Promise<SendResult> {
		this.requests.push({ method: req.method, url: req.url, token: req.token });
		const mode = this.script.shift() ?? 'ok';
		if (mode === 'offline') return { status: 0, body: null };
		if (mode === 'down') return { status: 503, body: null };
		const res = this.handle(req);
		if (req.body && req.onProgress) {
			req.onProgress(50, 100);
			req.onProgress(100, 100);
		}
		return mode === 'lose-answer' ? { status: 0, body: null } : res;
	}

	private handle(req: SendRequest): SendResult {
		const m = req.url.match(/\/api\/collections\/([^/]+)\/records(?:\/([^/]+))?$/);
		if (!m) return { status: 404, body: { message: 'Not found.' } };
		const [, collection, id] = m;
		const user = this.tokenValid(req.token) ? JSON.parse(Buffer.from(req.token.split('.')[1], 'base64url').toString()).id : '';
		if (req.method === 'GET') {
			const r = this.records.get(id);
			return r && r.owner === user
				? { status: 200, body: { id, ...r.fields } }
				: { status: 404, body: { message: "The requested resource wasn't found." } };
		}
		if (!user) return { status: 400, body: { message: 'Failed to create record.', data: {} } };
		const fields: Record<string, unknown> = {};
		const files: Record<string, string[]> = {};
		for (const [k, v] of req.body!.entries()) {
			if (typeof v === 'string') fields[k] = k in fields ? ([] as unknown[]).concat(fields[k], v) : v;
			else (files[k] ??= []).push(v.name);
		}
		const refusal = this.refuse?.(fields);
		if (refusal) return refusal;
		if (req.method === 'POST') {
			const newId = String(fields.id);
			if (this.records.has(newId))
				return {
					status: 400,
					body: { message: 'Failed to create record.', data: { id: { code: 'validation_not_unique', message: 'Value must be unique.' } } }
				};
			this.records.set(newId, { collection, owner: user, fields, files });
			return { status: 200, body: { id: newId, ...fields } };
		}
		const r = this.records.get(id);
		if (!r || r.owner !== user) return { status: 404, body: { message: "The requested resource wasn't found." } };
		Object.assign(r.fields, fields);
		Object.assign(r.files, files);
		return { status: 200, body: { id, ...r.fields } };
	}
}

/** Web Locks for several engines in one process ("tabs"). */
export function fakeLocks(): Pick<LockManager, 'request'> {
	const held = new Map<string, Promise<unknown>>();
	return {
		request: (async (name: string, cb: () => Promise<unknown>) => {
			while (held.has(name)) await held.get(name)!.catch(() => {});
			const p = cb();
			held.set(name, p);
			try {
				return await p;
			} finally {
				held.delete(name);
			}
		}) as unknown as LockManager['request']
	};
}

export function testEngine(server: FakePocketBase, over: Partial<SyncDeps> = {}) {
	const timers: number[] = [];
	const deps: SyncDeps = {
		baseUrl: 'http://pb.test',
		transport: server,
		auth: () => ({ userId: pb.authStore.record?.id ?? '', token: pb.authStore.token, valid: pb.authStore.isValid }),
		checkSession: async () => (server.tokenValid(pb.authStore.token) ? 'ok' : 'expired'),
		isOnline: () => true,
		now: () => Date.now(),
		random: () => 1,
		locks: null,
		setTimer: (_fn, ms) => {
			timers.push(ms);
			return timers.length;
		},
		clearTimer: () => {},
		wakeOnReconnect: () => {},
		...over
	};
	return { engine: new SyncEngine(deps), timers };
}

export function file(name: string, text = name, type = 'image/jpeg') {
	return new File([text], name, { type, lastModified: 1_700_000_000_000 });
}
