/**
 * The electronic certificate's signed payload, its compact form for the QR
 * code and its verification — one definition for the hooks (which build and
 * sign it at issuance) and the browser (which verifies it, also offline).
 *
 * The signed text is the fields below in a fixed order joined by '|', after a
 * format tag. The QR holds `<origin>/verify#<base64url(text)>.<base64url(r‖s)>`:
 * the fragment never reaches a server, so scanning leaks nothing to logs.
 * The SM2 primitive is passed in (the domain has no dependencies).
 */
import {
	categoryLabel,
	isCategory,
	parseCertNo,
	VALIDITY_YEARS,
	VERIFY_CODE_ALPHABET,
	VERIFY_CODE_LENGTH,
	type Category
} from './certificate';
import { addDays, addYears, chinaDateTime, dayOf } from './dates';
import { maskIdNumber } from './id-number';
import { base64url, fromBase64url, fromUtf8, toHex, utf8 } from './base64url';

export const ECERT_TITLE = '建筑施工企业安全生产管理人员考核合格证书';
export const DEFAULT_ECERT_ISSUER = '云南省住房和城乡建设厅';
export const ECERT_ID_TYPE = '居民身份证';
const FORMAT_TAG = 'AG1';

export interface EcertPayload {
	/** 证书编号 */
	no: string;
	/** holder's name, masked (maskName) */
	name: string;
	/** holder's ID number, masked (maskIdNumber) */
	id: string;
	cat: Category;
	/** 企业名称 */
	ent: string;
	/** last valid day, YYYY-MM-DD */
	until: string;
	/** 颁发日期 (China), YYYY-MM-DD */
	issued: string;
	/** 发证机关 */
	org: string;
	/** 核验码: with the number, asks the server for the live status */
	code: string;
	/** id of the signing key */
	kid: string;
}

const FIELDS = ['no', 'name', 'id', 'cat', 'ent', 'until', 'issued', 'org', 'code', 'kid'] as const;

export const ECERT_MESSAGES = {
	valid: '真实有效',
	badSignature: '签名无效',
	badSignatureDetail: '证书内容与签名不符，可能被修改过，请向持证人或发证机关核实。',
	unknownKeyDetail: '签名所用的密钥不在本页已知的发证机关公钥中，无法确认证书真伪。',
	malformed: '无法识别的二维码或链接：不是本系统的电子证书。'
} as const;

/** What the status endpoint answers, and nothing else. */
export const LIVE_STATUSES = ['有效', '已更新', '失效', '注销', '查无此证'] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export const LIVE_STATUS_TEXT: Record<LiveStatus, string> = {
	有效: '证书现行有效',
	已更新: '已更新：该证书已重新发证，请以持证人最新的电子证书为准',
	失效: '证书已失效（超过有效期未延续）',
	注销: '证书已被发证机关注销',
	查无此证: '查无此证：证书编号或核验码不正确'
};

/** 王丽 → 王*, 李明华 → 李*华, 欧阳明华 → 欧**华: the family name and the last character stay. */
export function maskName(name: string): string {
	const chars = [...name.trim()];
	if (chars.length <= 1) return chars.join('');
	if (chars.length === 2) return chars[0] + '*';
	return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** First valid day of a certificate ending on `validUntil` (validity is VALIDITY_YEARS years). */
export function validFromOf(validUntil: string): string {
	return addDays(addYears(dayOf(validUntil), -VALIDITY_YEARS), 1);
}

export interface EcertSource {
	certNo: string;
	holderName: string;
	idNumber: string;
	category: Category;
	enterpriseName: string;
	/** PocketBase date text or YYYY-MM-DD */
	validUntil: string;
	/** when the e-certificate was issued (PocketBase datetime, UTC) */
	issuedAt: string;
	issuer: string;
	verifyCode: string;
	kid: string;
}

/** '|' separates fields: a value never carries one (nor a line break). */
const clean = (s: string) =>
	s
		.replace(/\|/g, '｜')
		.replace(/[\r\n]+/g, ' ')
		.trim();

export function ecertPayload(s: EcertSource): EcertPayload {
	return {
		no: clean(s.certNo),
		name: clean(maskName(s.holderName)),
		id: clean(maskIdNumber(s.idNumber)),
		cat: s.category,
		ent: clean(s.enterpriseName),
		until: dayOf(s.validUntil),
		issued: chinaDateTime(s.issuedAt).slice(0, 10),
		org: clean(s.issuer),
		code: clean(s.verifyCode),
		kid: clean(s.kid)
	};
}

/** The exact text that is signed. */
export function payloadText(p: EcertPayload): string {
	return [FORMAT_TAG, ...FIELDS.map((f) => p[f])].join('|');
}

export function parsePayloadText(text: string): EcertPayload | null {
	const parts = text.split('|');
	if (parts.length !== FIELDS.length + 1 || parts[0] !== FORMAT_TAG) return null;
	const p = Object.fromEntries(FIELDS.map((f, i) => [f, parts[i + 1]])) as unknown as EcertPayload;
	if (!isCategory(p.cat) || !/^\d{4}-\d{2}-\d{2}$/.test(p.until) || !/^\d{4}-\d{2}-\d{2}$/.test(p.issued)) return null;
	return p;
}

// ------------------------------------------------------------------ encoding

/** The QR's fragment: base64url(payload text) '.' base64url(signature bytes). */
export function encodeEcert(text: string, signatureHex: string): string {
	const sig = (signatureHex.match(/../g) ?? []).map((h) => parseInt(h, 16));
	return `${base64url(utf8(text))}.${base64url(sig)}`;
}

export interface DecodedEcert {
	text: string;
	payload: EcertPayload;
	signatureHex: string;
}

/** Accepts the fragment alone, '#…', or a whole verify URL; null when it is not one of ours. */
export function decodeEcert(input: string): DecodedEcert | null {
	const raw = input.trim();
	const hash = raw.includes('#') ? raw.slice(raw.indexOf('#') + 1) : raw;
	const [body, sig, ...rest] = hash.split('.');
	if (rest.length || !body || !sig) return null;
	const textBytes = fromBase64url(body);
	const sigBytes = fromBase64url(sig);
	if (!textBytes || !sigBytes || sigBytes.length !== 64) return null;
	const text = fromUtf8(textBytes);
	const payload = text === null ? null : parsePayloadText(text);
	if (text === null || !payload) return null;
	return { text, payload, signatureHex: toHex(sigBytes) };
}

export function verifyUrl(origin: string, text: string, signatureHex: string): string {
	return `${origin.replace(/\/$/, '')}/verify#${encodeEcert(text, signatureHex)}`;
}

// ------------------------------------------------------------------ verification

export interface PublicKeyEntry {
	kid: string;
	/** uncompressed point 04‖X‖Y, hex */
	publicKey: string;
}

/** SM2 with SM3 and the default user id over the text's UTF-8 bytes; signature r‖s in hex. */
export type Sm2Verify = (text: string, signatureHex: string, publicKeyHex: string) => boolean;

export type EcertCheck =
	| { ok: true; payload: EcertPayload }
	| { ok: false; reason: 'malformed' }
	| { ok: false; reason: 'unknownKey' | 'badSignature'; payload: EcertPayload };

/** The key named by the payload's kid, or undefined. */
export function keyFor(kid: string, keys: readonly PublicKeyEntry[]): PublicKeyEntry | undefined {
	return keys.find((k) => k.kid === kid);
}

export function verifyEcert(input: string, keys: readonly PublicKeyEntry[], verify: Sm2Verify): EcertCheck {
	const decoded = decodeEcert(input);
	if (!decoded) return { ok: false, reason: 'malformed' };
	const key = keyFor(decoded.payload.kid, keys);
	if (!key) return { ok: false, reason: 'unknownKey', payload: decoded.payload };
	let good = false;
	try {
		good = verify(decoded.text, decoded.signatureHex, key.publicKey);
	} catch {
		good = false;
	}
	return good ? { ok: true, payload: decoded.payload } : { ok: false, reason: 'badSignature', payload: decoded.payload };
}

/** The live status from what the server found: the current certificate, or an older version of it. */
export function liveStatusOf(current: { status: string } | null, olderVersion: boolean): LiveStatus {
	if (current) return (['有效', '失效', '注销'] as const).find((s) => s === current.status) ?? '查无此证';
	return olderVersion ? '已更新' : '查无此证';
}

/** "B-项目负责人" for the payload's category. */
export function payloadCategoryLabel(p: EcertPayload): string {
	return categoryLabel(p.cat);
}

// ------------------------------------------------------------------ manual check

export const VERIFY_QUERY_MESSAGES = {
	noRequired: '请输入证书编号',
	noFormat: '证书编号格式不正确，应如：云建安B（2023）0000123',
	codeRequired: '请输入核验码',
	codeFormat: `核验码为 ${VERIFY_CODE_LENGTH} 位字母或数字（不含 0、O、1、I），见电子证书或“我的证书”中的证书详情`
} as const;

/** 证书编号 + 核验码 as typed on /verify: field → Chinese message; empty when fine. */
export function validateVerifyQuery(no: string, code: string): Partial<Record<'no' | 'code', string>> {
	const errors: Partial<Record<'no' | 'code', string>> = {};
	if (!no.trim()) errors.no = VERIFY_QUERY_MESSAGES.noRequired;
	else if (!parseCertNo(no)) errors.no = VERIFY_QUERY_MESSAGES.noFormat;
	const c = code.trim().toUpperCase();
	if (!c) errors.code = VERIFY_QUERY_MESSAGES.codeRequired;
	else if (c.length !== VERIFY_CODE_LENGTH || [...c].some((ch) => !VERIFY_CODE_ALPHABET.includes(ch)))
		errors.code = VERIFY_QUERY_MESSAGES.codeFormat;
	return errors;
}
