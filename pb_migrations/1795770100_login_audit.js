/// <reference path="../pb_hooks/types.d.ts" />
// Every login attempt — applicants, enterprises and reviewers; success,
// wrong password, locked — with who, when and from where. Reviewers read it
// in the admin UI; nobody writes it but the hooks (pb_hooks/logins.pb.js),
// and the retention job keeps it at least six months. It is also what the
// per-account lockout counts.
migrate(
	(app) => {
		const audit = new Collection({
			type: 'base',
			name: 'login_audit',
			listRule: null,
			viewRule: null,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{ type: 'text', name: 'who', presentable: true, max: 120, help: '账号（身份证号已遮盖）及姓名或企业名称' },
				{ type: 'select', name: 'accountType', maxSelect: 1, values: ['个人', '企业', '审核人员'], help: '账号类型' },
				{
					type: 'text',
					name: 'identity',
					max: 200,
					help: '登录时输入的完整账号（身份证号、统一社会信用代码或审核人员邮箱），仅审核人员可见'
				},
				{ type: 'text', name: 'accountId', max: 15, help: '对应账号的记录 ID（账号不存在时为空）' },
				{
					type: 'select',
					name: 'result',
					required: true,
					maxSelect: 1,
					values: ['成功', '密码错误', '已锁定', '待验证码'],
					help: '登录结果'
				},
				{ type: 'text', name: 'ip', max: 64, help: '来源 IP（经反向代理时为 Settings 中配置的真实 IP 头）' },
				{ type: 'text', name: 'userAgent', max: 300, help: '浏览器标识' },
				{ type: 'autodate', name: 'created', onCreate: true, onUpdate: false },
				{ type: 'autodate', name: 'updated', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE INDEX idx_login_audit_identity ON login_audit (identity, created)',
				'CREATE INDEX idx_login_audit_created ON login_audit (created)'
			]
		});
		app.save(audit);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('login_audit'));
	}
);
