/**
 * The enterprise directory (a view without personal data): what applicants
 * search when they pick 工作单位, and employer names beside their records.
 * Applicants may not read enterprise records themselves.
 */
import { cachedQuery } from '$lib/offline/cache';
import { collection, pb } from './client';
import type { DirectoryRecord } from './records';

/** Up to 20 enterprises whose name or credit code contains `q`. A newer search cancels an older one. */
export async function searchEnterprises(q: string): Promise<DirectoryRecord[]> {
	const list = await collection('enterprise_directory').getList(1, 20, {
		filter: pb.filter('name ~ {:q} || uscc ~ {:q}', { q }),
		sort: 'name',
		skipTotal: true,
		requestKey: 'enterprise-search'
	});
	return list.items;
}

/** id → name of the given enterprises; remembered on the device for offline starts. */
export async function enterpriseNames(ids: readonly string[], cacheKey = 'enterprise_names'): Promise<Record<string, string>> {
	const unique = [...new Set(ids.filter(Boolean))];
	if (!unique.length) return {};
	const filter = unique.map((_, i) => `id = {:e${i}}`).join(' || ');
	const params = Object.fromEntries(unique.map((v, i) => [`e${i}`, v]));
	const found = await cachedQuery(cacheKey, () =>
		collection('enterprise_directory').getFullList({ filter: pb.filter(filter, params), requestKey: null })
	);
	return Object.fromEntries(found.data.map((e) => [e.id, e.name]));
}
