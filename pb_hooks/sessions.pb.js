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
	if (e.fileField.protected) e.response.header().set('Cache-Control', 'private, no-store');
	e.next();
});
