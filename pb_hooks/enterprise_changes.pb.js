/// <reference path="types.d.ts" />
// 企业名称修改 / 企业资质修改 requests: the review state machine of
// lib/review.js; approval applies the requested values to the enterprise.

onRecordCreateRequest((e) => {
	const review = require(`${__hooks}/lib/review.js`);
	review.handleCreate(e, require(`${__hooks}/lib/enterprise-changes.js`).spec());
}, 'enterprise_changes');

onRecordUpdateRequest((e) => {
	const review = require(`${__hooks}/lib/review.js`);
	review.handleUpdate(e, require(`${__hooks}/lib/enterprise-changes.js`).spec());
}, 'enterprise_changes');

// Every save, whoever makes it, follows the table of moves; the row and its
// review_events entry are written in one transaction.
onModelCreateExecute((e) => {
	require(`${__hooks}/lib/review.js`).writeWithEvent(e, require(`${__hooks}/lib/enterprise-changes.js`).spec());
}, 'enterprise_changes');

onModelUpdateExecute((e) => {
	require(`${__hooks}/lib/review.js`).writeWithEvent(e, require(`${__hooks}/lib/enterprise-changes.js`).spec());
}, 'enterprise_changes');
