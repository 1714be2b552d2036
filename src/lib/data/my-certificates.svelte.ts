/**
 * The applicant's certificates with the latest application of each, kept
 * live: realtime events on certificates, cert_applications and the
 * applicant's own record refetch; so does every (re)connection, because
 * events missed while offline are not replayed. Falls back to the device's
 * cache when there is no answer. Used by 我的证书, 证书申领 and 个人信息.
 */
import { errorMessage } from '$lib/api/errors';
import { refreshSessionRecord } from '$lib/api/session.svelte';
import { cachedQuery } from '$lib/offline/cache';
import { categoryLabel, certificateActions, dayOf, operationStatusText, reopenLabel, type CertificateActions } from '$lib/domain';
import { collection, myId, pb, subscriptions } from './client';
import { enterpriseNames } from './directory';
import { keepEcertsOffline } from '$lib/ecert/data';
import type { ApplicantRecord, CertApplicationRecord, CertificateRecord } from './records';

export interface CertificateRow extends CertificateActions {
	cert: CertificateRecord;
	/** The newest application for this certificate, if any. */
	application?: CertApplicationRecord;
	/** e.g. B-项目负责人 */
	categoryLabel: string;
	enterpriseName: string;
	firstIssuedDay: string;
	validUntilDay: string;
	/** 操作状态, the seed's wording, e.g. 变更证书审批不通过 原因: … */
	operationStatus: string;
	changeHref: string;
	renewHref: string;
	/** The form of the latest application, when it may be completed and sent again, and its button. */
	reopenHref?: string;
	reopenLabel?: string;
}

const day = (s: string) => (s ? dayOf(s) : '');

export function certificateRow(
	cert: CertificateRecord,
	application: CertApplicationRecord | undefined,
	enterpriseName: string,
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- `now` is read once per row, not kept
	now = new Date()
): CertificateRow {
	const actions = certificateActions(cert, application, now);
	const base = `/apply/${cert.id}`;
	return {
		...actions,
		cert,
		application,
		categoryLabel: categoryLabel(cert.category),
		enterpriseName,
		firstIssuedDay: day(cert.firstIssued),
		validUntilDay: day(cert.validUntil),
		operationStatus: application ? operationStatusText(application) : '',
		changeHref: `${base}?kind=变更`,
		renewHref: `${base}?kind=延续`,
		...(application && actions.reopenable
			? {
					reopenHref: `${base}?kind=${encodeURIComponent(application.kind)}&application=${application.id}`,
					reopenLabel: reopenLabel(application.status)
				}
			: {})
	};
}

export class MyCertificates {
	#certs = $state.raw<CertificateRecord[]>([]);
	#apps = $state.raw<CertApplicationRecord[]>([]);
	#me = $state.raw<ApplicantRecord | null>(null);
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

	get rows(): CertificateRow[] {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup built and dropped within this read
		const latest = new Map<string, CertApplicationRecord>();
		for (const a of this.#apps) if (!latest.has(a.certificate)) latest.set(a.certificate, a);
		return this.#certs.map((cert) => certificateRow(cert, latest.get(cert.id), this.#names[cert.enterprise] ?? ''));
	}

	async refresh(): Promise<void> {
		const id = myId();
		if (!id) return;
		try {
			const [me, certs, apps] = await Promise.all([
				cachedQuery('me', () => collection('applicants').getOne(id, { requestKey: null })),
				cachedQuery('certificates', () => collection('certificates').getFullList({ sort: 'category,created', requestKey: null })),
				cachedQuery('cert_applications', () => collection('cert_applications').getFullList({ sort: '-created', requestKey: null }))
			]);
			this.#me = me.data;
			// A name changed by an issued application shows in the header at once.
			if (!me.fromCache) refreshSessionRecord(me.data);
			this.#certs = certs.data;
			this.#apps = apps.data;
			this.#fromCache = me.fromCache || certs.fromCache || apps.fromCache;
			this.#error = '';
			await this.#loadNames();
			// Issued documents go on the device too, so they open with no network.
			if (!certs.fromCache) void keepEcertsOffline(certs.data);
		} catch (e) {
			this.#error = errorMessage(e);
		} finally {
			this.#loaded = true;
		}
	}

	async #loadNames() {
		const names = await enterpriseNames([...this.#certs.map((c) => c.enterprise), this.#me?.enterprise ?? '']).catch(() => undefined);
		if (names) this.#names = names;
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
		const stop = subscriptions([
			collection('certificates').subscribe('*', soon),
			collection('cert_applications').subscribe('*', soon),
			collection('applicants').subscribe(myId(), soon),
			pb.realtime.subscribe('PB_CONNECT', soon)
		]);
		return () => {
			clearTimeout(this.#timer);
			stop();
		};
	}
}
