/**
 * The signed e-certificate against a real PocketBase: issuance signs (in Go,
 * verified here with the browser's library), every re-issue is a new version,
 * the public status endpoint answers only status and validity, is
 * rate-limited, and the private key never leaves the server's configuration.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordModel } from 'pocketbase';
import { describe, expect, inject, it } from 'vitest';
import {
	addDays,
	chinaDay,
	decodeEcert,
	LIVE_STATUSES,
	maskIdNumber,
	maskName,
	payloadText,
	verifyEcert,
	verifyUrl,
	type PublicKeyEntry
} from '../../src/lib/domain';
import { sm2Verify } from '../../src/lib/ecert/sm2';
import { publicKeyEntry, writeNewKey } from '../../scripts/ecert-key.js';
import { ROOT, startPocketBase, superuserClient } from '../support/pocketbase';
import { adminClient, createApplicant, createCertificate, pbUrl, refused, uniqueIdNumber } from './helpers';
import { createHolder, review, submitApplication, type Holder } from './factories-applications';

async function publicKeys(url = pbUrl()): Promise<PublicKeyEntry[]> {
	const res = await fetch(`${url}/api/anguan/ecert/keys`);
	expect(res.status).toBe(200);
	return ((await res.json()) as { keys: PublicKeyEntry[] }).keys;
}

async function status(
	no: string,
	code: string,
	url = pbUrl()
): Promise<{ status: string; validUntil: string; httpStatus: number; keys: string[] }> {
	const res = await fetch(`${url}/api/anguan/verify?${new URLSearchParams({ no, code })}`);
	const body = res.status === 200 ? ((await res.json()) as { status: string; validUntil: string }) : { status: '', validUntil: '' };
	return { ...body, httpStatus: res.status, keys: Object.keys(body).sort() };
}

async function approve(h: Holder, data: Record<string, unknown> = {}): Promise<RecordModel> {
	const a = await submitApplication(h, data);
	await review(a.id, '审核中');
	await review(a.id, '审核通过');
	return (await adminClient()).collection('certificates').getOne(h.certificate.id);
}

const versionsOf = async (certId: string) =>
	(await adminClient()).collection('ecert_versions').getFullList({ filter: `certificate = "${certId}"`, sort: 'version' });

describe('issuance signs the e-certificate', () => {
	it('writes a payload with masked name and ID and an SM2 signature that the browser library verifies', async () => {
		const h = await createHolder({ category: 'B', certNo: '' });
		const cert = await approve(h);
		expect(cert.ecertVersion).toBe(1);
		expect(cert.ecertSignature).toMatch(/^[0-9a-f]{128}$/);
		const keys = await publicKeys();
		const check = verifyEcert(verifyUrl('https://example.cn', cert.ecertPayload, cert.ecertSignature), keys, sm2Verify);
		expect(check.ok).toBe(true);
		const p = check.ok ? check.payload : null;
		expect(p).toMatchObject({
			no: cert.certNo,
			name: maskName('王小明'),
			id: maskIdNumber(h.applicant.identity),
			cat: 'B',
			ent: '测试建设工程有限公司',
			until: cert.validUntil.slice(0, 10),
			issued: chinaDay(),
			org: '云南省住房和城乡建设厅',
			code: cert.verifyCode,
			kid: keys[0].kid
		});
		expect(cert.ecertPayload).not.toContain(h.applicant.identity);

		// The holder reads the same signed payload through the API; a one-character change breaks it.
		const own = await h.applicant.pb.collection('certificates').getOne(h.certificate.id);
		expect(own.ecertPayload).toBe(cert.ecertPayload);
		const forged = cert.ecertPayload.replace(p!.until, '2099-12-31');
		expect(verifyEcert(verifyUrl('https://example.cn', forged, cert.ecertSignature), keys, sm2Verify).ok).toBe(false);

		const versions = await versionsOf(cert.id);
		expect(versions.map((v) => [v.version, v.verifyCode, v.payload, v.signature, v.kid, v.supersededAt])).toEqual([
			[1, cert.verifyCode, cert.ecertPayload, cert.ecertSignature, keys[0].kid, '']
		]);
	});

	it('a renewal re-issues: new version, new code and signature; the old version is superseded', async () => {
		const h = await createHolder({ validUntil: addDays(chinaDay(), 30), certNo: '' });
		const first = await approve(h);
		const second = await approve(h, { kind: '延续', enterprise: h.employer.id });
		expect(second.ecertVersion).toBe(2);
		expect(second.verifyCode).not.toBe(first.verifyCode);
		expect(second.ecertSignature).not.toBe(first.ecertSignature);
		expect(decodeEcert(verifyUrl('x', second.ecertPayload, second.ecertSignature))!.payload.until).toBe(second.validUntil.slice(0, 10));
		const versions = await versionsOf(h.certificate.id);
		expect(versions.map((v) => v.version)).toEqual([1, 2]);
		expect(versions[0].supersededAt).not.toBe('');
		expect(versions[1].supersededAt).toBe('');
	});

	it('a certificate a reviewer creates as already issued is signed; a status change is not a new version; sent signature fields are ignored', async () => {
		const applicant = await createApplicant();
		const admin = await adminClient();
		const cert = await createCertificate(applicant.record.id, {
			certNo: '云建安A（2021）0004242',
			ecertIssuedAt: new Date().toISOString()
		});
		expect(cert.ecertVersion).toBe(1);
		expect(cert.verifyCode).toHaveLength(12);
		const keys = await publicKeys();
		expect(verifyEcert(verifyUrl('x', cert.ecertPayload, cert.ecertSignature), keys, sm2Verify).ok).toBe(true);

		const revoked = await admin
			.collection('certificates')
			.update(cert.id, { status: '注销', ecertSignature: '00'.repeat(64), ecertVersion: 9 });
		expect(revoked.ecertVersion).toBe(1);
		expect(revoked.ecertSignature).toBe(cert.ecertSignature);
	});
});

describe('status endpoint', () => {
	it('answers 有效 / 已更新 / 失效 / 注销 / 查无此证 with the validity and nothing else', async () => {
		const h = await createHolder({ validUntil: addDays(chinaDay(), 30), certNo: '' });
		const first = await approve(h);
		const current = await status(first.certNo, first.verifyCode);
		expect(current).toEqual({ status: '有效', validUntil: first.validUntil.slice(0, 10), httpStatus: 200, keys: ['status', 'validUntil'] });
		// Typed by hand: ASCII brackets and a lower-case code are accepted.
		expect((await status(first.certNo.replace('（', '(').replace('）', ')'), first.verifyCode.toLowerCase())).status).toBe('有效');

		const second = await approve(h, { kind: '延续', enterprise: h.employer.id });
		expect((await status(first.certNo, first.verifyCode)).status).toBe('已更新');
		expect((await status(second.certNo, second.verifyCode)).status).toBe('有效');

		const admin = await adminClient();
		await admin.collection('certificates').update(h.certificate.id, { status: '失效' });
		expect((await status(second.certNo, second.verifyCode)).status).toBe('失效');
		await admin.collection('certificates').update(h.certificate.id, { status: '注销' });
		expect((await status(second.certNo, second.verifyCode)).status).toBe('注销');

		for (const [no, code] of [
			[second.certNo, 'ABCDEFGHJKLM'],
			['云建安B（2020）9999999', second.verifyCode],
			['not a number', 'x'],
			['', '']
		]) {
			expect(await status(no, code)).toEqual({ status: '查无此证', validUntil: '', httpStatus: 200, keys: ['status', 'validUntil'] });
		}
		expect(LIVE_STATUSES).toEqual(['有效', '已更新', '失效', '注销', '查无此证']);
	});

	it('a lapse (the daily job) shows as 失效', async () => {
		const applicant = await createApplicant();
		const cert = await createCertificate(applicant.record.id, {
			certNo: '云建安C1（2020）0003131',
			validUntil: addDays(chinaDay(), -1),
			ecertIssuedAt: new Date().toISOString()
		});
		expect((await status(cert.certNo, cert.verifyCode)).status).toBe('有效');
		const admin = await adminClient();
		await admin.send('/api/anguan/jobs/lapse', { method: 'POST' });
		expect((await status(cert.certNo, cert.verifyCode)).status).toBe('失效');
	});

	it('is rate-limited per address', async () => {
		const pb = await startPocketBase({ rateLimits: true, quiet: true });
		try {
			const answers: number[] = [];
			for (let i = 0; i < 35; i++) answers.push((await status('云建安B（2020）0000001', 'ABCDEFGHJKLM', pb.url)).httpStatus);
			expect(answers.slice(0, 30).every((s) => s === 200)).toBe(true);
			expect(answers.slice(30)).toEqual([429, 429, 429, 429, 429]);
			// Other routes are not starved by it.
			expect((await fetch(`${pb.url}/api/anguan/ecert/keys`)).status).toBe(200);
		} finally {
			await pb.stop();
		}
	});
});

describe('the private key stays in the server configuration', () => {
	const keyFile = () => join(inject('pbDataDir'), 'ecert-demo-key.pem');
	/** Every form the private key could leak in: PEM body, its base64 lines, the scalar in hex and base64url. */
	function secretForms(): string[] {
		const pem = readFileSync(keyFile(), 'utf8');
		const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
		// ECPrivateKey inside PKCS#8: version 1, then the 32-byte scalar (02 01 01 04 20 ‖ d).
		const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
		const at = der.indexOf(Buffer.from([2, 1, 1, 4, 32])) + 5;
		const d = der.subarray(at, at + 32);
		expect(at).toBeGreaterThan(5);
		return [body, ...pem.split('\n').filter((l) => l.length > 40), d.toString('hex'), d.toString('base64url'), d.toString('base64')];
	}

	it('is in no API answer, to the holder or to a reviewer', async () => {
		const forms = secretForms();
		expect(forms.length).toBeGreaterThan(3);
		const h = await createHolder({ certNo: '' });
		const cert = await approve(h);
		const admin = await adminClient();
		const answers = [
			JSON.stringify(await h.applicant.pb.collection('certificates').getFullList()),
			JSON.stringify(await admin.collection('certificates').getOne(cert.id)),
			JSON.stringify(await admin.collection('ecert_versions').getFullList()),
			JSON.stringify(await admin.settings.getAll()),
			JSON.stringify(await admin.collections.getFullList()),
			JSON.stringify(await admin.logs.getList(1, 200)),
			await (await fetch(`${pbUrl()}/api/anguan/ecert/keys`)).text(),
			await (await fetch(`${pbUrl()}/api/anguan/config`)).text(),
			await (await fetch(`${pbUrl()}/api/anguan/verify?no=${encodeURIComponent(cert.certNo)}&code=${cert.verifyCode}`)).text()
		];
		for (const text of answers) for (const secret of forms) expect(text.includes(secret)).toBe(false);
		// The holder cannot read the version history.
		await refused(() => h.applicant.pb.collection('ecert_versions').getList(1, 10), 403);
	});

	it('is in no file of the built app (pb_public/)', () => {
		const dir = join(ROOT, 'pb_public');
		expect(existsSync(join(dir, 'index.html')), 'the app must be built first (npm run build)').toBe(true);
		const forms = [...secretForms(), 'PRIVATE KEY'];
		const walk = (d: string): string[] =>
			readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
		const files = walk(dir);
		expect(files.length).toBeGreaterThan(5);
		for (const f of files) {
			const text = readFileSync(f).toString('latin1');
			for (const secret of forms) expect(text.includes(secret), `${f} contains the private key`).toBe(false);
		}
	});
});

describe('issuer', () => {
	it('the configured 发证机关 is public configuration and what the payload signs', async () => {
		const config = await (await fetch(`${pbUrl()}/api/anguan/config`)).json();
		expect(config.ecertIssuer).toBe('云南省住房和城乡建设厅');
		const cert = await approve(await createHolder({ certNo: '' }));
		expect(cert.ecertPayload.split('|')).toContain(config.ecertIssuer);
		expect(payloadText(decodeEcert(verifyUrl('x', cert.ecertPayload, cert.ecertSignature))!.payload)).toBe(cert.ecertPayload);
	});
});

describe('key rotation', () => {
	it('a retired key listed in ECERT_PUBLIC_KEYS_FILE is still published, its certificates still verify, new ones use the new key', async () => {
		const dir = mkdtempSync(join(ROOT, 'tests/.tmp/rotate-'));
		const [oldKey, newKey, retired] = [join(dir, 'old.pem'), join(dir, 'new.pem'), join(dir, 'retired.json')];
		writeNewKey(oldKey);
		writeNewKey(newKey);
		const dataDir = join(dir, 'data');
		const issue = async (url: string, serial: number) => {
			const admin = await superuserClient(url);
			const holder = await admin.collection('applicants').create({
				idNumber: uniqueIdNumber(),
				name: '轮换测试',
				password: 'Rotate-2026-x',
				passwordConfirm: 'Rotate-2026-x',
				mustChangePassword: false
			});
			return admin.collection('certificates').create({
				holder: holder.id,
				category: 'A',
				status: '有效',
				validUntil: '2029-06-30',
				certNo: `云建安A（2026）${String(serial).padStart(7, '0')}`,
				ecertIssuedAt: new Date().toISOString()
			});
		};
		try {
			let pb = await startPocketBase({ dataDir, quiet: true, env: { ECERT_KEY_FILE: oldKey } });
			const before = await issue(pb.url, 9001);
			await pb.stop();

			writeFileSync(retired, JSON.stringify([publicKeyEntry(oldKey)]));
			pb = await startPocketBase({ dataDir, quiet: true, env: { ECERT_KEY_FILE: newKey, ECERT_PUBLIC_KEYS_FILE: retired } });
			try {
				const keys = await publicKeys(pb.url);
				expect(keys.map((k) => k.kid)).toEqual([publicKeyEntry(newKey).kid, publicKeyEntry(oldKey).kid]);
				expect(verifyEcert(verifyUrl('x', before.ecertPayload, before.ecertSignature), keys, sm2Verify)).toMatchObject({
					ok: true,
					payload: { kid: publicKeyEntry(oldKey).kid }
				});
				const after = await issue(pb.url, 9002);
				expect(decodeEcert(verifyUrl('x', after.ecertPayload, after.ecertSignature))!.payload.kid).toBe(keys[0].kid);
				expect(verifyEcert(verifyUrl('x', after.ecertPayload, after.ecertSignature), keys, sm2Verify).ok).toBe(true);
				// Without the retired list, the old certificate no longer verifies: that is how a compromised key is withdrawn.
				expect(verifyEcert(verifyUrl('x', before.ecertPayload, before.ecertSignature), keys.slice(0, 1), sm2Verify)).toMatchObject({
					ok: false,
					reason: 'unknownKey'
				});
			} finally {
				await pb.stop();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('without a configured key nothing is issued, and the reason is given in Chinese', async () => {
		const dir = mkdtempSync(join(ROOT, 'tests/.tmp/nokey-'));
		const pb = await startPocketBase({ dataDir: dir, quiet: true, env: { ECERT_KEY_FILE: join(dir, 'missing.pem') } });
		try {
			const admin = await superuserClient(pb.url);
			const holder = await admin.collection('applicants').create({
				idNumber: uniqueIdNumber(),
				name: '无钥测试',
				password: 'Nokey-2026-x',
				passwordConfirm: 'Nokey-2026-x',
				mustChangePassword: false
			});
			const e = await refused(
				() =>
					admin.collection('certificates').create({
						holder: holder.id,
						category: 'A',
						status: '有效',
						validUntil: '2029-06-30',
						certNo: '云建安A（2026）0009003',
						ecertIssuedAt: new Date().toISOString()
					}),
				400
			);
			expect(e.response.message).toContain('电子证书签名密钥无法读取');
			expect((await admin.collection('certificates').getList(1, 1)).totalItems).toBe(0);
			expect(await publicKeys(pb.url)).toEqual([]);
		} finally {
			await pb.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
