/// <reference path="types.d.ts" />
// The retention schedule of lib/retention.js, daily at 00:40 China time, and
// on demand for reviewers (and tests).

// Cron runs in UTC: 16:40 UTC is 00:40 in China.
cronAdd('anguan-retention', '40 16 * * *', () => {
	require(`${__hooks}/lib/retention.js`).run($app);
});

routerAdd(
	'POST',
	'/api/anguan/jobs/retention',
	(e) => e.json(200, require(`${__hooks}/lib/retention.js`).run(e.app)),
	$apis.requireSuperuserAuth()
);
