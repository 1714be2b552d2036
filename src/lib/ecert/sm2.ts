/**
 * SM2 verification in the browser (sm-crypto): SM3 digest with the standard
 * default user id "1234567812345678" — the same as the server's signer
 * (gmsm, server/ecert_sign.go) — over the text's UTF-8 bytes; signature r‖s.
 */
import { sm2 } from 'sm-crypto';
import type { Sm2Verify } from '$lib/domain';

export const sm2Verify: Sm2Verify = (text, signatureHex, publicKeyHex) =>
	sm2.doVerifySignature(text, signatureHex, publicKeyHex, { hash: true, der: false, userId: '1234567812345678' });
