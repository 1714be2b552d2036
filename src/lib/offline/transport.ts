/**
 * One HTTP request with upload progress. fetch() reports no upload progress,
 * so uploads go through XMLHttpRequest. PocketBase takes the raw token in the
 * Authorization header (no "Bearer").
 */
export interface SendRequest {
	method: 'GET' | 'POST' | 'PATCH';
	url: string;
	token: string;
	body?: FormData;
	onProgress?: (loaded: number, total: number) => void;
}

/** status 0 = no answer (offline, connection cut, stalled) */
export interface SendResult {
	status: number;
	body: unknown;
}

export interface Transport {
	send(req: SendRequest): Promise<SendResult>;
}

/** Abort when an upload makes no progress for this long: a dead connection may never error. */
const STALL_MS = 45_000;

export const xhrTransport: Transport = {
	send(req) {
		return new Promise((resolve) => {
			const xhr = new XMLHttpRequest();
			let stall: ReturnType<typeof setTimeout> | undefined;
			const armStall = () => {
				clearTimeout(stall);
				stall = setTimeout(() => xhr.abort(), STALL_MS);
			};
			const finish = (status: number) => {
				clearTimeout(stall);
				let body: unknown = null;
				try {
					body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
				} catch {
					body = null;
				}
				resolve({ status, body });
			};
			xhr.open(req.method, req.url);
			if (req.token) xhr.setRequestHeader('Authorization', req.token);
			xhr.upload.onprogress = (e) => {
				armStall();
				if (e.lengthComputable) req.onProgress?.(e.loaded, e.total);
			};
			xhr.onprogress = armStall;
			xhr.onload = () => finish(xhr.status);
			xhr.onerror = () => finish(0);
			xhr.onabort = () => finish(0);
			xhr.ontimeout = () => finish(0);
			armStall();
			xhr.send(req.body ?? null);
		});
	}
};
