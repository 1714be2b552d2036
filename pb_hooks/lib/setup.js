// Start-up of a demo and of a production server (ANGUAN_ENV). The demo
// creates a reviewer only when there is none; production never creates or
// resets an account, refuses to run while any reviewer still has a
// password published in this project's README or tests, and makes reviewers
// log in with a second factor (a code e-mailed through the configured SMTP
// server). ADMIN_ALLOW, in either mode, limits reviewers to listed networks.

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

/** Throws when e-certificates could not be signed, or would be signed with a demo key. */
function refuseMissingSigningKey() {
	const problem = typeof $sm2 === 'undefined' ? '当前 PocketBase 程序不支持 SM2 签名（请使用 server/ 构建的程序）' : $sm2.error();
	if (problem)
		throw new Error('生产模式拒绝启动：电子证书签名密钥不可用：' + problem + '。请配置 ECERT_KEY_FILE（见 README「电子证书」）。');
	if (/ecert-demo-key\.pem$/.test($os.getenv('ECERT_KEY_FILE'))) {
		throw new Error('生产模式拒绝启动：ECERT_KEY_FILE 指向演示密钥。请用 `node scripts/ecert-key.js new <文件>` 生成正式密钥。');
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

/** SMTP_* and MAIL_SENDER_* from the environment, when given, become the mail settings. */
function applySmtp(app) {
	const host = $os.getenv('SMTP_HOST');
	if (!host) return;
	const s = app.settings();
	s.smtp.enabled = true;
	s.smtp.host = host;
	s.smtp.port = Number($os.getenv('SMTP_PORT')) || 587;
	s.smtp.username = $os.getenv('SMTP_USERNAME');
	s.smtp.password = $os.getenv('SMTP_PASSWORD');
	// true: TLS from the first byte (port 465); otherwise STARTTLS when the server offers it.
	s.smtp.tls = $os.getenv('SMTP_TLS') === 'true';
	if ($os.getenv('MAIL_SENDER_ADDRESS')) s.meta.senderAddress = $os.getenv('MAIL_SENDER_ADDRESS');
	s.meta.senderName = $os.getenv('MAIL_SENDER_NAME') || s.meta.senderName || '安管人员考核管理系统';
	app.save(s);
}

const OTP_MAIL = {
	subject: '{APP_NAME} 审核后台登录验证码',
	body:
		'<p>您正在登录 {APP_NAME} 审核后台，验证码：</p><p style="font-size:1.6em;letter-spacing:0.2em"><strong>{OTP}</strong></p>' +
		'<p>5 分钟内有效。如果不是您本人在登录，请立即修改密码并告知系统管理员。</p>'
};

/** Reviewers: password, then a one-time code sent to their e-mail (PocketBase's MFA with OTP). */
function requireReviewerMfa(app) {
	const mail = app.settings();
	if (!mail.smtp.enabled || !mail.smtp.host || !mail.meta.senderAddress) {
		throw new Error(
			'生产模式拒绝启动：审核人员登录须通过邮件验证码二次验证，请先配置邮件服务器（环境变量 SMTP_HOST、SMTP_PORT、SMTP_USERNAME、SMTP_PASSWORD、MAIL_SENDER_ADDRESS，见 README“正式部署”）。'
		);
	}
	const su = app.findCollectionByNameOrId('_superusers');
	su.mfa.enabled = true;
	su.mfa.duration = 600;
	su.otp.enabled = true;
	su.otp.duration = 300;
	su.otp.length = 6;
	su.otp.emailTemplate.subject = OTP_MAIL.subject;
	su.otp.emailTemplate.body = OTP_MAIL.body;
	app.save(su);
}

/** ADMIN_ALLOW ("10.1.0.0/16 192.168.5.7"): PocketBase then refuses reviewers' logins and requests from elsewhere. */
function applyAdminAllowList(app) {
	const raw = $os.getenv('ADMIN_ALLOW');
	if (!raw) return;
	const s = app.settings();
	s.superuserIPs = raw.split(/[\s,]+/).filter((x) => x);
	app.save(s);
}

function onServe(app) {
	applyAppUrl(app);
	applySmtp(app);
	applyAdminAllowList(app);
	const m = mode();
	if (m === 'demo' && ensureDemoReviewer(app)) app.logger().info('演示模式：已创建审核人员账号');
	if (m === 'production') {
		refuseKnownPasswords(app);
		requireReviewerMfa(app);
		refuseMissingSigningKey();
	}
}

module.exports = { onServe, KNOWN_DEFAULT_PASSWORDS };
