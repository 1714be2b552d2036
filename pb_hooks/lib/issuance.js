// Issuance and lapse: the jobs behind the seed's "审核通过，等待 24 小时系统将会推送电子证书"
// and "未及时提交的证书作失效处理". Plain functions of an app, so the cron
// jobs, the after-approval hook and the superuser-only job route share them.

const review = require(`${__hooks}/lib/review.js`);

function domain() {
	return require(`${__hooks}/lib/domain.js`);
}

/** Next free number for the category in the current (China) year; call inside the issuing transaction. */
function allocateCertNo(app, category) {
	const d = domain();
	const year = Number(d.chinaDay().slice(0, 4));
	const prefix = d.formatCertNo({ category: category, year: year, serial: 1 }).slice(0, -7);
	// A range on the unique certNo index, read from the top: the serial is zero-padded after a
	// fixed prefix, so the highest number sorts last. (substr() on the column read every
	// certificate instead: 80 ms per issuance at Yunnan's 10^5, inside the write transaction.)
	const rows = arrayOf(new DynamicModel({ certNo: '' }));
	app
		.db()
		.newQuery(
			"SELECT certNo FROM certificates WHERE certNo != '' AND certNo >= {:lo} AND certNo <= {:hi} AND length(certNo) = {:len} ORDER BY certNo DESC LIMIT 1"
		)
		.bind({ lo: prefix + '0000000', hi: prefix + '9999999', len: prefix.length + 7 })
		.all(rows);
	const last = rows.length ? Number(rows[0].certNo.slice(-7)) : 0;
	return d.formatCertNo({ category: category, year: year, serial: last + 1 });
}

/**
 * Issues one approved application: applies the requested values to the
 * applicant and the certificate, numbers the certificate if it has no
 * number, pushes the e-certificate. Returns false when it was not (or no
 * longer) waiting; safe to call twice.
 */
function issueOne(app, id) {
	const d = domain();
	let issued = false;
	app.runInTransaction((tx) => {
		const a = tx.findRecordById('cert_applications', id);
		if (a.getString('status') !== '审核通过') return;
		const now = review.pbDate();
		const person = tx.findRecordById('applicants', a.getString('applicant'));
		for (const f of ['idNumber', 'name', 'title', 'position', 'enterprise']) {
			const v = a.getString(f);
			if (v) person.set(f, v);
		}
		if (a.getString('photo')) {
			// Copied as bytes (≤ PHOTO_RULES.maxBytes): the photo check on applicants reads the new file's content.
			const fsys = tx.newFilesystem();
			let bytes;
			try {
				const reader = fsys.getReader(a.baseFilesPath() + '/' + a.getString('photo'));
				try {
					bytes = toBytes(reader, d.PHOTO_RULES.maxBytes * 2);
				} finally {
					reader.close();
				}
			} finally {
				fsys.close();
			}
			person.set('photo', $filesystem.fileFromBytes(bytes, 'photo.jpg'));
			person.set('photoCheck', a.get('photoCheck'));
			person.set('photoCheckSummary', a.getString('photoCheckSummary'));
		}
		tx.save(person);

		const cert = tx.findRecordById('certificates', a.getString('certificate'));
		if (a.getString('enterprise')) cert.set('enterprise', a.getString('enterprise'));
		if (a.getString('kind') === '延续') {
			cert.set('validUntil', d.renewedValidUntil(cert.getString('validUntil')) + ' 00:00:00.000Z');
			cert.set('status', '有效');
		}
		if (!cert.getString('certNo')) cert.set('certNo', allocateCertNo(tx, cert.getString('category')));
		if (!cert.getString('firstIssued')) cert.set('firstIssued', now);
		cert.set('ecertIssuedAt', now);
		cert.set('verifyCode', $security.randomStringWithAlphabet(d.VERIFY_CODE_LENGTH, d.VERIFY_CODE_ALPHABET));
		tx.save(cert);

		// Saved without an actor: the write hook records the move as the system's.
		a.set('status', '已发证');
		a.set('issuedAt', now);
		tx.save(a);
		issued = true;
	});
	return issued;
}

/** The reviewer's reading of why an issuance failed (the applicant only learns that a reviewer is on it). */
function failureReason(err) {
	const text = String(err);
	if (/idNumber/.test(text) && /unique/i.test(text)) return '变更后的身份证号已被其他账号使用，无法写入申请人信息';
	if (/certNo/.test(text) && /unique/i.test(text)) return '证书编号重复，请稍后清空此项重试';
	// Our own refusals (e.g. no signing key configured) already say it in Chinese.
	if (/[\u4e00-\u9fff]/.test(text)) return text.replace(/^\w*Error:\s*/, '').slice(0, 400);
	return '系统错误：' + text.slice(0, 400);
}

/**
 * Issues one application and, when that fails, parks it for a reviewer:
 * issueError says why (the review queue lists it), issueFailedAt tells the
 * applicant that a reviewer is on it. It is not retried until a reviewer
 * empties issueError (or refuses the application), so nothing loops silently.
 */
function issueOrPark(app, id) {
	try {
		return { issued: issueOne(app, id) };
	} catch (err) {
		const reason = failureReason(err);
		app.logger().error('电子证书发放失败', 'application', id, 'error', String(err));
		const a = app.findRecordById('cert_applications', id);
		a.set('issueError', reason);
		a.set('issueFailedAt', review.pbDate());
		app.save(a);
		return { issued: false, error: reason };
	}
}

/**
 * Issues every approved application whose delay has passed and that is not
 * parked; one failure does not stop the others. Each is its own short
 * transaction, so other requests are served in between however many are due
 * (a deadline rush approves thousands in a day).
 */
function runIssuance(app) {
	const due = app.findRecordsByFilter(
		'cert_applications',
		"status = '审核通过' && issueAfter <= {:now} && issueError = ''",
		'issueAfter',
		0,
		0,
		{ now: review.pbDate() }
	);
	let issued = 0;
	const failed = [];
	for (const a of due) {
		const result = issueOrPark(app, a.id);
		if (result.issued) issued++;
		if (result.error) failed.push({ id: a.id, error: result.error });
	}
	return { issued: issued, failed: failed };
}

/** Marks 失效 every 有效 certificate past its last valid day with no renewal in progress. */
function runLapse(app) {
	const d = domain();
	const today = d.chinaDay();
	// validUntil is stored as "YYYY-MM-DD 00:00:00.000Z": anything before today's date text has passed.
	const candidates = app.findRecordsByFilter(
		'certificates',
		"status = '有效' && validUntil != '' && validUntil < {:today}",
		'validUntil',
		0,
		0,
		{
			today: today
		}
	);
	const lapsed = [];
	for (const cert of candidates) {
		const pending = app.findRecordsByFilter(
			'cert_applications',
			"certificate = {:c} && kind = '延续' && (" + d.RENEWAL_PENDING_STATUSES.map((s) => `status = '${s}'`).join(' || ') + ')',
			'',
			1,
			0,
			{ c: cert.id }
		);
		if (!d.shouldLapse({ status: cert.getString('status'), validUntil: cert.getString('validUntil') }, pending.length > 0)) continue;
		cert.set('status', '失效');
		app.save(cert);
		lapsed.push(cert.id);
	}
	if (lapsed.length) app.logger().info('证书已过有效期且未申请延续，标记为失效', 'count', lapsed.length);
	return { lapsed: lapsed };
}

module.exports = { issueOne, issueOrPark, runIssuance, runLapse, allocateCertNo };
