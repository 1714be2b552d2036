// Logins of every kind of account, one path: each attempt is a login_audit
// row (who, when, IP, result), and the rows are what the per-account lockout
// counts — LOGIN_LOCK_AFTER wrong passwords within LOGIN_LOCK_MINUTES (5 and
// 15 by default) and the account waits until the oldest of them is that old.
//
// The row is written before the password is checked, and an attempt counts
// only the failures committed before its own row: concurrent guesses from
// many addresses are serialised by SQLite's single writer, so no more than
// LOGIN_LOCK_AFTER of them are ever checked. The count is by the identity
// typed, so an unknown account locks exactly like a real one and the answers
// (and their timing) do not tell them apart.

const RESULTS = { ok: '成功', wrong: '密码错误', locked: '已锁定', mfa: '待验证码' };

function positiveEnv(name, fallback) {
	const n = Number($os.getenv(name));
	return isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
}

function policy() {
	return { after: positiveEnv('LOGIN_LOCK_AFTER', 5), minutes: positiveEnv('LOGIN_LOCK_MINUTES', 15) };
}

/** PocketBase's datetime text ("2026-11-27 06:00:00.000Z"), which sorts as time does. */
function pbDate(ms) {
	return new Date(ms).toISOString().replace('T', ' ');
}

function msOf(pbText) {
	return Date.parse(pbText.replace(' ', 'T'));
}

/**
 * Writes the attempt's row and decides whether it may try the password.
 * who: { accountType, identity, accountId, label }. Returns the attempt; when
 * the account is locked the row says so and a Chinese answer is thrown.
 */
function open(e, who) {
	const p = policy();
	const row = record(e, who, RESULTS.wrong);

	const at = row.getString('created');
	const failures = recentFailures(e.app, row, at, p);
	const attempt = { row: row, failures: failures.length, policy: p };
	if (failures.length >= p.after) {
		// Locked until the oldest of the last `after` failures leaves the window.
		const until = msOf(failures[p.after - 1]) + p.minutes * 60000;
		settle(e.app, attempt, RESULTS.locked);
		const minutes = Math.max(1, Math.ceil((until - msOf(at)) / 60000));
		throw new BadRequestError(lockedMessage(minutes), { identity: new ValidationError('account_locked', lockedMessage(minutes)) });
	}
	return attempt;
}

/**
 * Times of the wrong passwords before this row, newest first, back to the
 * last success or the window's start. "Before" is by rowid: SQLite's single
 * writer hands them out in commit order, whereas two requests' `created`
 * times can be taken in one order and committed in the other.
 */
function recentFailures(app, row, at, p) {
	const rows = arrayOf(new DynamicModel({ result: '', created: '' }));
	app
		.db()
		.newQuery(
			'SELECT result, created FROM login_audit WHERE identity = {:identity} AND created > {:since} ' +
				'AND rowid < (SELECT rowid FROM login_audit WHERE id = {:self}) ORDER BY rowid DESC LIMIT 200'
		)
		.bind({ identity: row.getString('identity'), since: pbDate(msOf(at) - p.minutes * 60000), self: row.id })
		.all(rows);
	const times = [];
	for (const r of rows) {
		if (r.result === RESULTS.ok || r.result === RESULTS.mfa) break;
		if (r.result === RESULTS.wrong) times.push(r.created);
	}
	return times;
}

function settle(app, attempt, result) {
	attempt.row.set('result', result);
	app.save(attempt.row);
}

/** A wrong password: the row stays a failure; the answer says how many tries are left, or that the account is now locked. */
function refuse(attempt, wrongMessage) {
	const p = attempt.policy;
	const left = p.after - attempt.failures - 1;
	let message = wrongMessage;
	if (left <= 0) message += `；连续 ${p.after} 次错误，账号已锁定，请 ${p.minutes} 分钟后再试`;
	else if (left <= 2) message += `；再错 ${left} 次账号将锁定 ${p.minutes} 分钟`;
	throw new BadRequestError(message, {});
}

function lockedMessage(minutes) {
	return `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`;
}

/** Writes one audit row; also used alone for a step that is not a password check (the reviewers' e-mailed code). */
function record(e, who, result) {
	// Whatever was typed or sent is kept readable: invisible characters would make the row unsaveable (hygiene.pb.js).
	const clean = (text, max) =>
		require(`${__hooks}/lib/domain.js`)
			.stripInvisibleCharacters(String(text || ''))
			.slice(0, max);
	const row = new Record(e.app.findCachedCollectionByNameOrId('login_audit'));
	row.set('who', clean(who.label, 120));
	row.set('accountType', who.accountType);
	row.set('identity', clean(who.identity, 200));
	row.set('accountId', who.accountId || '');
	row.set('result', result);
	row.set('ip', e.realIP());
	row.set('userAgent', clean(e.requestInfo().headers['user_agent'], 300));
	e.app.save(row);
	return row;
}

module.exports = { RESULTS, open, settle, refuse, record, lockedMessage };
