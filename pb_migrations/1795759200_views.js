/// <reference path="../pb_hooks/types.d.ts" />
// Read-only views: the directory applicants search when they pick 工作单位,
// and the reviewers' queue of what waits, oldest first.
migrate(
	(app) => {
		app.save(
			new Collection({
				type: 'view',
				name: 'enterprise_directory',
				listRule: '@request.auth.id != "" && @request.auth.mustChangePassword = false',
				viewRule: '@request.auth.id != "" && @request.auth.mustChangePassword = false',
				viewQuery: 'SELECT id, name, uscc, regCity FROM enterprises'
			})
		);

		app.save(
			new Collection({
				type: 'view',
				name: 'review_queue',
				listRule: null,
				viewRule: null,
				viewQuery: `
				SELECT q.id, q.source, q.kind, q.status, q.submittedAt, q.who, q.category, q.certNo FROM (
					SELECT a.id AS id, '证书申请' AS source, a.kind AS kind, a.status AS status,
					       a.submittedAt AS submittedAt, p.name AS who, c.category AS category, c.certNo AS certNo
					FROM cert_applications a
					JOIN applicants p ON p.id = a.applicant
					LEFT JOIN certificates c ON c.id = a.certificate
					WHERE a.status IN ('已提交', '审核中')
					UNION ALL
					SELECT e.id, '企业信息修改', e.kind, e.status, e.submittedAt, n.name, '', ''
					FROM enterprise_changes e
					JOIN enterprises n ON n.id = e.enterprise
					WHERE e.status IN ('已提交', '审核中')
				) q
				ORDER BY q.submittedAt`
			})
		);
	},
	(app) => {
		for (const name of ['review_queue', 'enterprise_directory']) app.delete(app.findCollectionByNameOrId(name));
	}
);
