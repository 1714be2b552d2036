/**
 * Starts a real PocketBase (our migrations and hooks) on a free port with a
 * fresh data dir — for integration tests, e2e tests and benchmarks.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import PocketBase from 'pocketbase';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ecertKeyEnv } from '../../scripts/ecert-key.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SUPERUSER = { email: 'reviewer@test.local', password: 'Reviewer-Test-2026' };

export function pocketbaseBin(): string {
	return process.env.POCKETBASE_BIN || join(ROOT, '.pb/pocketbase');
}

export function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', rej);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => res(port));
		});
	});
}

export interface RunningPocketBase {
	url: string;
	port: number;
	dataDir: string;
	process: ChildProcess;
	stop(): Promise<void>;
	/** Kill -9 (a crash), leaving the data dir for a restart. */
	kill(): Promise<void>;
	restart(): Promise<void>;
}

export interface StartOptions {
	port?: number;
	dataDir?: string;
	publicDir?: string;
	/** Another set of migrations (tests of a migration: the schema before and after it). */
	migrationsDir?: string;
	env?: Record<string, string>;
	/** Keep PocketBase's rate limits as migrated (tests that check them). Off by default. */
	rateLimits?: boolean;
	quiet?: boolean;
}

export async function startPocketBase(opts: StartOptions = {}): Promise<RunningPocketBase> {
	const port = opts.port ?? (await freePort());
	mkdirSync(join(ROOT, 'tests/.tmp'), { recursive: true });
	const dataDir = opts.dataDir ?? mkdtempSync(join(ROOT, 'tests/.tmp/pb-'));
	const bin = pocketbaseBin();
	const common = [
		`--dir=${dataDir}`,
		`--hooksDir=${join(ROOT, 'pb_hooks')}`,
		`--migrationsDir=${opts.migrationsDir ?? join(ROOT, 'pb_migrations')}`,
		`--publicDir=${opts.publicDir ?? join(ROOT, 'pb_public')}`
	];
	// APP_URL: the reviewers' links in review_queue point at this server; a signing key of this data
	// dir's own, as `npm start` makes a demo key (unless the test brings one).
	const env = {
		...process.env,
		ISSUE_DELAY_MINUTES: '0',
		APP_URL: `http://127.0.0.1:${port}`,
		...ecertKeyEnv(dataDir, opts.env ?? {}).env,
		...opts.env
	};

	const up = spawnSync(bin, [...common, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password], { env, encoding: 'utf8' });
	if (up.status !== 0) throw new Error(`superuser upsert failed: ${up.stderr || up.stdout}`);

	const url = `http://127.0.0.1:${port}`;
	let child!: ChildProcess;
	const launch = async () => {
		child = spawn(bin, [...common, 'serve', `--http=127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let log = '';
		child.stdout!.on('data', (d) => (log += d));
		child.stderr!.on('data', (d) => {
			log += d;
			if (!opts.quiet && process.env.PB_LOG) process.stderr.write(d);
		});
		await waitForHealth(url, () => log);
	};
	await launch();
	if (!opts.rateLimits) await setRateLimits(url, false);

	const exited = () => new Promise<void>((res) => (child.exitCode !== null || child.signalCode ? res() : child.once('exit', () => res())));
	return {
		url,
		port,
		dataDir,
		get process() {
			return child;
		},
		async stop() {
			child.kill('SIGTERM');
			await exited();
			if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
		},
		async kill() {
			child.kill('SIGKILL');
			await exited();
		},
		async restart() {
			await launch();
		}
	};
}

async function waitForHealth(url: string, log: () => string, timeoutMs = 30_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		try {
			const res = await fetch(`${url}/api/health`);
			if (res.ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`PocketBase did not start at ${url}:\n${log()}`);
}

/** An SDK client logged in as the test reviewer (a superuser). */
export async function superuserClient(url: string): Promise<PocketBase> {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	await pb.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
	return pb;
}

export async function superuserToken(url: string): Promise<string> {
	const res = await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ identity: SUPERUSER.email, password: SUPERUSER.password })
	});
	if (!res.ok) throw new Error(`superuser login failed: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { token: string }).token;
}

/** Tests and benchmarks hammer from one IP; production keeps the migrated limits. */
export async function setRateLimits(url: string, enabled: boolean) {
	const token = await superuserToken(url);
	const res = await fetch(`${url}/api/settings`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json', authorization: token },
		body: JSON.stringify({ rateLimits: { enabled } })
	});
	if (!res.ok) throw new Error(`settings update failed: ${res.status} ${await res.text()}`);
}
