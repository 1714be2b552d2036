/**
 * Where to go after logging in: `?next=` is honoured only when it is a path
 * on this site. `//host/x`, `/\host`, `https://…` or `javascript:` would send
 * a freshly logged-in person elsewhere (or make goto throw "invalid URL").
 */
export function sameOriginPath(next: string | null, origin: string): string | null {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
	try {
		const url = new URL(next, origin);
		return url.origin === origin ? url.pathname + url.search + url.hash : null;
	} catch {
		return null;
	}
}
