// Retention schedule (PIPL Art. 19: kept no longer than the purpose needs).
// Drafts never reach the server (they live on the applicant's device). On
// the server, every day:
//   - withdrawn requests, RETENTION_WITHDRAWN_DAYS (90) after the withdrawal,
//   - refused requests nobody resubmitted, RETENTION_REFUSED_DAYS (180) after the decision,
//     go with their files and their review_events rows;
//   - the scans of decided requests (issued applications, approved enterprise
//     changes) are removed RETENTION_FILES_DAYS (1095, one certificate's
//     validity) after the decision; the request itself stays as the record of it;
//   - login_audit rows go after AUDIT_RETENTION_DAYS (365), never sooner than 183 days.

const DAY = 86400000;
const AUDIT_MIN_DAYS = 183;
const BATCH = 200;

function days(name, fallback, min) {
	const raw = $os.getenv(name);
	const n = raw === '' ? NaN : Number(raw);
	return Math.max(isFinite(n) && n >= 0 ? n : fallback, min || 0);
}

function schedule() {
	return {
		withdrawnDays: days('RETENTION_WITHDRAWN_DAYS', 90),
		refusedDays: days('RETENTION_REFUSED_DAYS', 180),
		filesDays: days('RETENTION_FILES_DAYS', 1095),
		auditDays: days('AUDIT_RETENTION_DAYS', 365, AUDIT_MIN_DAYS)
	};
}

function pbDate(ms) {
	return new Date(ms).toISOString().replace('T', ' ');
}

/** Runs fn on every record matching the filter, a batch at a time; returns how many. */
function each(app, collection, filter, params, fn) {
	let n = 0;
	for (;;) {
		const rows = app.findRecordsByFilter(collection, filter, 'id', BATCH, 0, params);
		for (const r of rows) fn(r);
		n += rows.length;
		if (rows.length < BATCH) return n;
	}
}

function purgeRequest(app, record) {
	app.runInTransaction((tx) => {
		for (const ev of tx.findRecordsByFilter('review_events', 'recordId = {:id}', '', 0, 0, { id: record.id })) tx.delete(ev);
		tx.delete(record);
	});
}

const REQUESTS = [
	{
		collection: 'cert_applications',
		decided: '已发证',
		decidedAt: 'issuedAt',
		files: ['idCardBack', 'idCardFront', 'pledge', 'applicationForm', 'builderCert', 'socialInsurance', 'photo']
	},
	{ collection: 'enterprise_changes', decided: '审核通过', decidedAt: 'decidedAt', files: ['license', 'qualScan'] }
];

function run(app, now) {
	const s = schedule();
	const at = now === undefined ? Date.now() : now;
	const cutoff = (d) => pbDate(at - d * DAY);
	const done = { withdrawn: 0, refused: 0, filesRemoved: 0, loginAudit: 0, schedule: s };
	for (const r of REQUESTS) {
		done.withdrawn += each(app, r.collection, "status = '已撤回' && updated < {:c}", { c: cutoff(s.withdrawnDays) }, (rec) =>
			purgeRequest(app, rec)
		);
		done.refused += each(
			app,
			r.collection,
			"status = '审核不通过' && decidedAt < {:c} && updated < {:c}",
			{ c: cutoff(s.refusedDays) },
			(rec) => purgeRequest(app, rec)
		);
		const withFiles = r.files.map((f) => `${f} != ''`).join(' || ');
		done.filesRemoved += each(
			app,
			r.collection,
			`status = {:decided} && ${r.decidedAt} != '' && ${r.decidedAt} < {:c} && (${withFiles})`,
			{ decided: r.decided, c: cutoff(s.filesDays) },
			(rec) => {
				for (const f of r.files) rec.set(f, null);
				app.save(rec);
			}
		);
	}
	done.loginAudit = each(app, 'login_audit', 'created < {:c}', { c: cutoff(s.auditDays) }, (rec) => app.delete(rec));
	return done;
}

module.exports = { run, schedule, AUDIT_MIN_DAYS };
