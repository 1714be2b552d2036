// Start-up of a demo and of a production server (ANGUAN_ENV). The demo
// creates a reviewer only when there is none; production never creates or
// resets an account and refuses to run while any reviewer still has a
// password published in this project's README or tests.

/** Passwords anyone can read in the repository: never acceptable in production. */
const KNOWN_DEFAULT_PASSWORDS = ['Reviewer2026', 'Reviewer-Test-2026'];
const INSTALLER_EMAIL = '__pbinstaller@example.com';

function mode() {
	const m = $os.getenv('ANGUAN_ENV');
	return m === 'production' ? 'production' : m === 'demo' ? 'demo' : '';
}

function reviewers(app) {
	return app.findAllRecords('_superusers', $dbx.exp('email != {:installer}', { installer: INSTALLER_EMAIL }));
}

/** The demo's reviewer, from REVIEWER_EMAIL / REVIEWER_PASSWORD, only when no reviewer exists yet. */
function ensureDemoReviewer(app) {
	if (reviewers(app).length > 0) return false;
	const r = new Record(app.findCollectionByNameOrId('_superusers'));
	r.setEmail($os.getenv('REVIEWER_EMAIL') || 'reviewer@anguan.local');
	r.setPassword($os.getenv('REVIEWER_PASSWORD') || KNOWN_DEFAULT_PASSWORDS[0]);
	app.save(r);
	return true;
}

/** Throws (PocketBase then stops) when a reviewer can still log in with a published password. */
function refuseKnownPasswords(app) {
	const weak = reviewers(app).filter((r) => KNOWN_DEFAULT_PASSWORDS.some((p) => r.validatePassword(p)));
	if (weak.length) {
		throw new Error(
			'生产模式拒绝启动：审核人员账号 ' +
				weak.map((r) => r.email()).join('、') +
				' 仍在使用公开的默认密码。请先运行 `pocketbase superuser update 邮箱 新密码` 修改密码。'
		);
	}
}

/** APP_URL, when given, is the address reviewers' links and certificates point to. */
function applyAppUrl(app) {
	const url = ($os.getenv('APP_URL') || '').replace(/\/+$/, '');
	if (!url) return;
	const s = app.settings();
	if (s.meta.appURL === url) return;
	s.meta.appURL = url;
	app.save(s);
}

function onServe(app) {
	applyAppUrl(app);
	const m = mode();
	if (m === 'demo' && ensureDemoReviewer(app)) app.logger().info('演示模式：已创建审核人员账号');
	if (m === 'production') refuseKnownPasswords(app);
}

module.exports = { onServe, KNOWN_DEFAULT_PASSWORDS };
