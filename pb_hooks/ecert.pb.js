/// <reference path="types.d.ts" />
// The e-certificate: every write of an issued certificate keeps its SM2
// signature true (lib/ecert.js); public keys and the live status are public,
// the status endpoint rate-limited (settings migration 1795759300_ecert.js).

onModelCreateExecute((e) => {
	require(`${__hooks}/lib/ecert.js`).signOnWrite(e);
}, 'certificates');

onModelUpdateExecute((e) => {
	require(`${__hooks}/lib/ecert.js`).signOnWrite(e);
}, 'certificates');

// The public keys that verify e-certificates, current signing key first. The
// verify page has them built in and also keeps what it fetched here for offline use.
routerAdd('GET', '/api/anguan/ecert/keys', (e) => {
	const keys = typeof $sm2 === 'undefined' ? [] : $sm2.publicKeys();
	return e.json(200, { keys: keys });
});

// Live status by 证书编号 + 核验码: 有效 / 已更新 / 失效 / 注销 / 查无此证 and the
// last valid day — nothing about the holder.
routerAdd('GET', '/api/anguan/verify', (e) => {
	const q = e.request.url.query();
	return e.json(200, require(`${__hooks}/lib/ecert.js`).liveStatus(e.app, q.get('no'), q.get('code')));
});
