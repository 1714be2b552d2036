/**
 * The applicant's certificates with the latest application of each, kept
 * live: realtime events on certificates, cert_applications and the
 * applicant's own record refetch; so does every (re)connection, because
 * events missed while offline are not replayed. Falls back to the device's
 * cache when there is no answer. Used by 我的证书 and 证书申领.
 */
import type { RecordModel } from 'pocketbase';
import { pb } from '$lib/api/pb';
import { errorMessage } from '$lib/api/errors';
import { refreshSessionRecord } from '$lib/api/session.svelte';
import { cachedQuery } from '$lib/offline/cache';
import { canRenew, OPEN_STATUSES, OWNER_EDITABLE, type ReviewStatus } from '$lib/domain';

export interface CertificateRow {
	cert: RecordModel;
	/** The newest application for this certificate, if any. */
	application?: RecordModel;
	enterpriseName: string;
	/** Whether an application is being handled (no new one may start). */
	busy: boolean;
	/** A 延续申请 may be started now. */
	renewable: boolean;
	/** The form of the latest application, when the applicant may complete and send it again (补充资料 / 重新提交). */
	reopenHref?: string;
}

export class MyCertificates {
	#certs = $state.raw<RecordModel[]>([]);
	#apps = $state.raw<RecordModel[]>([]);
	#me = $state.raw<RecordModel | null>(null);
	#names = $state.raw<Record<string, string>>({});
	#fromCache = $state(false);
	#error = $state('');
	#loaded = $state(false);
	#timer: ReturnType<typeof setTimeout> | undefined;

	get me() {
		return this.#me;
	}
	get fromCache() {
		return this.#fromCache;
	}
	get error() {
		return this.#error;
	}
	get loaded() {
		return this.#loaded;
	}
	get applications() {
		return this.#apps;
	}

	get rows(): CertificateRow[] {
		const latest = new Map<string, RecordModel>();
		for (const a of this.#apps) if (!latest.has(a.certificate)) latest.set(a.certificate, a);
		return this.#certs.map((cert) => {
			const application = latest.get(cert.id);
			const busy = !!application && (OPEN_STATUSES as readonly string[]).includes(application.status as ReviewStatus);
			const reopenable = !!application && (OWNER_EDITABLE as readonly string[]).includes(application.status as ReviewStatus);
			return {
				cert,
				application,
				enterpriseName: this.#names[cert.enterprise] ?? '',
				busy,
				renewable: cert.status === '有效' && !!cert.validUntil && canRenew(cert.validUntil) && !busy,
				reopenHref: reopenable
					? `/apply/${cert.id}?kind=${encodeURIComponent(application!.kind)}&application=${application!.id}`
					: undefined
			};
		});
	}

	async refresh(): Promise<void> {
		const id = pb.authStore.record?.id;
		if (!id) return;
		try {
			const [me, certs, apps] = await Promise.all([
				cachedQuery('me', () => pb.collection('applicants').getOne(id, { requestKey: null })),
				cachedQuery('certificates', () => pb.collection('certificates').getFullList({ sort: 'category,created', requestKey: null })),
				cachedQuery('cert_applications', () => pb.collection('cert_applications').getFullList({ sort: '-created', requestKey: null }))
			]);
			this.#me = me.data;
			// A name changed by an issued application shows in the header at once.
			if (!me.fromCache) refreshSessionRecord(me.data);
			this.#certs = certs.data;
			this.#apps = apps.data;
			this.#fromCache = me.fromCache || certs.fromCache || apps.fromCache;
			this.#error = '';
			await this.#loadNames();
		} catch (e) {
			this.#error = errorMessage(e);
		} finally {
			this.#loaded = true;
		}
	}

	/** Employer names come from the directory: applicants may not read enterprise records. */
	async #loadNames() {
		const ids = [...new Set([...this.#certs.map((c) => c.enterprise), this.#me?.enterprise].filter(Boolean) as string[])];
		if (!ids.length) return;
		const filter = ids.map((_, i) => `id = {:e${i}}`).join(' || ');
		const params = Object.fromEntries(ids.map((v, i) => [`e${i}`, v]));
		const found = await cachedQuery('enterprise_names', () =>
			pb.collection('enterprise_directory').getFullList({ filter: pb.filter(filter, params), requestKey: null })
		).catch(() => undefined);
		if (found) this.#names = Object.fromEntries(found.data.map((e) => [e.id, e.name as string]));
	}

	nameOf(enterpriseId: string): string {
		return this.#names[enterpriseId] ?? '';
	}

	/** Loads and subscribes; returns the cleanup for onMount. */
	start(): () => void {
		const soon = () => {
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => void this.refresh(), 100);
		};
		void this.refresh();
		const id = pb.authStore.record?.id ?? '';
		const subs = [
			pb.collection('certificates').subscribe('*', soon),
			pb.collection('cert_applications').subscribe('*', soon),
			pb.collection('applicants').subscribe(id, soon),
			pb.realtime.subscribe('PB_CONNECT', soon)
		];
		return () => {
			clearTimeout(this.#timer);
			for (const s of subs) s.then((unsub) => unsub()).catch(() => {});
		};
	}
}
