/**
 * The live status of a certificate from the server (GET /api/anguan/verify,
 * rate-limited): only status and validity, by 证书编号 + 核验码.
 */
import { LIVE_STATUSES, type LiveStatus } from '$lib/domain';

export type LiveAnswer = { status: LiveStatus; validUntil: string } | { error: string; offline: boolean };

export async function fetchLiveStatus(no: string, code: string): Promise<LiveAnswer> {
	let res: Response;
	try {
		res = await fetch(`/api/anguan/verify?${new URLSearchParams({ no: no.trim(), code: code.trim() })}`, { cache: 'no-store' });
	} catch {
		return { error: '当前无法联网，未能查询证书的最新状态。', offline: true };
	}
	if (res.status === 429) return { error: '查询过于频繁，请一分钟后再试。', offline: false };
	if (!res.ok) return { error: `服务器暂时无法查询（${res.status}），请稍后再试。`, offline: false };
	try {
		const body = (await res.json()) as { status: string; validUntil: string };
		const status = LIVE_STATUSES.find((s) => s === body.status);
		if (status) return { status, validUntil: body.validUntil ?? '' };
	} catch {
		/* below */
	}
	return { error: '服务器的回答无法识别，请稍后再试。', offline: false };
}
