// The review state machine as the hooks apply it to cert_applications and
// enterprise_changes: who may move a request where, what the server fills in
// itself, and the audit row written in the same transaction as the move.
// The table of moves and every message come from the bundled domain.

/** Body fields that only the server writes (never trusted from a client, reviewer or owner). */
const SYSTEM_FIELDS = ['submittedAt', 'decidedAt', 'reviewer'];
const DECISION_FIELDS = ['rejectReasons', 'rejectNote'];

function domain() {
	return require(`${__hooks}/lib/domain.js`);
}

/** PocketBase's datetime text, e.g. "2026-11-27 06:00:00.000Z". */
function pbDate(ms) {
	return new Date(ms === undefined ? Date.now() : ms).toISOString().replace('T', ' ');
}

/** A field error PocketBase answers as `data.<field>`, with the message also on top. */
function refuse(field, message, code) {
	throw new BadRequestError(message, { [field]: new ValidationError(code || 'refused', message) });
}

/** Refuses with every field message at once; the top message is the first. */
function refuseAll(errors) {
	const fields = Object.keys(errors);
	if (!fields.length) return;
	const data = {};
	for (const f of fields) data[f] = new ValidationError('invalid', errors[f]);
	throw new BadRequestError(errors[fields[0]], data);
}

/** Go slices arrive as array-likes; single values as themselves. */
function listOf(raw) {
	if (raw === null || raw === undefined || raw === '') return [];
	if (typeof raw === 'string') return [raw];
	if (typeof raw.length === 'number') {
		const out = [];
		for (let i = 0; i < raw.length; i++) if (raw[i] !== '' && raw[i] !== null && raw[i] !== undefined) out.push(raw[i]);
		return out;
	}
	return [raw];
}

/** A file field as the domain sees it: stored files by name, new uploads with their size. */
function filesOf(record, field) {
	return listOf(record.get(field)).map((f) => (typeof f === 'string' ? { name: f } : { name: f.originalName || f.name, size: f.size }));
}

/** JSON with object keys sorted: the admin UI sends JSON fields back as objects, which Go re-encodes with sorted keys. */
function canonicalJson(value) {
	if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
	if (value && typeof value === 'object') {
		return (
			'{' +
			Object.keys(value)
				.sort()
				.map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k]))
				.join(',') +
			'}'
		);
	}
	return JSON.stringify(value === undefined ? null : value);
}

/**
 * Comparable form of a field's value, so a save that sends unchanged values
 * back (the admin UI sends every field) is not an edit: values are compared,
 * never presence.
 */
function valueKey(record, field) {
	const type = record.collection().fields.getByName(field).type();
	if (type === 'file') {
		if (record.getUnsavedFiles(field).length) return '\u0000unsaved';
		return record.getStringSlice(field).join('\u0001');
	}
	if (type === 'json') {
		const text = record.getString(field);
		try {
			return canonicalJson(JSON.parse(text || 'null'));
		} catch (_) {
			return text;
		}
	}
	if (type === 'select' || type === 'relation') return record.getStringSlice(field).join('\u0001');
	return record.getString(field);
}

function changedFields(record, fields) {
	const original = record.original();
	return fields.filter((f) => valueKey(record, f) !== valueKey(original, f));
}

function restore(record, fields) {
	const original = record.original();
	for (const f of fields) record.set(f, original.get(f));
}

function writeEvent(app, spec, record, from, to, actor, account, reason) {
	const ev = new Record(app.findCachedCollectionByNameOrId('review_events'));
	ev.set('recordCollection', spec.collection);
	ev.set('recordId', record.id);
	ev.set(spec.ownerField, record.getString(spec.ownerField));
	ev.set('from', from || '');
	ev.set('to', to);
	ev.set('actor', actor);
	ev.set('actorAccount', account || '');
	ev.set('reason', (reason || '').slice(0, 1000));
	app.save(ev);
}

/** name is what applicants see (a role); account is the reviewer's login, kept in hidden fields. */
function actorOf(e, spec) {
	if (e.hasSuperuserAuth()) return { by: 'reviewer', name: '审核人员', account: e.auth.email() };
	return { by: 'owner', name: spec.ownerLabel, account: '' };
}

/** Who made the move, carried on the record (not a field, never stored) from the request hook to the write. */
const ACTOR_KEY = '@reviewActor';
const ACTOR_ACCOUNT_KEY = '@reviewActorAccount';

/**
 * A new request: the server decides status, submission time and the snapshot
 * of the current values; spec.check(app, record) returns field errors.
 */
function handleCreate(e, spec) {
	const d = domain();
	const record = e.record;
	record.set('status', d.INITIAL_STATUS);
	record.set('submittedAt', pbDate());
	for (const f of SYSTEM_FIELDS.slice(1).concat(DECISION_FIELDS, spec.serverFields)) record.set(f, null);
	refuseAll(spec.check(e.app, record));
	spec.snapshot(e.app, record);
	const actor = actorOf(e, spec);
	record.set(ACTOR_KEY, actor.name);
	record.set(ACTOR_ACCOUNT_KEY, actor.account);
	e.next();
}

/** Server fields a reviewer has emptied (e.g. an issuance error, to try again): read before they are restored. */
function clearedByReviewer(record, spec) {
	const original = record.original();
	return (spec.reviewerClears || []).filter((f) => original.getString(f) !== '' && record.getString(f) === '');
}

function handleUpdate(e, spec) {
	const d = domain();
	const record = e.record;
	const original = record.original();
	const from = original.getString('status');
	const to = record.getString('status');
	const actor = actorOf(e, spec);
	if (!d.isReviewStatus(to)) refuse('status', d.REVIEW_MESSAGES.badStatus);
	const immutable = changedFields(record, spec.immutable);
	if (immutable.length) refuse(immutable[0], spec.messages.immutable);
	const cleared = actor.by === 'reviewer' ? clearedByReviewer(record, spec) : [];
	restore(record, SYSTEM_FIELDS.concat(spec.serverFields));
	const moveError = d.transitionError(from, to, actor.by);
	if (moveError) refuse('status', moveError, 'invalid_transition');
	const content = changedFields(record, spec.content);
	if (actor.by === 'reviewer') {
		if (content.length) refuse(content[0], spec.messages.reviewerContent);
		const reasonsChanged = changedFields(record, DECISION_FIELDS).length > 0;
		if (reasonsChanged && to !== '审核不通过') refuse('rejectReasons', d.REVIEW_MESSAGES.reasonOnlyOnReject);
		if (from !== to) {
			const decision = d.decisionError(to, record.get('rejectReasons'), record.getString('rejectNote'));
			if (decision) refuse('rejectReasons', decision, 'reason_required');
			// What would make the approval fail later (an identity taken meanwhile) is refused now, where the reviewer is.
			if (to === '审核通过' && spec.approvalCheck) refuseAll(spec.approvalCheck(e.app, record));
			if (d.DECISION_STATUSES.indexOf(to) !== -1) {
				record.set('decidedAt', pbDate());
				record.set('reviewer', actor.account);
			}
		}
		for (const f of cleared) spec.onCleared(record, f);
	} else {
		restore(record, DECISION_FIELDS);
		if (content.length && d.OWNER_EDITABLE.indexOf(from) === -1) refuse(content[0], lockedMessage(d, spec, from));
		if (to === '已提交' && from !== to) {
			// A resubmission is checked like a new request; the old reasons live on in review_events.
			record.set('submittedAt', pbDate());
			for (const f of SYSTEM_FIELDS.slice(1).concat(DECISION_FIELDS)) record.set(f, null);
			refuseAll(spec.check(e.app, record));
			spec.snapshot(e.app, record);
		}
	}
	if (from !== to && spec.onDecision) spec.onDecision(e.app, record, to);
	record.set(ACTOR_KEY, actor.name);
	record.set(ACTOR_ACCOUNT_KEY, actor.account);
	e.next();
}

/**
 * The write itself (onModelCreateExecute / onModelUpdateExecute): runs after
 * the attachments are stored and before the INSERT/UPDATE, so the
 * transaction holds the single writer only for the re-check that must be
 * atomic (one open request at a time), the row, its review_events entry and,
 * on approval, what the approval changes. Every save passes here, whoever
 * makes it: the status follows the table, and a move without an actor is
 * the system's.
 */
function writeWithEvent(e, spec) {
	const d = domain();
	const record = e.model;
	guardMove(record);
	// The reviewers' one-click way from the queue to this request, kept current with the configured app URL.
	record.set('reviewLink', reviewLink(e.app, spec.collection, record.id));
	const from = record.isNew() ? '' : record.original().getString('status');
	const to = record.getString('status');
	if (from === to) return e.next();
	const actor = record.get(ACTOR_KEY) || 'system';
	const account = record.get(ACTOR_ACCOUNT_KEY) || '';
	const base = e.app;
	let failure = null;
	try {
		base.runInTransaction((tx) => {
			try {
				e.app = tx;
				if (to === d.INITIAL_STATUS) refuseAll(openConflict(tx, spec, record));
				e.next();
				const reason = to === '审核不通过' ? d.rejectionText(record.get('rejectReasons'), record.getString('rejectNote')) : '';
				writeEvent(tx, spec, record, from, to, actor, account, reason);
				if (spec.afterDecision) spec.afterDecision(tx, record, to);
			} catch (err) {
				failure = err;
				throw err;
			}
		});
	} catch (err) {
		throw failure || err;
	} finally {
		// The after-save hooks (realtime, issuance) run on this event once we return: not on a finished transaction.
		e.app = base;
		record.set(ACTOR_KEY, null);
		record.set(ACTOR_ACCOUNT_KEY, null);
	}
}

/**
 * One open request per spec.openScope (a certificate, an enterprise): checked
 * here, in the writing transaction, where no second writer can slip in.
 */
function openConflict(app, spec, record) {
	const open = app.countRecords(
		spec.collection,
		$dbx.exp(`${spec.openScope} = {:scope} AND id != {:self}`, { scope: record.getString(spec.openScope), self: record.id }),
		$dbx.in('status', ...spec.openStatuses)
	);
	return open > 0 ? spec.openError : {};
}

/** Where the admin UI opens this record (Settings → Application URL is the server's public address). */
function reviewLink(app, collection, id) {
	const base = String(app.settings().meta.appURL || '').replace(/\/+$/, '');
	return base ? `${base}/_/#/collections?collection=${collection}&record=${id}` : '';
}

function lockedMessage(d, spec, from) {
	if (from === '已提交') return spec.messages.submittedLocked;
	if (from === '审核中') return d.transitionError('审核中', '已撤回', 'owner');
	return spec.messages.decidedLocked;
}

/** Whoever saves (API, admin UI, cron, another hook), a status only follows the table. */
function guardMove(record) {
	const d = domain();
	const to = record.getString('status');
	if (!d.isReviewStatus(to)) refuse('status', d.REVIEW_MESSAGES.badStatus);
	if (record.isNew()) {
		if (to !== d.INITIAL_STATUS) refuse('status', d.transitionError('已提交', to, 'system') || d.REVIEW_MESSAGES.badStatus);
	} else {
		const from = record.original().getString('status');
		if (!d.isKnownTransition(from, to)) refuse('status', d.transitionError(from, to, 'system'), 'invalid_transition');
	}
}

module.exports = { pbDate, refuse, refuseAll, listOf, filesOf, changedFields, handleCreate, handleUpdate, writeWithEvent };
