/// <reference path="types.d.ts" />
// Demo or production start-up (lib/setup.js), when the server starts — not
// for other commands such as `superuser update`, which must work even while
// production refuses to serve. (JS hooks have no onServe.)
onBootstrap((e) => {
	e.next();
	if ($os.args.indexOf('serve') === -1) return;
	require(`${__hooks}/lib/setup.js`).onServe(e.app);
});
