// The offline layer alone in the page, for the sync benchmark: queue while
// offline, send when the connection returns.
import { pb } from '$lib/api/pb';
import { listOutbox, submit } from '$lib/offline/outbox';
import { requestSync } from '$lib/offline/engine';

addEventListener('online', requestSync);
let blobs: Blob[] = [];

Object.assign(globalThis, {
	bench: {
		async login(collection: string, identity: string, password: string) {
			await pb.collection(collection).authWithPassword(identity, password);
		},
		async prepare(urls: string[]) {
			blobs = await Promise.all(urls.map(async (u) => (await fetch(u)).blob()));
		},
		async queue(certIds: string[], enterprise: string, holder: Record<string, string>) {
			const file = (i: number, name: string) => new File([blobs[i]], name, { type: 'image/jpeg', lastModified: Date.now() });
			for (const [n, certificate] of certIds.entries()) {
				await submit({
					collection: 'cert_applications',
					op: 'create',
					formKey: `bench-${n}`,
					title: '变更申请',
					fields: { applicant: pb.authStore.record!.id, certificate, kind: '变更', enterprise, ...holder },
					files: {
						idCardFront: [file(0, 'front.jpg')],
						idCardBack: [file(1, 'back.jpg')],
						applicationForm: [file(2, 'form.jpg')],
						pledge: [file(3, 'pledge.jpg')],
						socialInsurance: [file(3, 'social.jpg')]
					}
				});
			}
		},
		async states() {
			const items = await listOutbox();
			const count: Record<string, number> = {};
			for (const i of items) count[i.status] = (count[i.status] ?? 0) + 1;
			return {
				count,
				errors: items
					.filter((i) => i.error)
					.map((i) => i.error!.message)
					.slice(0, 3)
			};
		}
	}
});
