/// <reference path="../pb_hooks/types.d.ts" />
// Applicants and enterprises see that a reviewer decided, never the
// reviewer's login: `reviewer` is hidden from them (reviewers still see it in
// the admin UI), and review_events names the role in `actor` and keeps the
// login in the hidden `actorAccount`.
migrate(
	(app) => {
		for (const name of ['cert_applications', 'enterprise_changes']) {
			const c = app.findCollectionByNameOrId(name);
			const f = c.fields.getByName('reviewer');
			f.hidden = true;
			f.help = '作出决定的审核人员账号（系统自动填写；申请人看不到）';
			app.save(c);
		}
		const events = app.findCollectionByNameOrId('review_events');
		events.fields.getByName('actor').help = '操作人：申请人、企业、审核人员或 system';
		events.fields.add(new TextField({ name: 'actorAccount', max: 200, hidden: true, help: '审核人员的登录邮箱（申请人看不到）' }));
		app.save(events);
		// Rows written before: the login moves to the hidden field.
		app.db().newQuery("UPDATE review_events SET actorAccount = actor, actor = '审核人员' WHERE actor LIKE '%@%'").execute();
	},
	(app) => {
		app.db().newQuery("UPDATE review_events SET actor = actorAccount WHERE actorAccount != ''").execute();
		const events = app.findCollectionByNameOrId('review_events');
		events.fields.removeByName('actorAccount');
		app.save(events);
		for (const name of ['cert_applications', 'enterprise_changes']) {
			const c = app.findCollectionByNameOrId(name);
			c.fields.getByName('reviewer').hidden = false;
			app.save(c);
		}
	}
);
