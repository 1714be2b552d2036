/// <reference path="types.d.ts" />
// Accounts: applicants log in with their ID number, enterprises with their
// unified social credit code. A fresh account must replace its default
// password before anything else; identity data changes only through a
// reviewed application, never by editing one's own record.

// Identity numbers must pass the real checksums, whoever saves the record.
onRecordValidate((e) => {
	const d = require(`${__hooks}/lib/domain.js`);
	const id = d.normalizeIdNumber(e.record.getString('idNumber'));
	e.record.set('idNumber', id);
	const err = d.checkIdNumber(id);
	if (err) {
		const message = d.ID_NUMBER_MESSAGES[err];
		throw new BadRequestError(message, { idNumber: new ValidationError('invalid_id_number', message) });
	}
	// 性别 follows the ID number (GB 11643: odd sequence = 男), also after an approved change of number.
	e.record.set('gender', d.genderFromIdNumber(id));
	e.record.set('phone', d.normalizePhone(e.record.getString('phone')));
	e.next();
}, 'applicants');

onRecordValidate((e) => {
	const d = require(`${__hooks}/lib/domain.js`);
	const code = d.normalizeCreditCode(e.record.getString('uscc'));
	e.record.set('uscc', code);
	const err = d.checkCreditCode(code);
	if (err) {
		const message = d.CREDIT_CODE_MESSAGES[err];
		throw new BadRequestError(message, { uscc: new ValidationError('invalid_credit_code', message) });
	}
	e.record.set('contactPhone', d.normalizePhone(e.record.getString('contactPhone')));
	e.next();
}, 'enterprises');

// A malformed identity gets the precise Chinese reason; a wrong password a
// Chinese one that does not tell whether the account exists. Every attempt
// is audited and counted per account (lib/logins.js): a locked account is
// told, in Chinese, how long to wait.
onRecordAuthWithPasswordRequest(
	(e) => {
		const d = require(`${__hooks}/lib/domain.js`);
		const logins = require(`${__hooks}/lib/logins.js`);
		const applicant = e.collection.name === 'applicants';
		const kind = applicant ? 'applicant' : 'enterprise';
		const message = d.identityError(kind, e.identity || '');
		if (message) throw new BadRequestError(message, { identity: new ValidationError('invalid_identity', message) });
		const identity = d.normalizeIdentity(kind, e.identity);
		if (!e.record && identity !== e.identity) {
			try {
				e.record = e.app.findFirstRecordByData(e.collection, applicant ? 'idNumber' : 'uscc', identity);
			} catch (_) {
				/* stays unknown: answered as a wrong password below */
			}
		}
		e.identity = identity;
		const name = e.record ? e.record.getString('name') : '';
		const attempt = logins.open(e, {
			accountType: applicant ? '个人' : '企业',
			identity: identity,
			accountId: e.record ? e.record.id : '',
			label: (applicant ? d.maskIdNumber(identity) : identity) + (name ? ' ' + name : '')
		});
		const wrong = `${applicant ? '身份证号' : '统一社会信用代码'}或密码错误`;
		if (!e.record) {
			// PocketBase's own handler spends a dummy password check on unknown
			// accounts, so the answer takes as long as for a wrong password.
			try {
				e.next();
			} catch (_) {
				/* always "Failed to authenticate." here */
			}
			logins.refuse(attempt, wrong);
		}
		if (!e.record.validatePassword(e.password)) logins.refuse(attempt, wrong);
		logins.settle(e.app, attempt, logins.RESULTS.ok);
		e.next();
	},
	'applicants',
	'enterprises'
);

onRecordUpdateRequest(
	(e) => {
		const d = require(`${__hooks}/lib/domain.js`);
		const self = require(`${__hooks}/lib/accounts.js`);
		const body = e.requestInfo().body || {};
		const identityField = e.collection.name === 'applicants' ? 'idNumber' : 'uscc';
		const changesPassword = body.password !== undefined && body.password !== '';

		if (e.hasSuperuserAuth()) {
			// A reviewer resetting someone's password hands out a temporary one.
			if (changesPassword && body.mustChangePassword === undefined) e.record.set('mustChangePassword', true);
			return e.next();
		}

		const allowed = self.SELF_EDITABLE[e.collection.name];
		for (const key of Object.keys(body)) {
			if (allowed.indexOf(key) === -1) {
				throw new ForbiddenError(self.FORBIDDEN_FIELD_MESSAGE, {
					[key]: new ValidationError('not_self_editable', self.FORBIDDEN_FIELD_MESSAGE)
				});
			}
		}

		// An applicant's phone number: profile.pb.js (the 个人信息 schema).
		if (e.collection.name === 'enterprises') {
			const contact = {};
			for (const key of ['contactName', 'contactPhone', 'contactEmail']) if (key in body) contact[key] = String(body[key] || '');
			const errors = d.validateContact(contact);
			const keys = Object.keys(errors);
			if (keys.length) {
				const data = {};
				for (const key of keys) data[key] = new ValidationError('invalid_contact', errors[key]);
				throw new BadRequestError(errors[keys[0]], data);
			}
		}

		if (e.record.original().getBool('mustChangePassword') && !changesPassword) {
			throw new ForbiddenError(self.MUST_CHANGE_MESSAGE, {});
		}

		if (changesPassword) {
			const owner = { identity: e.record.getString(identityField), name: e.record.getString('name') };
			const message = require(`${__hooks}/lib/password.js`).passwordError(String(body.password), owner);
			if (message) throw new BadRequestError(message, { password: new ValidationError('weak_password', message) });
			e.record.set('mustChangePassword', false);
		}
		e.next();
	},
	'applicants',
	'enterprises'
);

// Public, non-personal configuration the app shows in its header.
routerAdd('GET', '/api/anguan/config', (e) => {
	const env = (name, fallback) => $os.getenv(name) || fallback;
	return e.json(200, {
		appName: '安管人员考核管理系统',
		deptPhone: env('DEPT_PHONE', '0871-65177922'),
		supportPhone: env('SUPPORT_PHONE', '13529002309'),
		issueDelayMinutes: require(`${__hooks}/lib/applications.js`).issueDelayMinutes(),
		ecertIssuer: require(`${__hooks}/lib/ecert.js`).issuer()
	});
});
