/// <reference path="../pb_hooks/types.d.ts" />
// Reviewers decide in the admin UI: one-save decisions (help texts), their
// own reject reasons for enterprise changes, a Chinese reading of the photo
// report, issuance problems parked for a reviewer, and a queue whose rows
// open the request in one click with China-time submission times.
// Value lists come from the bundled domain, the rules' one place.
migrate(
	(app) => {
		const d = require(`${__hooks}/lib/domain.js`);
		const UTC = '（后台日期为 UTC 时间，北京时间 = UTC + 8 小时）';
		const STATUS_HELP =
			'审核人员：把“已提交”直接改为“审核通过”或“审核不通过”（须选原因）并保存即可；“审核中”表示已认领、申请人不能再撤回。审核通过后由系统自动发证（已发证）。';

		const after = (collection, anchor, field) => {
			const at = collection.fields.fieldNames().indexOf(anchor);
			collection.fields.addAt(at + 1, field);
		};
		const reviewLink = () =>
			// Not hidden: review_queue's `open` column copies this field, hidden columns included.
			new URLField({ name: 'reviewLink', help: '在后台打开本申请的链接（系统生成，review_queue 中点击即可打开）' });
		const helpDates = (collection) => {
			for (const [name, help] of [
				['submittedAt', '最近一次提交（或补充资料后再次提交）的时间'],
				['decidedAt', '审核通过或不通过的时间']
			]) {
				collection.fields.getByName(name).help = help + UTC;
			}
			collection.fields.getByName('status').help = STATUS_HELP;
		};

		const applications = app.findCollectionByNameOrId('cert_applications');
		helpDates(applications);
		after(
			applications,
			'photoCheck',
			new TextField({
				name: 'photoCheckSummary',
				max: d.PHOTO_CHECK_SUMMARY_MAX,
				help: '照片自动检测结果（中文摘要，系统根据 photoCheck 生成）'
			})
		);
		applications.fields.add(
			new TextField({
				name: 'issueError',
				max: 1000,
				hidden: true,
				help: '电子证书发放失败的原因（系统填写）。排除问题后清空此项并保存即重新发放；或把状态改为“审核不通过”并写明原因，由申请人更正后再提交。'
			}),
			new DateField({ name: 'issueFailedAt', help: '电子证书发放失败的时间（系统填写；申请人看到“审核人员正在处理”）' + UTC }),
			reviewLink()
		);
		applications.fields.getByName('rejectReasons').values = d.REJECT_REASONS.slice();
		applications.fields.getByName('rejectReasons').maxSelect = d.REJECT_REASONS.length;
		app.save(applications);

		const changes = app.findCollectionByNameOrId('enterprise_changes');
		helpDates(changes);
		const reasons = changes.fields.getByName('rejectReasons');
		reasons.values = d.ENTERPRISE_REJECT_REASONS.slice();
		reasons.maxSelect = d.ENTERPRISE_REJECT_REASONS.length;
		changes.fields.add(reviewLink());
		app.save(changes);

		// A certificate without a number yet still shows as something (its category) where it is linked.
		const certificates = app.findCollectionByNameOrId('certificates');
		certificates.fields.getByName('category').presentable = true;
		app.save(certificates);

		const applicants = app.findCollectionByNameOrId('applicants');
		after(
			applicants,
			'photoCheck',
			new TextField({ name: 'photoCheckSummary', max: d.PHOTO_CHECK_SUMMARY_MAX, help: '当前证件照片的自动检测结果（中文摘要）' })
		);
		app.save(applicants);

		// The queue: what waits for a reviewer, oldest first. `open` is a link
		// (the admin UI renders a url field as one) and `submitted` is China
		// time. PocketBase types a view's columns from the fields they name, and
		// its query reader does not follow a top-level UNION; so the union is a
		// CTE named like the table whose reviewLink field types `open`
		// (main.… inside it is the real table).
		const queue = app.findCollectionByNameOrId('review_queue');
		const pending = d.PENDING_STATUSES.map((s) => `'${s}'`).join(', ');
		const cst = (col) => `strftime('%Y-%m-%d %H:%M', ${col}, '+8 hours')`;
		queue.viewQuery = `
			WITH cert_applications AS (
				SELECT a.id, a.reviewLink, '证书申请' AS source, a.kind,
				       CASE WHEN a.issueError != '' THEN '发证失败' ELSE a.status END AS status,
				       ${cst('a.submittedAt')} AS submitted, p.name AS who,
				       COALESCE(c.category, '') AS category, COALESCE(c.certNo, '') AS certNo, a.issueError AS problem
				FROM main.cert_applications a
				JOIN main.applicants p ON p.id = a.applicant
				LEFT JOIN main.certificates c ON c.id = a.certificate
				WHERE a.status IN (${pending}) OR (a.status = '审核通过' AND a.issueError != '')
				UNION ALL
				SELECT e.id, e.reviewLink, '企业信息修改', replace(replace(replace(e.kind, '["', ''), '"]', ''), '","', '、'),
				       e.status, ${cst('e.submittedAt')}, n.name, '', '', ''
				FROM main.enterprise_changes e
				JOIN main.enterprises n ON n.id = e.enterprise
				WHERE e.status IN (${pending})
			)
			SELECT q.id AS id, q.reviewLink AS open, CAST(q.source AS TEXT) AS source, CAST(q.kind AS TEXT) AS kind,
			       CAST(q.status AS TEXT) AS status, CAST(q.submitted AS TEXT) AS submitted, CAST(q.who AS TEXT) AS who,
			       CAST(q.category AS TEXT) AS category, CAST(q.certNo AS TEXT) AS certNo, CAST(q.problem AS TEXT) AS problem
			FROM cert_applications q
			ORDER BY q.submitted`;
		app.save(queue);
	},
	(app) => {
		const applications = app.findCollectionByNameOrId('cert_applications');
		for (const f of ['photoCheckSummary', 'issueError', 'issueFailedAt', 'reviewLink']) applications.fields.removeByName(f);
		app.save(applications);
		const changes = app.findCollectionByNameOrId('enterprise_changes');
		changes.fields.removeByName('reviewLink');
		app.save(changes);
		// A certificate without a number yet still shows as something (its category) where it is linked.
		const certificates = app.findCollectionByNameOrId('certificates');
		certificates.fields.getByName('category').presentable = true;
		app.save(certificates);

		const applicants = app.findCollectionByNameOrId('applicants');
		applicants.fields.removeByName('photoCheckSummary');
		app.save(applicants);
	}
);
