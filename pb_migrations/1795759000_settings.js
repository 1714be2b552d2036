/// <reference path="../pb_hooks/types.d.ts" />
// App settings: name, batch API (offline submissions go in one transaction),
// rate limits (login strict) and trusted sizes.
migrate(
	(app) => {
		const s = app.settings();
		s.meta.appName = '安管人员考核管理系统';
		s.meta.hideControls = true; // reviewers must not change the schema from the admin UI
		s.batch.enabled = true;
		s.batch.maxRequests = 50;
		s.batch.timeout = 10;
		s.batch.maxBodySize = 128 << 20;
		s.rateLimits.enabled = true;
		s.rateLimits.rules = [
			// Password guessing: 10 attempts a minute per IP (a 网吧 shares one IP).
			{ label: '*:auth', audience: '', maxRequests: 10, duration: 60 },
			{ label: '*:requestPasswordReset', audience: '', maxRequests: 3, duration: 60 },
			{ label: '*:create', audience: '', maxRequests: 60, duration: 10 },
			{ label: '/api/batch', audience: '', maxRequests: 20, duration: 10 },
			{ label: '/api/', audience: '', maxRequests: 600, duration: 10 }
		];
		s.logs.maxDays = 30;
		app.save(s);
	},
	(app) => {
		const s = app.settings();
		s.batch.enabled = false;
		s.rateLimits.enabled = false;
		app.save(s);
	}
);
