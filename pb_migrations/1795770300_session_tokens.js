/// <reference path="../pb_hooks/types.d.ts" />
// Applicants' and enterprises' logins last an hour (PocketBase's default is
// days): the app refreshes the token while the person is active, and logs out
// after 30 idle minutes (src/lib/api/session.svelte.ts). A token left behind
// in a 网吧 browser dies soon after.
migrate(
	(app) => {
		for (const name of ['applicants', 'enterprises']) {
			const c = app.findCollectionByNameOrId(name);
			c.authToken.duration = 3600;
			app.save(c);
		}
	},
	(app) => {
		for (const name of ['applicants', 'enterprises']) {
			const c = app.findCollectionByNameOrId(name);
			c.authToken.duration = 604800;
			app.save(c);
		}
	}
);
