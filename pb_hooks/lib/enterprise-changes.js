// enterprise_changes (企业名称修改 / 企业资质修改) under the same review state
// machine as applications; the content rules are validateEnterpriseChange of
// src/lib/domain/enterprise.ts. On approval the requested values replace the
// enterprise's own, in the approving transaction; no issuance delay.

const review = require(`${__hooks}/lib/review.js`);

function domain() {
	return require(`${__hooks}/lib/domain.js`);
}

/** The hooks' words about these requests: in the domain, beside the content rules. */
function messages() {
	return domain().ENTERPRISE_CHANGE_MESSAGES;
}

function check(app, record) {
	const d = domain();
	const input = {};
	for (const f of d.ENTERPRISE_CHANGE_TEXT_FIELDS) input[f] = record.getString(f);
	for (const f of d.ENTERPRISE_CHANGE_FILE_FIELDS) input[f] = review.filesOf(record, f);
	const errors = d.validateEnterpriseChange(input);
	if (Object.keys(errors).length) return errors;
	// What is being changed follows from the values given, not from what the client says.
	record.set('kind', d.enterpriseChangeKinds(input));
	const uscc = d.normalizeCreditCode(record.getString('uscc'));
	if (uscc) {
		record.set('uscc', uscc);
		const taken = app.countRecords(
			'enterprises',
			$dbx.exp('uscc = {:u} AND id != {:self}', { u: uscc, self: record.getString('enterprise') })
		);
		if (taken > 0) return { uscc: messages().usccTaken };
	}
	// The one-open-request rule is checked where it can be atomic: in the writing transaction (openConflict in review.js).
	return {};
}

function snapshot(app, record) {
	const d = domain();
	const ent = app.findRecordById('enterprises', record.getString('enterprise'));
	const original = {};
	for (const f of d.ENTERPRISE_CHANGE_TEXT_FIELDS) original[f] = ent.getString(f);
	for (const f of d.ENTERPRISE_CHANGE_FILE_FIELDS) original[f] = review.listOf(ent.get(f));
	record.set('original', original);
}

/** At approval the requested credit code must still be free: it is applied in the same save. */
function approvalCheck(app, record) {
	const uscc = record.getString('uscc');
	if (!uscc) return {};
	const taken = app.countRecords(
		'enterprises',
		$dbx.exp('uscc = {:u} AND id != {:self}', { u: uscc, self: record.getString('enterprise') })
	);
	return taken > 0 ? { uscc: messages().usccConflict } : {};
}

function afterDecision(app, record, to) {
	if (to !== '审核通过') return;
	const d = domain();
	const ent = app.findRecordById('enterprises', record.getString('enterprise'));
	for (const f of d.ENTERPRISE_CHANGE_TEXT_FIELDS) {
		const v = record.getString(f).trim();
		if (v) ent.set(f, v);
	}
	const names = {};
	for (const f of d.ENTERPRISE_CHANGE_FILE_FIELDS) names[f] = review.listOf(record.get(f));
	// The copies read from this filesystem while the save uploads them: close it only afterwards.
	const fsys = app.newFilesystem();
	try {
		for (const f of d.ENTERPRISE_CHANGE_FILE_FIELDS) {
			if (!names[f].length) continue;
			const files = names[f].map((n) => fsys.getReuploadableFile(record.baseFilesPath() + '/' + n, false));
			ent.set(f, f === 'license' ? files[0] : files);
		}
		app.save(ent);
	} finally {
		fsys.close();
	}
}

function spec() {
	const d = domain();
	return {
		collection: 'enterprise_changes',
		ownerField: 'enterprise',
		ownerLabel: '企业',
		immutable: ['enterprise'],
		content: ['kind'].concat(d.ENTERPRISE_CHANGE_TEXT_FIELDS, d.ENTERPRISE_CHANGE_FILE_FIELDS),
		serverFields: ['original', 'reviewLink'],
		messages: messages(),
		check: check,
		// One request waiting for a reviewer per enterprise; an approved one is applied and closed.
		openScope: 'enterprise',
		openStatuses: d.ENTERPRISE_CHANGE_OPEN_STATUSES,
		openError: { kind: messages().alreadyOpen },
		snapshot: snapshot,
		approvalCheck: approvalCheck,
		afterDecision: afterDecision
	};
}

module.exports = { spec };
