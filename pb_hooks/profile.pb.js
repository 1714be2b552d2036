/// <reference path="types.d.ts" />
// 个人信息: the phone number an applicant changes on their own record (the
// only such field besides the password) must pass the form's rule — the same
// validateProfile schema, so a client that skips the form gets the form's
// message. Which fields may be changed at all is decided in accounts.pb.js.

onRecordUpdateRequest((e) => {
	const body = e.requestInfo().body || {};
	if (!e.hasSuperuserAuth() && 'phone' in body) {
		const d = require(`${__hooks}/lib/domain.js`);
		const errors = d.validateProfile({ phone: String(body.phone || '') });
		if (errors.phone) throw new BadRequestError(errors.phone, { phone: new ValidationError('invalid_phone', errors.phone) });
		// Stored in one form (13812345678, 0871-65177922) by the validate hook in accounts.pb.js.
	}
	e.next();
}, 'applicants');
