/// <reference path="types.d.ts" />
// Sessions on shared computers (网吧): 退出所有设备 ends every login of the
// account at once, and protected files (ID scans, photos, licences) are never
// kept by a browser or proxy cache.

// A new token key invalidates every token signed with the old one — every
// device's login and every file token.
routerAdd(
	'POST',
	'/api/anguan/sessions/revoke',
	(e) => {
		const record = e.auth;
		record.refreshTokenKey();
		e.app.save(record);
		return e.json(200, { revoked: true });
	},
	$apis.requireAuth('applicants', 'enterprises')
);

// PocketBase caches files for 30 days unless told otherwise; a protected file
// is personal data and must not outlive the page that showed it.
onFileDownloadRequest((e) => {
	// The JS VM reaches the response through the embedded RequestEvent by name (`e.response` is not
	// there at run time, although PocketBase's declarations list it).
	if (e.fileField.protected) /** @type {any} */ (e).requestEvent.response.header().set('Cache-Control', 'private, no-store');
	e.next();
});
