/**
 * IndexedDB stores structured clones, and Svelte's $state proxies cannot be
 * cloned (DataCloneError). Copy form values into plain data before storing;
 * Blobs, Files and Dates are kept as they are.
 */
export function toPlain<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (value instanceof Blob || value instanceof Date) return value;
	if (Array.isArray(value)) return value.map(toPlain) as T;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		if (v !== undefined && typeof v !== 'function') out[k] = toPlain(v);
	}
	return out as T;
}
