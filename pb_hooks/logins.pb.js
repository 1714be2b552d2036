/// <reference path="types.d.ts" />
// Reviewers' logins (the admin UI): audited and locked per account like
// everyone's (lib/logins.js; applicants' and enterprises' are in
// accounts.pb.js). With two-factor login on (production), a right password
// is recorded as 待验证码 and the e-mailed code as 成功; a wrong code never
// reaches the hooks — PocketBase refuses it and allows 5 tries in 3 minutes.

onRecordAuthWithPasswordRequest((e) => {
	const logins = require(`${__hooks}/lib/logins.js`);
	const email = String(e.identity || '')
		.trim()
		.toLowerCase();
	const attempt = logins.open(e, { accountType: '审核人员', identity: email, accountId: e.record ? e.record.id : '', label: email });
	if (!e.record || !e.record.validatePassword(e.password)) {
		if (!e.record) {
			try {
				e.next(); // PocketBase's dummy password check: an unknown address answers as slowly
			} catch (_) {
				/* always "Failed to authenticate." here */
			}
		}
		logins.refuse(attempt, '邮箱或密码错误');
	}
	logins.settle(e.app, attempt, e.collection.mfa.enabled ? logins.RESULTS.mfa : logins.RESULTS.ok);
	e.next();
}, '_superusers');

onRecordAuthWithOTPRequest((e) => {
	const logins = require(`${__hooks}/lib/logins.js`);
	e.next();
	logins.record(
		e,
		{ accountType: '审核人员', identity: e.record.email().toLowerCase(), accountId: e.record.id, label: e.record.email() },
		logins.RESULTS.ok
	);
}, '_superusers');

// The audit is written by the hooks above only: through the API nobody —
// reviewers included — creates, edits or deletes a row.
onRecordCreateRequest(() => {
	throw new ForbiddenError('登录记录由系统自动写入，不能手工添加', {});
}, 'login_audit');

onRecordUpdateRequest(() => {
	throw new ForbiddenError('登录记录不能修改', {});
}, 'login_audit');

onRecordDeleteRequest(() => {
	throw new ForbiddenError('登录记录按保存期限自动清理，不能手工删除', {});
}, 'login_audit');
