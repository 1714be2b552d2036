/**
 * The schema contract: what the domain (src/lib/domain, the rules' one place)
 * says each collection's value lists and file bounds are, and every place
 * where a running PocketBase's schema says otherwise — select values and
 * maxSelect, file maxSelect, maxSize and MIME types, and the statuses the
 * reviewers' queue treats as waiting.
 */
import type { CollectionModel } from 'pocketbase';
import * as d from '../../src/lib/domain';

interface FieldRule {
	values?: readonly string[];
	maxSelect?: number;
	maxSize?: number;
	mimeTypes?: readonly string[];
}

export function domainContract(): Record<string, Record<string, FieldRule>> {
	const one = (values: readonly string[]) => ({ values, maxSelect: 1 });
	const scan = (maxSelect: number) => ({ maxSelect, maxSize: d.ATTACHMENT_MAX_BYTES, mimeTypes: d.ATTACHMENT_MIME_TYPES });
	const photo = { maxSelect: 1, maxSize: d.PHOTO_RULES.maxBytes, mimeTypes: [d.PHOTO_RULES.mime] };
	const review = (reasons: readonly string[]) => ({
		status: one(d.REVIEW_STATUSES),
		rejectReasons: { values: reasons, maxSelect: reasons.length }
	});
	const enterpriseScans = Object.fromEntries(d.ENTERPRISE_CHANGE_FILE_FIELDS.map((f) => [f, scan(d.ENTERPRISE_SCAN_SPECS[f].maxFiles)]));
	return {
		applicants: { gender: one(d.GENDERS), photo },
		enterprises: { regCity: one(d.YUNNAN_CITIES), ...enterpriseScans },
		certificates: { category: one(d.CATEGORIES), status: one(d.CERT_STATUSES) },
		cert_applications: {
			kind: one(d.APPLICATION_KINDS),
			...review(d.REJECT_REASONS),
			...Object.fromEntries(d.ATTACHMENT_SPECS.map((s) => [s.field, scan(s.maxFiles)])),
			photo
		},
		enterprise_changes: {
			kind: { values: d.ENTERPRISE_CHANGE_KINDS, maxSelect: d.ENTERPRISE_CHANGE_KINDS.length },
			...review(d.ENTERPRISE_REJECT_REASONS),
			regCity: one(d.YUNNAN_CITIES),
			...enterpriseScans
		}
	};
}

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameSet = (a: readonly unknown[], b: readonly unknown[]) => same([...a].sort(), [...b].sort());
const show = (v: unknown) => JSON.stringify(v);

/** Every disagreement in words, e.g. "applicants.photo maxSize: schema 2097152, domain 307200"; empty when none. */
export function schemaDrift(collections: CollectionModel[]): string[] {
	const drift: string[] = [];
	const byName = new Map(collections.map((c) => [c.name, c]));
	for (const [name, fields] of Object.entries(domainContract())) {
		const collection = byName.get(name);
		if (!collection) {
			drift.push(`${name}: collection missing`);
			continue;
		}
		for (const [field, rule] of Object.entries(fields)) {
			const f = collection.fields.find((x) => x.name === field) as (Record<string, unknown> & FieldRule) | undefined;
			const at = `${name}.${field}`;
			if (!f) {
				drift.push(`${at}: field missing`);
				continue;
			}
			if (rule.values && !same(f.values ?? [], rule.values))
				drift.push(`${at} values: schema ${show(f.values)}, domain ${show(rule.values)}`);
			for (const key of ['maxSelect', 'maxSize'] as const)
				if (rule[key] !== undefined && f[key] !== rule[key]) drift.push(`${at} ${key}: schema ${f[key]}, domain ${rule[key]}`);
			if (rule.mimeTypes && !sameSet(f.mimeTypes ?? [], rule.mimeTypes))
				drift.push(`${at} mimeTypes: schema ${show(f.mimeTypes)}, domain ${show(rule.mimeTypes)}`);
		}
	}
	const queue = byName.get('review_queue');
	const query = String((queue as { viewQuery?: string } | undefined)?.viewQuery ?? '');
	const lists = [...query.matchAll(/\bstatus\s+IN\s*\(([^)]*)\)/gi)].map((m) => m[1].split(',').map((s) => s.trim().replace(/^'|'$/g, '')));
	if (!lists.length) drift.push('review_queue: no "status IN (…)" list of waiting statuses');
	for (const l of lists)
		if (!sameSet(l, d.PENDING_STATUSES)) drift.push(`review_queue waiting statuses: schema ${show(l)}, domain ${show(d.PENDING_STATUSES)}`);
	return drift;
}
