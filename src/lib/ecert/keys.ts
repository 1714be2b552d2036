/**
 * The public keys that verify e-certificates. Built in: keys.json, which the
 * README's key-rotation procedure updates, so a fresh phone verifies offline.
 * Also trusted: the keys the server publishes (/api/anguan/ecert/keys), kept
 * in this browser once fetched — the app itself comes from that same server,
 * so they are no less trustworthy than the built-in list, and a deployment
 * (or a demo with its per-machine key) verifies offline after one visit
 * online. A built-in key wins over a fetched one with the same id.
 */
import type { PublicKeyEntry } from '$lib/domain';
import builtIn from './keys.json';

const STORE = 'anguan_ecert_keys';
const isEntry = (k: unknown): k is PublicKeyEntry =>
	!!k && typeof (k as PublicKeyEntry).kid === 'string' && /^04[0-9a-f]{128}$/i.test((k as PublicKeyEntry).publicKey ?? '');

function stored(): PublicKeyEntry[] {
	try {
		const list = JSON.parse(localStorage.getItem(STORE) ?? '[]');
		return Array.isArray(list) ? list.filter(isEntry) : [];
	} catch {
		return [];
	}
}

export function knownKeys(): PublicKeyEntry[] {
	const keys = (builtIn as unknown[]).filter(isEntry);
	for (const k of stored()) if (!keys.some((b) => b.kid === k.kid)) keys.push(k);
	return keys;
}

/** Asks the server for its keys and keeps them; without an answer, the keys known already. */
export async function refreshKeys(): Promise<PublicKeyEntry[]> {
	try {
		const res = await fetch('/api/anguan/ecert/keys', { cache: 'no-store' });
		if (res.ok) {
			const { keys } = (await res.json()) as { keys: unknown[] };
			// The server lists every key it still accepts: a key it dropped (compromised) is dropped here too.
			localStorage.setItem(STORE, JSON.stringify((keys ?? []).filter(isEntry)));
		}
	} catch {
		/* offline: what we know */
	}
	return knownKeys();
}
