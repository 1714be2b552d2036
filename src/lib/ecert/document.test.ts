import { describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto';
import jsQR from 'jsqr';
import { ecertPayload, makeIdNumber, payloadText, verifyEcert, type PublicKeyEntry } from '$lib/domain';
import { ecertDocument, type EcertData } from './document';
import { qrModules, QUIET_ZONE } from './qr';
import { sm2Verify } from './sm2';

const key = sm2.generateKeyPairHex();
const keys: PublicKeyEntry[] = [{ kid: 'k1', publicKey: key.publicKey }];
const idNumber = makeIdNumber('530102', '19850622', 242);
const text = payloadText(
	ecertPayload({
		certNo: '云建安B（2024）0000042',
		holderName: '王丽',
		idNumber,
		category: 'B',
		enterpriseName: '云南滇源水利水电建设有限公司',
		validUntil: '2028-06-30',
		issuedAt: '2026-11-29 02:00:00.000Z',
		issuer: '云南省住房和城乡建设厅',
		verifyCode: 'ABCDEFGHJKLM',
		kid: 'k1'
	})
);
const data: EcertData = {
	cert: {
		id: 'c1',
		certNo: '云建安B（2024）0000042',
		category: 'B',
		status: '有效',
		firstIssued: '2018-11-30 00:00:00.000Z',
		validUntil: '2028-06-30 00:00:00.000Z',
		ecertIssuedAt: '2026-11-29 02:00:00.000Z',
		ecertPayload: text,
		ecertSignature: sm2.doSignature(text, key.privateKey, { hash: true }),
		ecertVersion: 2
	},
	holder: { name: '王丽', gender: '女', idNumber, title: '', position: '项目经理' },
	enterprise: { name: '云南滇源水利水电建设有限公司', uscc: '91530100MA6DEMX01C' },
	photo: ''
};

describe('the e-certificate document', () => {
	it('lays out the C0317-2022 fields for the holder, with the full ID number and the signed issuer and date', () => {
		const doc = ecertDocument(data, 'https://zz.example.cn')!;
		expect(Object.fromEntries(doc.rows)).toEqual({
			证书编号: '云建安B（2024）0000042',
			持证人: '王丽',
			性别: '女',
			出生日期: '1985-06-22',
			证件类型: '居民身份证',
			证件号码: idNumber,
			安管人员类别: 'B-项目负责人',
			企业名称: '云南滇源水利水电建设有限公司',
			统一社会信用代码: '91530100MA6DEMX01C',
			职务: '项目经理',
			技术职称: '无',
			初次领证日期: '2018-11-30',
			有效期: '2025-07-01 至 2028-06-30'
		});
		expect([doc.issuer, doc.issued, doc.state, doc.version]).toEqual(['云南省住房和城乡建设厅', '2026-11-29', '有效', 2]);
		expect(verifyEcert(doc.verifyUrl, keys, sm2Verify).ok).toBe(true);
	});

	it('is not made for a certificate without a signed e-certificate', () => {
		expect(ecertDocument({ ...data, cert: { ...data.cert, ecertSignature: '' } }, 'https://zz.example.cn')).toBeNull();
	});

	it('its QR matrix decodes (with an independent decoder) to the verify URL', () => {
		const url = ecertDocument(data, 'https://zz.example.cn')!.verifyUrl;
		const m = qrModules(url);
		const scale = 4;
		const side = (m.length + 2 * QUIET_ZONE) * scale;
		const px = new Uint8ClampedArray(side * side * 4).fill(255);
		m.forEach((row, y) =>
			row.forEach((dark, x) => {
				if (!dark) return;
				for (let dy = 0; dy < scale; dy++)
					for (let dx = 0; dx < scale; dx++) {
						const i = (((y + QUIET_ZONE) * scale + dy) * side + (x + QUIET_ZONE) * scale + dx) * 4;
						px[i] = px[i + 1] = px[i + 2] = 0;
					}
			})
		);
		expect(jsQR(px, side, side)?.data).toBe(url);
	});
});
