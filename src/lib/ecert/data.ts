/**
 * The data of one e-certificate document for its holder — certificate,
 * holder, employer (from the directory) and the ID photo as a data: URL —
 * kept on the device with the user's other cached data, so the document
 * opens with no network once it has been seen (or prefetched by 我的证书).
 */
import type { RecordModel } from 'pocketbase';
import { pb } from '$lib/api/pb';
import { cache, cachedQuery, type Cached } from '$lib/offline/cache';
import type { EcertData } from './document';

const key = (certId: string) => `ecert:${certId}`;

async function photoDataUrl(holder: RecordModel): Promise<string> {
	if (!holder.photo) return '';
	const token = await pb.files.getToken({ requestKey: null });
	const res = await fetch(pb.files.getURL(holder, holder.photo as string, { token }));
	if (!res.ok) throw new Error(`照片读取失败（${res.status}）`);
	const blob = await res.blob();
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(reader.result as string);
		reader.onerror = () => reject(reader.error);
		reader.readAsDataURL(blob);
	});
}

async function fetchEcertData(certId: string): Promise<EcertData> {
	const me = pb.authStore.record?.id ?? '';
	const [cert, holder] = await Promise.all([
		pb.collection('certificates').getOne(certId, { requestKey: null }),
		pb.collection('applicants').getOne(me, { requestKey: null })
	]);
	const enterprise = cert.enterprise
		? await pb
				.collection('enterprise_directory')
				.getOne(cert.enterprise as string, { requestKey: null })
				.catch(() => null)
		: null;
	return {
		cert: {
			id: cert.id,
			certNo: cert.certNo,
			category: cert.category,
			status: cert.status,
			firstIssued: cert.firstIssued,
			validUntil: cert.validUntil,
			ecertIssuedAt: cert.ecertIssuedAt,
			ecertPayload: cert.ecertPayload,
			ecertSignature: cert.ecertSignature,
			ecertVersion: cert.ecertVersion
		},
		holder: { name: holder.name, gender: holder.gender, idNumber: holder.idNumber, title: holder.title, position: holder.position },
		enterprise: { name: enterprise?.name ?? '', uscc: enterprise?.uscc ?? '' },
		photo: await photoDataUrl(holder)
	};
}

/** From the server when it answers (and remembered), else from the device. */
export function loadEcertData(certId: string): Promise<Cached<EcertData>> {
	return cachedQuery(key(certId), () => fetchEcertData(certId));
}

/**
 * Keeps every issued certificate's document on the device, fetching only what
 * changed since it was kept (a new version, a new status); failures wait for the next visit.
 */
export async function keepEcertsOffline(certs: RecordModel[]): Promise<void> {
	for (const c of certs) {
		if (!c.ecertPayload) continue;
		const kept = await cache.get<EcertData>(key(c.id)).catch(() => undefined);
		if (kept && kept.value.cert.ecertSignature === c.ecertSignature && kept.value.cert.status === c.status) continue;
		await loadEcertData(c.id).catch(() => {});
	}
}
