/**
 * A local SMTP server that keeps every mail it receives — for the reviewers'
 * e-mailed login codes in production mode. No TLS, no auth: PocketBase talks
 * to it on 127.0.0.1 as it would to the department's mail relay.
 */
import { SMTPServer } from 'smtp-server';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { freePort } from './pocketbase';

export interface Mail {
	to: string[];
	raw: string;
}

export interface SmtpSink {
	port: number;
	mails: Mail[];
	/** The next mail to `to` that arrives after this call (or already waiting). */
	nextMailTo(to: string, timeoutMs?: number): Promise<Mail>;
	stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
	const port = await freePort();
	const mails: Mail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
				callback();
			});
		}
	});
	await new Promise<void>((res) => server.listen(port, '127.0.0.1', res));
	const taken = new Set<Mail>();
	return {
		port,
		mails,
		async nextMailTo(to, timeoutMs = 20_000) {
			const until = Date.now() + timeoutMs;
			while (Date.now() < until) {
				const mail = mails.find((m) => !taken.has(m) && m.to.includes(to));
				if (mail) {
					taken.add(mail);
					return mail;
				}
				await new Promise((r) => setTimeout(r, 100));
			}
			throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
		},
		stop: () => new Promise<void>((res) => server.close(() => res()))
	};
}

/** The body text of a mail, whether sent quoted-printable or base64. */
export function mailText(raw: string): string {
	const parts = raw.split(/\r?\n\r?\n/);
	const bytes: number[] = [];
	const qp = raw.replace(/=\r?\n/g, '');
	for (let i = 0; i < qp.length; i++) {
		const hex = qp[i] === '=' ? /^[0-9A-F]{2}/.exec(qp.slice(i + 1, i + 3)) : null;
		if (hex) {
			bytes.push(parseInt(hex[0], 16));
			i += 2;
		} else bytes.push(...Buffer.from(qp[i], 'utf8'));
	}
	let text = Buffer.from(bytes).toString('utf8');
	for (const part of parts) {
		if (/^[A-Za-z0-9+/=\r\n]{40,}$/.test(part.trim())) text += Buffer.from(part.replace(/\s+/g, ''), 'base64').toString('utf8');
	}
	return text;
}

/** The SMTP settings a production server needs, pointing at the sink. */
export function smtpEnv(sink: SmtpSink): Record<string, string> {
	return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), MAIL_SENDER_ADDRESS: 'noreply@anguan.test', MAIL_SENDER_NAME: '安管证照' };
}

/**
 * A reviewer's login with two factors, as the admin UI does it: the password
 * answers 401 with an mfaId, the code comes by mail, the code completes it.
 */
export async function reviewerLogin(url: string, email: string, password: string, sink: SmtpSink): Promise<PocketBase> {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	let mfaId = '';
	try {
		await pb.collection('_superusers').authWithPassword(email, password);
		return pb;
	} catch (err) {
		if (!(err instanceof ClientResponseError) || err.status !== 401 || !err.response?.mfaId) throw err;
		mfaId = err.response.mfaId;
	}
	const { otpId } = await pb.collection('_superusers').requestOTP(email);
	const code = /\b(\d{6})\b/.exec(mailText((await sink.nextMailTo(email)).raw).replace(/<[^>]+>/g, ' '))?.[1];
	if (!code) throw new Error('no code in the mail');
	await pb.collection('_superusers').authWithOTP(otpId, code, { mfaId });
	return pb;
}
