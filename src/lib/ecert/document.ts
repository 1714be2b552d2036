/**
 * What an e-certificate document shows (the C0317-2022 field set), built
 * once from the holder's records and the signed payload; the page, the
 * print-out and the PDF all lay out this one model.
 */
import {
	birthDateFromIdNumber,
	categoryLabel,
	dayOf,
	decodeEcert,
	ECERT_ID_TYPE,
	ECERT_TITLE,
	isCategory,
	validFromOf,
	verifyUrl,
	type EcertPayload
} from '$lib/domain';

/** The plain data a document needs — what is kept on the device for offline use. */
export interface EcertData {
	cert: {
		id: string;
		certNo: string;
		category: string;
		status: string;
		firstIssued: string;
		validUntil: string;
		ecertIssuedAt: string;
		ecertPayload: string;
		ecertSignature: string;
		ecertVersion: number;
	};
	holder: { name: string; gender: string; idNumber: string; title: string; position: string };
	enterprise: { name: string; uscc: string };
	/** the ID photo as a data: URL ('' when there is none) */
	photo: string;
}

export interface EcertDocument {
	title: string;
	certNo: string;
	/** label → value, in the order the document prints them (发证机关 and 颁发日期 go at the foot, by the seal) */
	rows: [string, string][];
	holderName: string;
	issuer: string;
	issued: string;
	state: string;
	version: number;
	verifyUrl: string;
	payload: EcertPayload;
	photo: string;
}

/** The document, or null while the certificate has no signed e-certificate. */
export function ecertDocument(data: EcertData, origin: string): EcertDocument | null {
	const { cert, holder, enterprise } = data;
	if (!cert.ecertPayload || !cert.ecertSignature || !isCategory(cert.category)) return null;
	const url = verifyUrl(origin, cert.ecertPayload, cert.ecertSignature);
	const decoded = decodeEcert(url);
	if (!decoded) return null;
	const p = decoded.payload;
	const until = dayOf(cert.validUntil);
	const rows: [string, string][] = [
		['证书编号', cert.certNo],
		['持证人', holder.name],
		['性别', holder.gender],
		['出生日期', birthDateFromIdNumber(holder.idNumber)],
		['证件类型', ECERT_ID_TYPE],
		['证件号码', holder.idNumber],
		['安管人员类别', categoryLabel(cert.category)],
		['企业名称', enterprise.name],
		['统一社会信用代码', enterprise.uscc],
		['职务', holder.position || '无'],
		['技术职称', holder.title || '无'],
		['初次领证日期', cert.firstIssued ? dayOf(cert.firstIssued) : p.issued],
		['有效期', `${validFromOf(until)} 至 ${until}`]
	];
	return {
		title: ECERT_TITLE,
		certNo: cert.certNo,
		rows,
		holderName: holder.name,
		issuer: p.org,
		issued: p.issued,
		state: cert.status,
		version: cert.ecertVersion,
		verifyUrl: url,
		payload: p,
		photo: data.photo
	};
}
