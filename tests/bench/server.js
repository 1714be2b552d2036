// A PocketBase for a benchmark: our binary, migrations and hooks, a fresh
// data dir in the system temp dir, a free port, rate limits off (the load
// comes from one IP), and the process's CPU and memory as Linux reports them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ecertKeyEnv } from '../../scripts/ecert-key.js';
import { preparePocketBase, ROOT } from './prepare.js';

export const SUPERUSER = { email: 'bench@anguan.local', password: 'Bench-Anguan-2026' };

// Ctrl-C leaves no server behind.
const running = new Set();
process.once('SIGINT', () => Promise.all([...running].map((stop) => stop())).then(() => process.exit(130)));

function freePort() {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/**
 * @param {{ pool?: number, publicDir?: string, env?: Record<string, string>, wrap?: string[] }} opts
 *   pool: --hooksPool (0 = PocketBase's default of 15); wrap: a command to run PocketBase under
 *   (valgrind …), which keeps the process id
 */
export async function startServer({ pool = 64, publicDir = join(ROOT, 'pb_public'), env = {}, wrap = [] } = {}) {
	const bin = await preparePocketBase();
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'anguan-bench-'));
	const common = [
		`--dir=${dataDir}`,
		`--hooksDir=${join(ROOT, 'pb_hooks')}`,
		`--migrationsDir=${join(ROOT, 'pb_migrations')}`,
		`--publicDir=${publicDir}`
	];
	// Issuance signs every certificate: a demo key in the data dir unless one is configured.
	const fullEnv = { ...process.env, ISSUE_DELAY_MINUTES: '1440', ...ecertKeyEnv(dataDir, { ...process.env, ...env }).env, ...env };
	const up = spawnSync(bin, [...common, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password], { env: fullEnv, encoding: 'utf8' });
	if (up.status !== 0) throw new Error(`superuser upsert failed: ${up.error ?? ''}${up.stderr || up.stdout}`);
	const args = [...common, ...(pool ? [`--hooksPool=${pool}`] : []), 'serve', `--http=127.0.0.1:${port}`];
	const child = spawn(wrap[0] ?? bin, [...wrap.slice(1), ...(wrap.length ? [bin] : []), ...args], {
		env: fullEnv,
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let log = '';
	child.stderr.on('data', (b) => (log += b));
	const url = `http://127.0.0.1:${port}`;

	const stop = async () => {
		running.delete(stop);
		if (child.exitCode === null && !child.signalCode) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await exited;
		}
		rmSync(dataDir, { recursive: true, force: true });
	};
	running.add(stop);

	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (child.exitCode !== null || i > (wrap.length ? 3000 : 300)) throw new Error(`PocketBase did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 100));
	}

	async function api(path, { method = 'GET', token, json, form } = {}) {
		const res = await fetch(url + path, {
			method,
			headers: { ...(token ? { authorization: token } : {}), ...(json ? { 'content-type': 'application/json' } : {}) },
			body: json ? JSON.stringify(json) : form
		});
		const text = await res.text();
		const body = text ? JSON.parse(text) : null;
		if (!res.ok) throw Object.assign(new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`), { status: res.status, body });
		return body;
	}

	const admin = (
		await api('/api/collections/_superusers/auth-with-password', {
			method: 'POST',
			json: { identity: SUPERUSER.email, password: SUPERUSER.password }
		})
	).token;
	await api('/api/settings', { method: 'PATCH', token: admin, json: { rateLimits: { enabled: false } } });

	return {
		url,
		pid: child.pid,
		dataDir,
		admin,
		api,
		stop,
		/** CPU seconds the server has used so far (user + system): steadier than wall time on a shared machine. */
		cpuSeconds() {
			try {
				const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
				return (Number(fields[11]) + Number(fields[12])) / 100;
			} catch {
				return NaN;
			}
		},
		/** Peak resident memory in MB (VmHWM). */
		peakRssMB() {
			try {
				const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
				return kb ? Math.round(Number(kb) / 1024) : NaN;
			} catch {
				return NaN;
			}
		}
	};
}

/** Runs fn over items with n workers. */
export async function pool(items, n, fn) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(n, items.length) }, async () => {
			while (next < items.length) await fn(items[next++]);
		})
	);
}

/** 15 random characters [a-z0-9]: a PocketBase record id made by the client. */
export function recordId() {
	return Array.from({ length: 15 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');
}
