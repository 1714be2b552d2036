/**
 * When the device cannot keep a submission (the browser refuses this site a
 * database, or the disk is full) and the connection is there, it is sent at
 * once: the same request, with the same client-chosen record id, that the
 * sync engine would make, read back the same way. Nothing is kept on the
 * device; the form holds what was typed until the server has answered.
 */
import { pb } from '$lib/api/pb';
import type { ServerRefusal } from './db';
import type { FileMap } from './files';
import { refusalFrom } from './server-errors';
import { isDuplicateId, toFormData } from './sync';
import { xhrTransport, type Transport } from './transport';

export interface DirectSubmission {
	collection: string;
	op: 'create' | 'update';
	/** the client-chosen id of a create, or the record updated */
	recordId: string;
	fields: Record<string, unknown>;
	files: FileMap;
}

/** The server refused: its reason, with field messages for the form. */
export class DirectRefusal extends Error {
	constructor(readonly refusal: ServerRefusal) {
		super(refusal.message);
	}
}

/** No verdict (offline, cut, server down): nothing was decided, the form may send again. */
export class DirectNoAnswer extends Error {}

export const NO_ANSWER_MESSAGE = '网络连接失败，未能提交。填写的内容仍在本页，请检查网络后再次提交。';

export async function sendDirect(input: DirectSubmission, transport: Transport = xhrTransport): Promise<unknown> {
	const base = `${pb.baseURL.replace(/\/$/, '')}/api/collections/${encodeURIComponent(input.collection)}/records`;
	const one = `${base}/${encodeURIComponent(input.recordId)}`;
	const token = pb.authStore.token;
	const res = await transport.send({
		method: input.op === 'create' ? 'POST' : 'PATCH',
		url: input.op === 'create' ? base : one,
		token,
		body: toFormData({ op: input.op, recordId: input.recordId, fields: input.fields }, input.files)
	});
	if (res.status >= 200 && res.status < 300) return res.body;
	if (input.op === 'create' && res.status === 400 && isDuplicateId(res.body)) {
		// An earlier attempt of this same form got through; its answer was lost.
		const check = await transport.send({ method: 'GET', url: one, token });
		if (check.status === 200) return check.body;
	}
	if (res.status === 0 || res.status === 408 || res.status === 429 || res.status >= 500)
		throw new DirectNoAnswer(
			res.status === 0 ? NO_ANSWER_MESSAGE : `服务器暂时无法处理（${res.status}），未能提交。填写的内容仍在本页，请稍后再次提交。`
		);
	if (res.status === 401) throw new DirectRefusal({ message: '登录已过期，请重新登录后再提交', fields: {} });
	throw new DirectRefusal(refusalFrom(res.status, res.body));
}
