/// <reference path="types.d.ts" />
// Scheduled jobs: push e-certificates whose delay has passed (every minute)
// and mark lapsed certificates 失效 (daily, 00:10 China time, and at start-up
// so a server that was down over midnight catches up).

cronAdd('anguan-issue-certificates', '* * * * *', () => {
	require(`${__hooks}/lib/issuance.js`).runIssuance($app);
});

// Cron runs in UTC: 16:10 UTC is 00:10 in China.
cronAdd('anguan-lapse-certificates', '10 16 * * *', () => {
	require(`${__hooks}/lib/issuance.js`).runLapse($app);
});

onBootstrap((e) => {
	e.next();
	// A fresh data dir has no tables until the migrations run (after bootstrap).
	if (!e.app.hasTable('certificates')) return;
	try {
		require(`${__hooks}/lib/issuance.js`).runLapse(e.app);
	} catch (err) {
		e.app.logger().error('启动时检查证书失效出错', 'error', String(err));
	}
});

// Lets reviewers (and tests) run a job now instead of waiting for the schedule.
routerAdd(
	'POST',
	'/api/anguan/jobs/{job}',
	(e) => {
		const jobs = require(`${__hooks}/lib/issuance.js`);
		const job = e.request.pathValue('job');
		if (job === 'issue') return e.json(200, jobs.runIssuance(e.app));
		if (job === 'lapse') return e.json(200, jobs.runLapse(e.app));
		throw new NotFoundError('没有这个任务', {});
	},
	$apis.requireSuperuserAuth()
);
