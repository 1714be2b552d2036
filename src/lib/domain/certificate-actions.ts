/**
 * What a holder may do with a certificate today, given its latest
 * application: the facts 证书申领 and 我的证书 show as buttons, notes and a
 * countdown. The hooks enforce the same facts (one open application per
 * certificate, the renewal window, only 有效 certificates).
 */
import { OPEN_STATUSES, OWNER_EDITABLE, type ReviewStatus } from './review';
import { canRenew, renewalCountdownText, renewalError } from './renewal';

export interface HeldCertificate {
	status: string;
	validUntil?: string | null;
}

export interface LatestApplication {
	status: string;
	kind: string;
}

export interface CertificateActions {
	/** An application is being handled: no new one may start. */
	busy: boolean;
	/** The latest application was refused or withdrawn: it is completed and sent again (补充资料 / 重新提交). */
	reopenable: boolean;
	/** A 变更申请 may start. */
	changeable: boolean;
	/** A 延续申请 may start (inside the renewal window). */
	renewable: boolean;
	/** Why 延续 is not offered now (before the window, past the deadline); null when it is, or when nothing may start. */
	renewalNote: string | null;
	/** The renewal countdown inside the window, until a renewal is on its way; '' otherwise. */
	countdown: string;
}

const among = (list: readonly ReviewStatus[], status: string | undefined) => !!status && (list as readonly string[]).includes(status);

export function certificateActions(cert: HeldCertificate, latest?: LatestApplication | null, now: Date = new Date()): CertificateActions {
	const active = cert.status === '有效';
	const busy = among(OPEN_STATUSES, latest?.status);
	const reopenable = among(OWNER_EDITABLE, latest?.status);
	const validUntil = cert.validUntil || '';
	const renewable = active && !busy && !!validUntil && canRenew(validUntil, now);
	const renewing = busy && latest?.kind === '延续';
	return {
		busy,
		reopenable,
		changeable: active && !busy && !reopenable,
		renewable,
		renewalNote: active && !busy && validUntil && !renewable ? renewalError(validUntil, now) : null,
		countdown: active && validUntil && !renewing ? renewalCountdownText(validUntil, now) : ''
	};
}

/** The button that reopens a refused or withdrawn request. */
export function reopenLabel(status: string): string {
	return status === '审核不通过' ? '补充资料' : '重新提交';
}
