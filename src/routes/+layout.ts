import { redirect } from '@sveltejs/kit';
import { accountKind, pb } from '$lib/api/pb';
import { homePath } from '$lib/api/session.svelte';

// A static SPA: PocketBase serves index.html for every path.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

const PUBLIC = ['/login'];
// Anyone, logged in or not, without a redirect: an inspector scanning a certificate.
const OPEN = ['/verify'];
const APPLICANT_ONLY = ['/profile', '/apply', '/certificates', '/photo'];
const ENTERPRISE_ONLY = ['/enterprise'];

export function load({ url }) {
	const path = url.pathname;
	if (OPEN.includes(path)) return {};
	// A stored login counts even when its token has expired: the app works
	// offline, and a request that meets 401 asks for the password again.
	const record = pb.authStore.record;
	if (PUBLIC.includes(path)) {
		if (record && pb.authStore.isValid) redirect(307, homePath(accountKind(record)));
		return {};
	}
	if (!record) redirect(307, `/login?next=${encodeURIComponent(path + url.search)}`);
	if (record.mustChangePassword && path !== '/password') redirect(307, '/password');
	const kind = accountKind(record);
	const under = (prefixes: string[]) => prefixes.some((p) => path === p || path.startsWith(p + '/'));
	if ((kind === 'enterprise' && under(APPLICANT_ONLY)) || (kind === 'applicant' && under(ENTERPRISE_ONLY))) redirect(307, homePath(kind));
	if (kind === 'enterprise' && path === '/') redirect(307, '/enterprise');
	return {};
}
