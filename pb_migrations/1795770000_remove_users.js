/// <reference path="../pb_hooks/types.d.ts" />
// PocketBase's starter `users` collection is not part of this system (people
// log in as applicants or enterprises) but accepted anonymous sign-up with
// public image uploads: free file hosting on an official domain. Gone.
migrate(
	(app) => {
		let users;
		try {
			users = app.findCollectionByNameOrId('users');
		} catch (_) {
			return;
		}
		app.delete(users);
	},
	(app) => {
		// Not recreated open: back as an auth collection nobody may use.
		app.save(
			new Collection({ type: 'auth', name: 'users', listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null })
		);
	}
);
