/// <reference path="../pb_hooks/types.d.ts" />
// The data model (DESIGN.md). Collection and field names are a contract with
// the app (src/lib) and the hooks (pb_hooks). Labels and help are Chinese
// because reviewers work in the admin UI.
migrate(
	(app) => {
		const CITIES = [
			'昆明市',
			'曲靖市',
			'玉溪市',
			'保山市',
			'昭通市',
			'丽江市',
			'普洱市',
			'临沧市',
			'楚雄彝族自治州',
			'红河哈尼族彝族自治州',
			'文山壮族苗族自治州',
			'西双版纳傣族自治州',
			'大理白族自治州',
			'德宏傣族景颇族自治州',
			'怒江傈僳族自治州',
			'迪庆藏族自治州'
		];
		const STATUSES = ['已提交', '审核中', '审核通过', '审核不通过', '已撤回', '已发证'];
		const REJECT_REASONS = [
			'在新单位参保不满3个月',
			'社保证明与工作单位不一致',
			'身份证扫描件不清晰或不完整',
			'承诺书未签字或未盖章',
			'原纸质证书扫描件不完整（缺照片页或签章页）',
			'建造师执业证书缺失或无法验证',
			'证件照片不符合要求'
		];
		const SCAN_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
		const MB = 1 << 20;
		// Only the owner, and only once the default password has been replaced.
		const owner = (field) => `${field} = @request.auth.id && @request.auth.mustChangePassword = false`;

		const text = (name, help, extra) => Object.assign({ type: 'text', name, help, max: 200 }, extra || {});
		const scan = (name, help, maxSelect) => ({
			type: 'file',
			name,
			help,
			maxSelect,
			maxSize: 10 * MB,
			mimeTypes: SCAN_TYPES,
			protected: true,
			thumbs: ['240x0']
		});
		const date = (name, help) => ({ type: 'date', name, help });
		const created = () => [
			{ type: 'autodate', name: 'created', onCreate: true, onUpdate: false },
			{ type: 'autodate', name: 'updated', onCreate: true, onUpdate: true }
		];
		const review = () => [
			{
				type: 'select',
				name: 'status',
				required: true,
				maxSelect: 1,
				values: STATUSES,
				help: '审核人员：已提交 → 审核中 → 审核通过 / 审核不通过。审核通过后由系统自动发证（已发证）。'
			},
			{
				type: 'select',
				name: 'rejectReasons',
				maxSelect: REJECT_REASONS.length,
				values: REJECT_REASONS,
				help: '审核不通过的原因（可多选），申请人可在“我的证书”中看到'
			},
			text('rejectNote', '审核不通过的其他说明（可选，与上面的原因一起显示给申请人）', { max: 500 }),
			date('submittedAt', '最近一次提交（或补充资料后再次提交）的时间'),
			date('decidedAt', '审核通过或不通过的时间'),
			text('reviewer', '作出决定的审核人员（系统自动填写）')
		];

		// ---------------------------------------------------------------- enterprises
		const enterprises = new Collection({
			type: 'auth',
			name: 'enterprises',
			listRule: 'id = @request.auth.id',
			viewRule: 'id = @request.auth.id',
			createRule: null,
			updateRule: 'id = @request.auth.id',
			deleteRule: null,
			passwordAuth: { enabled: true, identityFields: ['uscc'] },
			fields: [
				text('uscc', '统一社会信用代码（18位，登录账号）', {
					required: true,
					presentable: true,
					min: 18,
					max: 18,
					pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$'
				}),
				text('name', '企业名称', { required: true, presentable: true }),
				text('legalRep', '企业法人'),
				{ type: 'select', name: 'regCity', maxSelect: 1, values: CITIES, help: '工商注册所在地' },
				text('address', '详细地址', { max: 300 }),
				scan('license', '信用代码证件（营业执照）扫描件', 1),
				text('qualCategory', '企业资质类别，如：水利水电施工总承包'),
				text('qualLevel', '企业资质等级，如：总承包三级'),
				text('qualCertNo', '资质证书编号'),
				text('qualIssuer', '资质证书发证机关'),
				scan('qualScan', '资质证件扫描件', 5),
				text('contactName', '联系人'),
				text('contactPhone', '联系电话', { max: 30 }),
				{ type: 'email', name: 'contactEmail', help: '联系邮箱' },
				{ type: 'bool', name: 'mustChangePassword', help: '为真时须先修改默认密码才能使用系统' },
				...created()
			],
			indexes: ['CREATE UNIQUE INDEX idx_enterprises_uscc ON enterprises (uscc)']
		});
		app.save(enterprises);

		// ---------------------------------------------------------------- applicants
		const applicants = new Collection({
			type: 'auth',
			name: 'applicants',
			listRule: 'id = @request.auth.id',
			viewRule: 'id = @request.auth.id',
			createRule: null,
			updateRule: 'id = @request.auth.id',
			deleteRule: null,
			passwordAuth: { enabled: true, identityFields: ['idNumber'] },
			fields: [
				text('idNumber', '身份证号（18位，登录账号）', { required: true, min: 18, max: 18, pattern: '^[0-9]{17}[0-9X]$' }),
				text('name', '姓名', { required: true, presentable: true, max: 50 }),
				{ type: 'select', name: 'gender', maxSelect: 1, values: ['男', '女'], help: '性别' },
				text('phone', '手机号码', { max: 30 }),
				text('title', '技术职称；没有职称填“无”'),
				text('position', '职位'),
				{ type: 'relation', name: 'enterprise', maxSelect: 1, collectionId: enterprises.id, help: '工作单位（需与社保一致）' },
				{
					type: 'file',
					name: 'photo',
					maxSelect: 1,
					maxSize: 2 * MB,
					mimeTypes: ['image/jpeg'],
					protected: true,
					thumbs: ['120x156'],
					help: '证件照片：白底彩色，不低于440×572像素，高宽比1.3，jpg'
				},
				{ type: 'json', name: 'photoCheck', maxSize: 20000, help: '照片自动检测报告' },
				{ type: 'bool', name: 'mustChangePassword', help: '为真时须先修改默认密码才能使用系统' },
				...created()
			],
			indexes: ['CREATE UNIQUE INDEX idx_applicants_idNumber ON applicants (idNumber)']
		});
		app.save(applicants);

		// Applicants and enterprises log in with their ID number / credit code, not an email.
		for (const c of [enterprises, applicants]) {
			c.fields.getByName('email').required = false;
			// The default password is the last 6 characters; the hooks demand a stronger one on change.
			c.fields.getByName('password').min = 6;
			app.save(c);
		}

		// ---------------------------------------------------------------- certificates
		const certificates = new Collection({
			type: 'base',
			name: 'certificates',
			listRule: owner('holder'),
			viewRule: owner('holder'),
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{
					type: 'relation',
					name: 'holder',
					required: true,
					maxSelect: 1,
					collectionId: applicants.id,
					cascadeDelete: false,
					help: '持证人'
				},
				text('certNo', '证书编号，如 云建安B（2023）0000123；审核通过后系统自动分配', { presentable: true, max: 40 }),
				{
					type: 'select',
					name: 'category',
					required: true,
					maxSelect: 1,
					values: ['A', 'B', 'C1', 'C2', 'C3'],
					help: 'A 企业主要负责人；B 项目负责人；C1 机械类、C2 土建类、C3 综合类专职安全生产管理人员'
				},
				{ type: 'select', name: 'status', required: true, maxSelect: 1, values: ['有效', '失效', '注销'], help: '证书状态' },
				date('firstIssued', '首次发证日期'),
				date('validUntil', '有效期结束时间；延续申请须在此日期前一天以前提交'),
				{ type: 'relation', name: 'enterprise', maxSelect: 1, collectionId: enterprises.id, help: '工作单位' },
				date('ecertIssuedAt', '电子证书推送时间；为空表示尚未发放电子证'),
				text('verifyCode', '电子证书核验码', { max: 40 }),
				...created()
			],
			indexes: [
				"CREATE UNIQUE INDEX idx_certificates_certNo ON certificates (certNo) WHERE certNo != ''",
				"CREATE UNIQUE INDEX idx_certificates_verifyCode ON certificates (verifyCode) WHERE verifyCode != ''",
				'CREATE INDEX idx_certificates_holder ON certificates (holder)',
				'CREATE INDEX idx_certificates_status_validUntil ON certificates (status, validUntil)'
			]
		});
		app.save(certificates);

		// ---------------------------------------------------------------- cert_applications
		const applications = new Collection({
			type: 'base',
			name: 'cert_applications',
			listRule: owner('applicant'),
			viewRule: owner('applicant'),
			createRule: owner('applicant'),
			updateRule: owner('applicant') + ' && (@request.body.applicant:isset = false || @request.body.applicant = @request.auth.id)',
			deleteRule: null,
			fields: [
				{
					type: 'relation',
					name: 'applicant',
					required: true,
					maxSelect: 1,
					collectionId: applicants.id,
					help: '申请人',
					presentable: true
				},
				{
					type: 'relation',
					name: 'certificate',
					required: true,
					maxSelect: 1,
					collectionId: certificates.id,
					help: '申请变更或延续的证书'
				},
				{ type: 'select', name: 'kind', required: true, maxSelect: 1, values: ['变更', '延续'], help: '申请类型' },
				...review(),
				text('origIdNumber', '原身份证号（提交时系统记录）'),
				text('origName', '原姓名（提交时系统记录）'),
				text('origTitle', '原技术职称（提交时系统记录）'),
				text('origPosition', '原职位（提交时系统记录）'),
				{ type: 'relation', name: 'origEnterprise', maxSelect: 1, collectionId: enterprises.id, help: '原工作单位（提交时系统记录）' },
				text('idNumber', '变更后身份证号', { max: 18 }),
				text('name', '变更后姓名', { max: 50 }),
				text('title', '变更后技术职称（无职称为“无”）'),
				text('position', '变更后职位'),
				{ type: 'relation', name: 'enterprise', maxSelect: 1, collectionId: enterprises.id, help: '变更后工作单位（需与社保一致）' },
				{
					type: 'file',
					name: 'photo',
					maxSelect: 1,
					maxSize: 2 * MB,
					mimeTypes: ['image/jpeg'],
					protected: true,
					thumbs: ['120x156'],
					help: '新证件照片（可选）：白底彩色，不低于440×572像素，高宽比1.3，jpg'
				},
				{ type: 'json', name: 'photoCheck', maxSize: 20000, help: '新证件照片的自动检测报告（警告项已由申请人确认）' },
				scan('idCardBack', '身份证国徽面扫描件', 1),
				scan('idCardFront', '身份证姓名面扫描件', 1),
				scan('pledge', '承诺书（按模板填写后的照片或扫描件）', 5),
				scan('applicationForm', '申请表：原纸质证书扫描件（照片页和所有签章页）', 20),
				scan('builderCert', 'B证：建造师执业证书（带二维码可验证）', 5),
				scan('socialInsurance', '劳动合同和社保附件（社保系统出具、带二维码的社保证明）', 10),
				date('issueAfter', '审核通过后，电子证书在此时间之后由系统推送'),
				date('issuedAt', '电子证书推送时间'),
				...created()
			],
			indexes: [
				'CREATE INDEX idx_cert_applications_queue ON cert_applications (status, submittedAt)',
				'CREATE INDEX idx_cert_applications_applicant ON cert_applications (applicant)',
				'CREATE INDEX idx_cert_applications_certificate ON cert_applications (certificate, status)'
			]
		});
		app.save(applications);

		// ---------------------------------------------------------------- enterprise_changes
		const changes = new Collection({
			type: 'base',
			name: 'enterprise_changes',
			listRule: owner('enterprise'),
			viewRule: owner('enterprise'),
			createRule: owner('enterprise'),
			updateRule: owner('enterprise') + ' && (@request.body.enterprise:isset = false || @request.body.enterprise = @request.auth.id)',
			deleteRule: null,
			fields: [
				{
					type: 'relation',
					name: 'enterprise',
					required: true,
					maxSelect: 1,
					collectionId: enterprises.id,
					help: '企业',
					presentable: true
				},
				{ type: 'select', name: 'kind', required: true, maxSelect: 2, values: ['企业名称修改', '企业资质修改'], help: '修改内容' },
				...review(),
				{ type: 'json', name: 'original', maxSize: 20000, help: '修改前的企业信息（提交时系统记录）' },
				text('uscc', '修改后统一社会信用代码', { max: 18 }),
				text('name', '修改后企业名称'),
				text('legalRep', '修改后企业法人'),
				{ type: 'select', name: 'regCity', maxSelect: 1, values: CITIES, help: '修改后工商注册所在地' },
				text('address', '修改后详细地址', { max: 300 }),
				scan('license', '修改后信用代码证件（营业执照）', 1),
				text('qualCategory', '修改后企业资质类别'),
				text('qualLevel', '修改后企业资质等级'),
				text('qualCertNo', '修改后资质证书编号'),
				text('qualIssuer', '修改后发证机关'),
				scan('qualScan', '修改后资质证件', 5),
				...created()
			],
			indexes: [
				'CREATE INDEX idx_enterprise_changes_queue ON enterprise_changes (status, submittedAt)',
				'CREATE INDEX idx_enterprise_changes_enterprise ON enterprise_changes (enterprise)'
			]
		});
		app.save(changes);

		// ---------------------------------------------------------------- review_events
		const events = new Collection({
			type: 'base',
			name: 'review_events',
			listRule: '(applicant = @request.auth.id || enterprise = @request.auth.id) && @request.auth.mustChangePassword = false',
			viewRule: '(applicant = @request.auth.id || enterprise = @request.auth.id) && @request.auth.mustChangePassword = false',
			// Append-only: written by the hooks, never through the API.
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				text('recordCollection', '申请所在的集合', { required: true }),
				text('recordId', '申请记录 ID', { required: true }),
				{ type: 'relation', name: 'applicant', maxSelect: 1, collectionId: applicants.id, help: '申请人（个人申请）' },
				{ type: 'relation', name: 'enterprise', maxSelect: 1, collectionId: enterprises.id, help: '企业（企业信息修改）' },
				text('from', '原状态'),
				text('to', '新状态', { required: true }),
				text('actor', '操作人：申请人、审核人员邮箱或 system'),
				text('reason', '原因或说明', { max: 1000 }),
				...created()
			],
			indexes: ['CREATE INDEX idx_review_events_record ON review_events (recordId, created)']
		});
		app.save(events);
	},
	(app) => {
		for (const name of ['review_events', 'enterprise_changes', 'cert_applications', 'certificates', 'applicants', 'enterprises']) {
			app.delete(app.findCollectionByNameOrId(name));
		}
	}
);
