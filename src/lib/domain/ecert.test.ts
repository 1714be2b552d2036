import { describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto';
import { sm2Verify } from '../ecert/sm2';
import {
	decodeEcert,
	ecertPayload,
	encodeEcert,
	keyFor,
	liveStatusOf,
	maskName,
	parsePayloadText,
	payloadText,
	validateVerifyQuery,
	validFromOf,
	VERIFY_QUERY_MESSAGES,
	verifyEcert,
	verifyUrl,
	type PublicKeyEntry
} from './ecert';
import { makeIdNumber } from './id-number';

const idNumber = makeIdNumber('530102', '19780315', 131);
const source = {
	certNo: '云建安B（2023）0000123',
	holderName: '李明华',
	idNumber,
	category: 'B' as const,
	enterpriseName: '云南滇源水利水电建设有限公司',
	validUntil: '2029-06-30 00:00:00.000Z',
	// 20:30 UTC on 28 Nov is 29 Nov in China.
	issuedAt: '2026-11-28 20:30:00.000Z',
	issuer: '云南省住房和城乡建设厅',
	verifyCode: 'ABCDEFGHJKLM',
	kid: 'k2026a'
};

const keyA = sm2.generateKeyPairHex();
const keyB = sm2.generateKeyPairHex();
const keys: PublicKeyEntry[] = [
	{ kid: 'k2026a', publicKey: keyA.publicKey },
	{ kid: 'k2026b', publicKey: keyB.publicKey }
];
const sign = (text: string, privateKey = keyA.privateKey) => sm2.doSignature(text, privateKey, { hash: true, der: false });

describe('masking', () => {
	it('keeps the family name and the last character of a name', () => {
		expect(maskName('王丽')).toBe('王*');
		expect(maskName('李明华')).toBe('李*华');
		expect(maskName('欧阳明华')).toBe('欧**华');
	});
});

describe('canonical payload', () => {
	it('holds only masked personal data, China-time issue day and the key id', () => {
		const p = ecertPayload(source);
		expect(p).toEqual({
			no: '云建安B（2023）0000123',
			name: '李*华',
			id: '530***********' + idNumber.slice(-4),
			cat: 'B',
			ent: '云南滇源水利水电建设有限公司',
			until: '2029-06-30',
			issued: '2026-11-29',
			org: '云南省住房和城乡建设厅',
			code: 'ABCDEFGHJKLM',
			kid: 'k2026a'
		});
		expect(payloadText(p)).not.toContain(idNumber);
	});

	it('text → payload → text round-trips; a separator inside a value cannot shift the fields', () => {
		const p = ecertPayload({ ...source, enterpriseName: '甲|乙公司' });
		const text = payloadText(p);
		expect(parsePayloadText(text)).toEqual(p);
		expect(parsePayloadText(text)!.ent).toBe('甲｜乙公司');
		expect(parsePayloadText(text + '|x')).toBeNull();
		expect(parsePayloadText(text.replace('AG1', 'AG9'))).toBeNull();
	});

	it('validity starts three years before its end, the day after', () => {
		expect(validFromOf('2029-06-30')).toBe('2026-07-01');
	});
});

describe('QR encoding', () => {
	it('round-trips payload text and signature through the verify URL', () => {
		const text = payloadText(ecertPayload(source));
		const sig = sign(text);
		const url = verifyUrl('https://zz.example.cn/', text, sig);
		expect(url).toMatch(/^https:\/\/zz\.example\.cn\/verify#[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
		const decoded = decodeEcert(url)!;
		expect(decoded.text).toBe(text);
		expect(decoded.signatureHex).toBe(sig);
		expect(decodeEcert(url.split('#')[1])!.text).toBe(text);
		// Compact enough for a QR code that prints small.
		expect(url.length).toBeLessThan(420);
	});

	it('rejects what is not one of ours', () => {
		expect(decodeEcert('https://example.com/verify#hello')).toBeNull();
		expect(decodeEcert('abc.def')).toBeNull();
		expect(decodeEcert('')).toBeNull();
	});
});

describe('signature', () => {
	const text = payloadText(ecertPayload(source));
	const encoded = encodeEcert(text, sign(text));

	it('a payload signed with the key its id names verifies', () => {
		const check = verifyEcert(encoded, keys, sm2Verify);
		expect(check).toEqual({ ok: true, payload: ecertPayload(source) });
	});

	it('one changed byte in the payload fails', () => {
		const [body, sig] = encoded.split('.');
		// Flip one bit of one byte of the UTF-8 text: the verify code's L becomes M.
		const bytes = Buffer.from(body, 'base64url');
		const at = bytes.indexOf(Buffer.from('KLM|')) + 1;
		bytes[at] ^= 0x01;
		const altered = `${bytes.toString('base64url')}.${sig}`;
		expect(decodeEcert(altered)!.payload.code).toBe('ABCDEFGHJKMM');
		const check = verifyEcert(altered, keys, sm2Verify);
		expect(check.ok).toBe(false);
		expect(check.ok ? '' : check.reason).toBe('badSignature');
	});

	it('one changed byte in the signature fails', () => {
		const sig = sign(text);
		const flipped = sig.slice(0, 10) + (parseInt(sig[10], 16) ^ 1).toString(16) + sig.slice(11);
		expect(verifyEcert(encodeEcert(text, flipped), keys, sm2Verify).ok).toBe(false);
	});

	it('a signature made by another key fails, even when that key is known under another id', () => {
		const check = verifyEcert(encodeEcert(text, sign(text, keyB.privateKey)), keys, sm2Verify);
		expect(check).toMatchObject({ ok: false, reason: 'badSignature' });
	});

	it('key ids select the right public key: a payload naming key B verifies against B only', () => {
		const textB = payloadText(ecertPayload({ ...source, kid: 'k2026b' }));
		const signedByB = encodeEcert(textB, sign(textB, keyB.privateKey));
		expect(keyFor('k2026b', keys)!.publicKey).toBe(keyB.publicKey);
		expect(verifyEcert(signedByB, keys, sm2Verify).ok).toBe(true);
		// The same signature with only A's key under B's id fails.
		expect(verifyEcert(signedByB, [{ kid: 'k2026b', publicKey: keyA.publicKey }], sm2Verify).ok).toBe(false);
	});

	it('an unknown key id is reported as such, never as valid', () => {
		const textX = payloadText(ecertPayload({ ...source, kid: 'nobody' }));
		expect(verifyEcert(encodeEcert(textX, sign(textX)), keys, sm2Verify)).toMatchObject({ ok: false, reason: 'unknownKey' });
	});

	it('a malformed code is malformed', () => {
		expect(verifyEcert('#nonsense', keys, sm2Verify)).toEqual({ ok: false, reason: 'malformed' });
	});
});

describe('live status', () => {
	it('maps what the server found to the five answers', () => {
		expect(liveStatusOf({ status: '有效' }, false)).toBe('有效');
		expect(liveStatusOf({ status: '注销' }, false)).toBe('注销');
		expect(liveStatusOf({ status: '失效' }, true)).toBe('失效');
		expect(liveStatusOf(null, true)).toBe('已更新');
		expect(liveStatusOf(null, false)).toBe('查无此证');
	});
});

describe('manual check input', () => {
	it('asks for a real certificate number and a 12-character verify code, at the field', () => {
		expect(validateVerifyQuery('云建安B(2023)0000123', 'abcdefghjklm')).toEqual({});
		expect(validateVerifyQuery('', '')).toEqual({ no: VERIFY_QUERY_MESSAGES.noRequired, code: VERIFY_QUERY_MESSAGES.codeRequired });
		expect(validateVerifyQuery('云建安D（2023）0000123', 'ABCDEFGHJKL0')).toEqual({
			no: VERIFY_QUERY_MESSAGES.noFormat,
			code: VERIFY_QUERY_MESSAGES.codeFormat
		});
	});
});
