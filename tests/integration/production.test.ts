/**
 * Production mode as a provincial IT department runs it: reviewers log in
 * with their password and a code mailed to them (a local SMTP sink stands in
 * for the department's mail relay), production refuses to start without a
 * mail server, and ADMIN_ALLOW keeps reviewers' logins to listed networks.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, pocketbaseBin, ROOT } from '../support/pocketbase';
import { mailText, reviewerLogin, smtpEnv, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { writeNewKey } from '../../scripts/ecert-key.js';

const EMAIL = 'shenhe@example.gov.cn';
const PASSWORD = 'Yn-Shenhe-2026-own';
const dirs: string[] = [];
let sink: SmtpSink;

beforeAll(async () => {
	sink = await startSmtpSink();
});
afterAll(async () => {
	await sink.stop();
	dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const flags = (dir: string) => [
	`--dir=${dir}`,
	`--hooksDir=${join(ROOT, 'pb_hooks')}`,
	`--migrationsDir=${join(ROOT, 'pb_migrations')}`,
	`--publicDir=${join(ROOT, 'pb_public')}`
];

/** A production server with one reviewer of our own; resolves once it serves, or with its exit output. */
async function production(
	env: Record<string, string>
): Promise<{ url: string; child: ChildProcess; output: () => string; stop: () => Promise<void> }> {
	const dir = mkdtempSync(join(ROOT, 'tests/.tmp/prod-'));
	dirs.push(dir);
	expect(spawnSync(pocketbaseBin(), [...flags(dir), 'superuser', 'upsert', EMAIL, PASSWORD]).status).toBe(0);
	const port = await freePort();
	// A real e-certificate signing key: production refuses to start without one.
	const keyFile = join(dir, 'keys', 'ecert-key.pem');
	writeNewKey(keyFile);
	const child = spawn(pocketbaseBin(), [...flags(dir), 'serve', `--http=127.0.0.1:${port}`], {
		env: { ...process.env, ANGUAN_ENV: 'production', ECERT_KEY_FILE: keyFile, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 300 && child.exitCode === null; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) break;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const exited = new Promise<void>((res) => (child.exitCode !== null ? res() : child.once('exit', () => res())));
	return { url, child, output: () => out, stop: async () => (child.exitCode === null && child.kill('SIGTERM'), await exited) };
}

describe('reviewers in production', () => {
	it('log in with password and an e-mailed code; the password alone gets no token', async () => {
		const server = await production(smtpEnv(sink));
		try {
			const pb = new PocketBase(server.url);
			const first = await pb
				.collection('_superusers')
				.authWithPassword(EMAIL, PASSWORD)
				.catch((e: ClientResponseError) => e);
			expect(first).toBeInstanceOf(ClientResponseError);
			expect((first as ClientResponseError).status).toBe(401);
			expect((first as ClientResponseError).response.mfaId).toBeTruthy();
			expect(pb.authStore.isValid).toBe(false);

			const reviewer = await reviewerLogin(server.url, EMAIL, PASSWORD, sink);
			expect(reviewer.authStore.isSuperuser).toBe(true);
			expect((await reviewer.collection('applicants').getList(1, 1)).totalItems).toBe(0);
			const mail = sink.mails.find((m) => m.to.includes(EMAIL))!;
			expect(mailText(mail.raw)).toContain('审核后台');

			// A wrong code does not complete the login; the audit shows each step that passed the password.
			const again = new PocketBase(server.url);
			const mfaId = await again
				.collection('_superusers')
				.authWithPassword(EMAIL, PASSWORD)
				.catch((e: ClientResponseError) => e.response.mfaId as string);
			const { otpId } = await again.collection('_superusers').requestOTP(EMAIL);
			await sink.nextMailTo(EMAIL);
			await expect(again.collection('_superusers').authWithOTP(otpId, '000000', { mfaId })).rejects.toBeInstanceOf(ClientResponseError);
			const audit = await reviewer.collection('login_audit').getFullList({ sort: 'created,id' });
			expect(audit.map((r) => r.result)).toEqual(['待验证码', '待验证码', '成功', '待验证码']);
		} finally {
			await server.stop();
		}
	});

	it('production refuses to start without a mail server for the codes', async () => {
		const server = await production({});
		await server.stop();
		expect(server.child.exitCode).not.toBe(0);
		expect(server.output()).toContain('生产模式拒绝启动：审核人员登录须通过邮件验证码二次验证，请先配置邮件服务器');
	});

	it('ADMIN_ALLOW keeps reviewers to listed networks: elsewhere their login is refused with 403, applicants are unaffected', async () => {
		const server = await production({ ...smtpEnv(sink), ADMIN_ALLOW: '10.20.0.0/16 192.0.2.9' });
		try {
			const res = await fetch(`${server.url}/api/collections/_superusers/auth-with-password`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ identity: EMAIL, password: PASSWORD })
			});
			// The password is right but 127.0.0.1 is not listed: refused before any code is mailed.
			expect(res.status).toBe(403);
			const page = await fetch(`${server.url}/_/`);
			expect(page.status).toBe(403);
			expect(page.headers.get('content-type')).toContain('text/plain');
			expect(await page.text()).toContain('审核后台只能从指定的网络访问');
			expect((await fetch(`${server.url}/`)).status).toBe(200);
		} finally {
			await server.stop();
		}
	});
});
