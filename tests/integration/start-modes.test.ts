/**
 * The two ways the server is started, run as people run them: `npm start`
 * (scripts/start.js, the demo) and `npm run start:production`. A demo restart
 * keeps what reviewers and applicants changed and seeds nothing twice;
 * production never seeds and refuses a published default password.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, pocketbaseBin, ROOT } from '../support/pocketbase';
import { reviewerLogin, smtpEnv, startSmtpSink } from '../support/smtp-sink';
import { writeNewKey } from '../../scripts/ecert-key.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const dataDir = () => {
	const d = mkdtempSync(join(ROOT, 'tests/.tmp/start-'));
	dirs.push(d);
	return d;
};

interface Started {
	child: ChildProcess;
	url: string;
	output: () => string;
	stop: () => Promise<void>;
}

/** Runs scripts/start.js (the app is already built by npm test) until it says it is running, or exits. */
async function start(dir: string, args: string[] = [], env: Record<string, string> = {}): Promise<Started & { exitCode: number | null }> {
	const port = await freePort();
	const child = spawn(process.execPath, [join(ROOT, 'scripts/start.js'), ...args], {
		cwd: ROOT,
		env: { ...process.env, SKIP_BUILD: '1', PORT: String(port), DATA_DIR: dir, POCKETBASE_BIN: pocketbaseBin(), ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
	const ready = new Promise<void>((res) => {
		const timer = setInterval(() => {
			if (out.includes('Ctrl+C stops the server')) {
				clearInterval(timer);
				res();
			}
		}, 100);
		void exited.then(() => (clearInterval(timer), res()));
	});
	await Promise.race([ready, new Promise((r) => setTimeout(r, 60_000))]);
	return {
		child,
		url: `http://127.0.0.1:${port}`,
		output: () => out,
		exitCode: child.exitCode,
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}

async function login(url: string, email: string, password: string): Promise<PocketBase | null> {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	try {
		await pb.collection('_superusers').authWithPassword(email, password);
		return pb;
	} catch {
		return null;
	}
}

describe('npm start (demo)', () => {
	it('seeds an empty database once; a restart keeps changed data and a changed reviewer password, and seeds nothing again', async () => {
		const dir = dataDir();
		const first = await start(dir);
		let changedId: string;
		try {
			expect(first.output()).toContain('已导入演示数据');
			expect(first.output()).toContain('reviewer@anguan.local / Reviewer2026');
			const admin = (await login(first.url, 'reviewer@anguan.local', 'Reviewer2026'))!;
			expect(admin).not.toBeNull();
			const people = await admin.collection('applicants').getFullList();
			expect(people.map((p) => p.name).sort()).toEqual(['李明华', '王丽', '赵建国'].sort());
			// An approved ID-number change, as issuance writes it.
			const li = people.find((p) => p.name === '李明华')!;
			const { makeIdNumber } = await import('../../src/lib/domain');
			changedId = makeIdNumber('530102', '19780315', 133);
			await admin.collection('applicants').update(li.id, { idNumber: changedId });
			// The request log (kept 30 days) never carries a full ID number: seeding put none in a URL.
			const { DEMO_APPLICANTS } = await import('../../scripts/seed.js');
			let urls: string[] = [];
			for (let i = 0; i < 50 && !urls.some((u) => u.includes('/api/collections/applicants')); i++) {
				await new Promise((r) => setTimeout(r, 200));
				urls = (await admin.logs.getList(1, 500, { filter: "data.url != ''" })).items.map((l) => String(l.data?.url ?? ''));
			}
			expect(urls.some((u) => u.includes('/api/collections/applicants'))).toBe(true);
			for (const person of DEMO_APPLICANTS) expect(urls.filter((u) => u.includes(person.idNumber))).toEqual([]);
		} finally {
			await first.stop();
		}

		const second = await start(dir);
		try {
			expect(second.output()).toContain('数据库中已有数据：未重新导入演示数据');
			const admin = (await login(second.url, 'reviewer@anguan.local', 'Reviewer2026'))!;
			const people = await admin.collection('applicants').getFullList();
			expect(people).toHaveLength(3);
			expect(people.filter((p) => p.name === '李明华').map((p) => p.idNumber)).toEqual([changedId]);
			expect(await admin.collection('certificates').getList(1, 1)).toMatchObject({ totalItems: 3 });
			// The reviewer sets a password of their own.
			await admin
				.collection('_superusers')
				.update(admin.authStore.record!.id, { password: 'Shenhe-Own-Pass-77', passwordConfirm: 'Shenhe-Own-Pass-77' });
		} finally {
			await second.stop();
		}

		const third = await start(dir);
		try {
			expect(await login(third.url, 'reviewer@anguan.local', 'Reviewer2026')).toBeNull();
			expect(await login(third.url, 'reviewer@anguan.local', 'Shenhe-Own-Pass-77')).not.toBeNull();
			expect(third.output()).toContain('审核人员已修改密码');
			expect(third.output()).not.toContain('Reviewer2026');
		} finally {
			await third.stop();
		}
	});
});

describe('npm run start:production', () => {
	it('refuses to start while a reviewer has a published default password; with an own password it starts and seeds nothing', async () => {
		const dir = dataDir();
		const upsert = (password: string) =>
			spawnSync(
				pocketbaseBin(),
				[
					`--dir=${dir}`,
					`--migrationsDir=${join(ROOT, 'pb_migrations')}`,
					`--hooksDir=${join(ROOT, 'pb_hooks')}`,
					'superuser',
					'upsert',
					'shenhe@example.gov.cn',
					password
				],
				{ encoding: 'utf8' }
			);
		expect(upsert('Reviewer2026').status).toBe(0);

		// Production signs e-certificates with a configured key, never a demo one, and mails
		// reviewers their login codes (tests/integration/production.test.ts).
		const sink = await startSmtpSink();
		const keyFile = join(dir, 'keys', 'ecert-key.pem');
		writeNewKey(keyFile);
		const prodEnv = { ECERT_KEY_FILE: keyFile, ...smtpEnv(sink) };
		const refusedRun = await start(dir, ['--production'], prodEnv);
		await refusedRun.stop();
		expect(refusedRun.child.exitCode).not.toBe(0);
		expect(refusedRun.output()).toContain('生产模式拒绝启动：审核人员账号 shenhe@example.gov.cn 仍在使用公开的默认密码');

		expect(upsert('Yn-Shenhe-2026-own').status).toBe(0);
		const noKey = await start(dir, ['--production'], smtpEnv(sink));
		await noKey.stop();
		expect(noKey.child.exitCode).not.toBe(0);
		expect(noKey.output()).toContain('生产模式拒绝启动：电子证书签名密钥不可用');

		const ok = await start(dir, ['--production'], prodEnv);
		try {
			expect(ok.output()).toContain('安管证照 is running (production)');
			const admin = await reviewerLogin(ok.url, 'shenhe@example.gov.cn', 'Yn-Shenhe-2026-own', sink);
			expect((await admin.collection('applicants').getList(1, 1)).totalItems).toBe(0);
			// No demo reviewer was created either.
			expect(await login(ok.url, 'reviewer@anguan.local', 'Reviewer2026')).toBeNull();
		} finally {
			await ok.stop();
			await sink.stop();
		}
	});
});
