// cert_applications (变更 / 延续) under the review state machine: the
// server-side half of src/lib/domain/application.ts, plus the checks that need
// the database (whose certificate, still valid, one open request at a time).

const review = require(`${__hooks}/lib/review.js`);

function domain() {
	return require(`${__hooks}/lib/domain.js`);
}

/** Minutes between approval and issuance (the seed: 24 h). */
function issueDelayMinutes() {
	const raw = $os.getenv('ISSUE_DELAY_MINUTES');
	const n = raw === '' ? NaN : Number(raw);
	return isFinite(n) && n >= 0 ? n : 1440;
}

function findOrNull(app, collection, id) {
	if (!id) return null;
	try {
		return app.findRecordById(collection, id);
	} catch (_) {
		return null;
	}
}

function check(app, record) {
	const d = domain();
	const m = d.APPLICATION_MESSAGES;
	const cert = findOrNull(app, 'certificates', record.getString('certificate'));
	if (!cert || cert.getString('holder') !== record.getString('applicant')) return { certificate: m.notHolder };
	if (cert.getString('status') !== '有效') return { certificate: m.certificateInactive };

	const files = {};
	for (const f of d.ATTACHMENT_FIELDS) files[f] = review.filesOf(record, f);
	const errors = d.validateApplication({
		kind: record.getString('kind'),
		category: cert.getString('category'),
		idNumber: record.getString('idNumber'),
		name: record.getString('name'),
		title: record.getString('title'),
		position: record.getString('position'),
		enterprise: record.getString('enterprise'),
		files: files,
		validUntil: record.getString('kind') === '延续' ? cert.getString('validUntil') : undefined
	});
	if (Object.keys(errors).length) return errors;

	record.set('idNumber', d.normalizeIdNumber(record.getString('idNumber')));
	record.set('name', record.getString('name').trim());
	record.set('title', record.getString('title').trim());
	record.set('position', record.getString('position').trim());
	if (!findOrNull(app, 'enterprises', record.getString('enterprise'))) return { enterprise: m.enterpriseUnknown };

	const holder = app.findRecordById('applicants', record.getString('applicant'));
	const idNumber = record.getString('idNumber');
	if (idNumber !== holder.getString('idNumber')) {
		const taken = app.countRecords('applicants', $dbx.exp('idNumber = {:id} AND id != {:self}', { id: idNumber, self: holder.id }));
		if (taken > 0) return { idNumber: m.idNumberTaken };
	}
	// The one-open-application rule is checked where it can be atomic: in the writing transaction (openConflict in review.js).
	return {};
}

/**
 * The values before the change, as the applicant's record holds them now, and
 * the reviewer's reading of the photo report — taken at every (re)submission.
 */
function snapshot(app, record) {
	const holder = app.findRecordById('applicants', record.getString('applicant'));
	record.set('origIdNumber', holder.getString('idNumber'));
	record.set('origName', holder.getString('name'));
	record.set('origTitle', holder.getString('title'));
	record.set('origPosition', holder.getString('position'));
	record.set('origEnterprise', holder.getString('enterprise'));
	record.set('photoCheckSummary', domain().photoCheckSummary(record.getString('photoCheck')));
}

/**
 * At approval: the requested ID number must still be free — no other account
 * holds it and no other approved application is about to take it — or the
 * issuance would fail later with nobody to tell.
 */
function approvalCheck(app, record) {
	const idNumber = record.getString('idNumber');
	const applicant = record.getString('applicant');
	const holder = app.findRecordById('applicants', applicant);
	if (!idNumber || idNumber === holder.getString('idNumber')) return {};
	const taken = app.countRecords('applicants', $dbx.exp('idNumber = {:id} AND id != {:self}', { id: idNumber, self: applicant }));
	const claimed = app.countRecords(
		'cert_applications',
		$dbx.exp("idNumber = {:id} AND applicant != {:self} AND status = '审核通过'", { id: idNumber, self: applicant })
	);
	return taken + claimed > 0 ? { idNumber: domain().APPLICATION_MESSAGES.idNumberConflict } : {};
}

function onDecision(app, record, to) {
	if (to === '审核通过') record.set('issueAfter', review.pbDate(Date.now() + issueDelayMinutes() * 60000));
	if (to === '审核不通过') clearIssueState(record);
}

function clearIssueState(record) {
	for (const f of ['issueAfter', 'issueError', 'issueFailedAt']) record.set(f, null);
}

/** A reviewer emptied issueError: the issuance is tried again (at once, or by the minute job). */
function onCleared(record) {
	record.set('issueError', '');
	record.set('issueFailedAt', null);
}

function spec() {
	const d = domain();
	const m = d.APPLICATION_MESSAGES;
	return {
		collection: 'cert_applications',
		ownerField: 'applicant',
		ownerLabel: '申请人',
		immutable: ['applicant', 'certificate', 'kind'],
		content: d.APPLICATION_CONTENT_FIELDS.slice(),
		serverFields: [
			'origIdNumber',
			'origName',
			'origTitle',
			'origPosition',
			'origEnterprise',
			'photoCheckSummary',
			'issueAfter',
			'issuedAt',
			'issueError',
			'issueFailedAt',
			'reviewLink'
		],
		messages: {
			immutable: m.immutable,
			reviewerContent: m.reviewerContent,
			submittedLocked: m.submittedLocked,
			decidedLocked: m.decidedLocked
		},
		check: check,
		// One open application per certificate, until its certificate is issued.
		openScope: 'certificate',
		openStatuses: d.OPEN_STATUSES,
		openError: { certificate: m.alreadyOpen },
		snapshot: snapshot,
		approvalCheck: approvalCheck,
		onDecision: onDecision,
		reviewerClears: ['issueError'],
		onCleared: onCleared
	};
}

module.exports = { spec, issueDelayMinutes };
