/**
 * 企业信息: the enterprise's own record and its change requests (newest
 * first), live while a reviewer acts, from the device's cache when offline.
 */
import { errorMessage } from '$lib/api/errors';
import { refreshSessionRecord } from '$lib/api/session.svelte';
import { cachedQuery } from '$lib/offline/cache';
import { enterpriseChangeState } from '$lib/domain';
import { collection, myId, pb, subscriptions } from './client';
import type { EnterpriseChangeRecord, EnterpriseRecord } from './records';

export class EnterpriseInfo {
	#enterprise = $state.raw<EnterpriseRecord | null>(null);
	#changes = $state.raw<EnterpriseChangeRecord[]>([]);
	#fromCache = $state(false);
	#error = $state('');
	#state = $derived(enterpriseChangeState(this.#changes));

	get enterprise() {
		return this.#enterprise;
	}
	get changes() {
		return this.#changes;
	}
	get fromCache() {
		return this.#fromCache;
	}
	get error() {
		return this.#error;
	}
	/** A request still waits for a reviewer: no new one may start. */
	get open() {
		return this.#state.open;
	}
	/** The newest request, when it was refused or withdrawn: corrected and sent again rather than retyped. */
	get reopenable() {
		return this.#state.reopenable;
	}

	async refresh(): Promise<void> {
		const id = myId();
		if (!id) return;
		try {
			const [e, c] = await Promise.all([
				cachedQuery('enterprise', () => collection('enterprises').getOne(id, { requestKey: null })),
				cachedQuery('enterprise_changes', () => collection('enterprise_changes').getFullList({ sort: '-created', requestKey: null }))
			]);
			this.#enterprise = e.data;
			this.#changes = c.data;
			// An approved name change shows in the header at once, not at the next login.
			if (!e.fromCache) refreshSessionRecord(e.data);
			this.#fromCache = e.fromCache || c.fromCache;
			this.#error = '';
		} catch (err) {
			this.#error = errorMessage(err);
		}
	}

	/** Loads and subscribes; returns the cleanup for onMount. */
	start(): () => void {
		const refresh = () => void this.refresh();
		refresh();
		return subscriptions([
			collection('enterprise_changes').subscribe('*', refresh),
			collection('enterprises').subscribe(myId(), refresh),
			pb.realtime.subscribe('PB_CONNECT', refresh)
		]);
	}
}
