/**
 * The device's own database: drafts, their attachments, the outbox and a
 * cache of the user's server data. Every row carries the id of the user it
 * belongs to, so a second person on the same browser never sees it.
 *
 * Schema versions are append-only: change the schema by adding a version
 * with an upgrade(), never by editing an old one — old tabs and installed
 * copies still open the database with what they know.
 */
import Dexie, { type Table } from 'dexie';

export type OutboxStatus = 'pending' | 'syncing' | 'done' | 'failed';

export interface ServerRefusal {
	message: string;
	/** field name → Chinese message, for the form to show beside the field */
	fields: Record<string, string>;
}

export interface DraftRow {
	userId: string;
	formKey: string;
	fields: Record<string, unknown>;
	/** field → ids of rows in `files`, in order */
	fileFields: Record<string, string[]>;
	title?: string;
	href?: string;
	/** Chosen on first save so every tab submitting this draft sends the same record id. */
	recordId?: string;
	createdAt: number;
	updatedAt: number;
}

export interface FileRow {
	id: string;
	userId: string;
	/** 'draft:<formKey>' or 'outbox:<itemId>' */
	owner: string;
	field: string;
	name: string;
	type: string;
	size: number;
	lastModified: number;
	blob: Blob;
}

export interface OutboxRow {
	id: string;
	userId: string;
	formKey: string;
	collection: string;
	op: 'create' | 'update';
	recordId: string;
	title: string;
	fields: Record<string, unknown>;
	fileFields: Record<string, string[]>;
	/** fields and file names/sizes, to recognise the same submission made twice */
	signature: string;
	status: OutboxStatus;
	error?: ServerRefusal;
	/** network attempts that did not reach a verdict */
	attempts: number;
	/** when the next automatic attempt is due (0 = now) */
	retryAt: number;
	/** a transient note shown while pending, e.g. why the last attempt did not go through */
	note?: string;
	claimedAt?: number;
	createdAt: number;
	updatedAt: number;
	doneAt?: number;
}

export interface ProgressRow {
	itemId: string;
	userId: string;
	files: { field: string; name: string; size: number; loaded: number }[];
	loaded: number;
	total: number;
	updatedAt: number;
}

export interface CacheRow {
	userId: string;
	key: string;
	value: unknown;
	updatedAt: number;
}

export class OfflineDb extends Dexie {
	drafts!: Table<DraftRow, [string, string]>;
	files!: Table<FileRow, string>;
	outbox!: Table<OutboxRow, string>;
	progress!: Table<ProgressRow, string>;
	cache!: Table<CacheRow, [string, string]>;

	constructor(name = 'anguan-offline') {
		super(name);
		this.version(1).stores({
			drafts: '[userId+formKey], userId, updatedAt',
			files: 'id, [userId+owner], userId',
			outbox: 'id, userId, [userId+formKey], [userId+status]'
		});
		// v2: upload progress visible in every tab, a cache of server data for
		// offline cold starts, and a retry schedule on outbox rows.
		this.version(2)
			.stores({
				progress: 'itemId, userId',
				cache: '[userId+key], userId'
			})
			.upgrade((tx) =>
				tx
					.table<OutboxRow, string>('outbox')
					.toCollection()
					.modify((row) => {
						row.attempts ??= 0;
						row.retryAt ??= 0;
						if (row.status === 'syncing') row.status = 'pending';
					})
			);
	}
}

export const db = new OfflineDb();
