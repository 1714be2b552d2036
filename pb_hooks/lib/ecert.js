// The e-certificate's signature, kept true on every write of a certificate:
// whenever an issued certificate is saved and what its payload would say now
// (holder, enterprise, validity, verify code…) differs from what was signed,
// a new version is signed with $sm2 (server/ecert_sign.go) and recorded in
// ecert_versions, the previous version marked superseded. Issuance draws a
// new verify code, so every issuance is a new version; a status change
// (失效, 注销) is not — the status is live, asked of the server.

const SIGNED_FIELDS = ['ecertPayload', 'ecertSignature', 'ecertVersion'];

function domain() {
	return require(`${__hooks}/lib/domain.js`);
}

function issuer() {
	return $os.getenv('ECERT_ISSUER') || domain().DEFAULT_ECERT_ISSUER;
}

/** The Go binding, or a refusal that says why it cannot sign (shown to the reviewer at 电子证书推送时间). */
function signer() {
	const problem =
		typeof $sm2 === 'undefined' ? '电子证书签名需要本项目构建的 PocketBase（server/），当前程序不支持 SM2 签名' : $sm2.error();
	if (problem) throw new BadRequestError(problem, { ecertIssuedAt: new ValidationError('ecert_unsigned', problem) });
	return $sm2;
}

/** The payload the certificate's current data gives, signed (or to be signed) by key `kid`. */
function payloadFor(app, cert, kid) {
	const d = domain();
	const holder = app.findRecordById('applicants', cert.getString('holder'));
	let enterpriseName = '';
	if (cert.getString('enterprise')) {
		try {
			enterpriseName = app.findRecordById('enterprises', cert.getString('enterprise')).getString('name');
		} catch (_) {
			/* a removed enterprise: none named */
		}
	}
	return d.ecertPayload({
		certNo: cert.getString('certNo'),
		holderName: holder.getString('name'),
		idNumber: holder.getString('idNumber'),
		category: cert.getString('category'),
		enterpriseName: enterpriseName,
		validUntil: cert.getString('validUntil'),
		issuedAt: cert.getString('ecertIssuedAt'),
		issuer: issuer(),
		verifyCode: cert.getString('verifyCode'),
		kid: kid
	});
}

/**
 * For onModelCreateExecute / onModelUpdateExecute on certificates: signs a
 * new version when needed and writes it with its history row in one
 * transaction.
 */
function signOnWrite(e) {
	const d = domain();
	const cert = e.model;
	// Only this hook writes the signature: whatever a client or the admin UI sent is ignored.
	if (cert.isNew()) for (const f of SIGNED_FIELDS) cert.set(f, null);
	else for (const f of SIGNED_FIELDS) cert.set(f, cert.original().get(f));

	if (!cert.getString('ecertIssuedAt') || !cert.getString('certNo')) return e.next();
	if (!cert.getString('verifyCode'))
		cert.set('verifyCode', $security.randomStringWithAlphabet(d.VERIFY_CODE_LENGTH, d.VERIFY_CODE_ALPHABET));

	const signedText = cert.getString('ecertPayload');
	const signed = signedText ? d.parsePayloadText(signedText) : null;
	if (signed && d.payloadText(payloadFor(e.app, cert, signed.kid)) === signedText) return e.next();

	const sm2 = signer();
	const text = d.payloadText(payloadFor(e.app, cert, sm2.keyId()));
	const signature = sm2.sign(text);
	const version = cert.getInt('ecertVersion') + 1;
	if (!cert.id) cert.set('id', $security.randomStringWithAlphabet(15, 'abcdefghijklmnopqrstuvwxyz0123456789'));
	cert.set('ecertPayload', text);
	cert.set('ecertSignature', signature);
	cert.set('ecertVersion', version);

	const now = new Date().toISOString().replace('T', ' ');
	const base = e.app;
	let failure = null;
	try {
		base.runInTransaction((tx) => {
			try {
				e.app = tx;
				e.next();
				const previous = tx.findRecordsByFilter('ecert_versions', "certificate = {:c} && supersededAt = ''", '', 0, 0, { c: cert.id });
				for (const row of previous) {
					row.set('supersededAt', now);
					tx.save(row);
				}
				const row = new Record(tx.findCachedCollectionByNameOrId('ecert_versions'));
				row.set('certificate', cert.id);
				row.set('version', version);
				row.set('certNo', cert.getString('certNo'));
				row.set('verifyCode', cert.getString('verifyCode'));
				row.set('payload', text);
				row.set('signature', signature);
				row.set('kid', sm2.keyId());
				row.set('issuedAt', now);
				tx.save(row);
			} catch (err) {
				failure = err;
				throw err;
			}
		});
	} catch (err) {
		// The transaction wraps the error: hand on the original (its Chinese message).
		throw failure || err;
	} finally {
		e.app = base;
	}
}

/** GET /api/anguan/verify?no=…&code=…: status and validity only. */
function liveStatus(app, rawNo, rawCode) {
	const d = domain();
	const parsed = d.parseCertNo(String(rawNo || ''));
	const code = String(rawCode || '')
		.trim()
		.toUpperCase();
	const none = { status: '查无此证', validUntil: '' };
	if (!parsed || code.length !== d.VERIFY_CODE_LENGTH) return none;
	const no = d.formatCertNo(parsed);
	const args = { no: no, code: code };
	const current = app.findRecordsByFilter('certificates', 'certNo = {:no} && verifyCode = {:code}', '', 1, 0, args);
	if (current.length) {
		const cert = current[0];
		return { status: d.liveStatusOf({ status: cert.getString('status') }, false), validUntil: d.dayOf(cert.getString('validUntil')) };
	}
	const older = app.findRecordsByFilter('ecert_versions', 'certNo = {:no} && verifyCode = {:code}', '', 1, 0, args);
	if (!older.length) return none;
	const p = d.parsePayloadText(older[0].getString('payload'));
	return { status: d.liveStatusOf(null, true), validUntil: p ? p.until : '' };
}

module.exports = { signOnWrite, liveStatus, issuer };
