/// <reference path="types.d.ts" />
// 变更 / 延续 applications: the review state machine (lib/review.js) with the
// rules of src/lib/domain/application.ts, re-checked here so a request that
// skips the app is refused with the same Chinese messages.

onRecordCreateRequest((e) => {
	const review = require(`${__hooks}/lib/review.js`);
	review.handleCreate(e, require(`${__hooks}/lib/applications.js`).spec());
}, 'cert_applications');

onRecordUpdateRequest((e) => {
	const review = require(`${__hooks}/lib/review.js`);
	review.handleUpdate(e, require(`${__hooks}/lib/applications.js`).spec());
}, 'cert_applications');

// Every save, whoever makes it, follows the table of moves; the row and its
// review_events entry are written in one transaction.
onModelCreateExecute((e) => {
	require(`${__hooks}/lib/review.js`).writeWithEvent(e, require(`${__hooks}/lib/applications.js`).spec());
}, 'cert_applications');

onModelUpdateExecute((e) => {
	require(`${__hooks}/lib/review.js`).writeWithEvent(e, require(`${__hooks}/lib/applications.js`).spec());
}, 'cert_applications');

// With no delay (ISSUE_DELAY_MINUTES=0) the e-certificate goes out right after
// approval; otherwise the cron job in issuance.pb.js picks it up.
// A parked application (issueError set) waits for a reviewer instead.
onRecordAfterUpdateSuccess((e) => {
	e.next();
	if (e.record.getString('status') !== '审核通过' || e.record.getString('issueError')) return;
	if (require(`${__hooks}/lib/applications.js`).issueDelayMinutes() > 0) return;
	require(`${__hooks}/lib/issuance.js`).issueOrPark(e.app, e.record.id);
}, 'cert_applications');
