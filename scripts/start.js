// npm start: the demo — builds what is missing, then serves the whole app on
// one port (PocketBase: API, migrations, hooks, admin UI, and the built PWA),
// creates a reviewer only if there is none, seeds only an empty database, and
// prints what it did.
// npm run start:production: the same server for real use — never seeds,
// never creates or resets an account, and PocketBase refuses to start while a
// reviewer has a published default password (pb_hooks/lib/setup.js).
import { spawn, spawnSync } from 'node:child_process';
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PocketBase from 'pocketbase';
import { ensurePocketBase } from './build-server.js';
import { ecertKeyEnv } from './ecert-key.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const PRODUCTION = process.argv.includes('--production') || process.env.ANGUAN_ENV === 'production';
const HOST = process.env.HOST || '127.0.0.1';
const PORT = process.env.PORT || '8090';
const DATA_DIR = resolve(root, process.env.DATA_DIR || 'pb_data');
const REVIEWER_EMAIL = process.env.REVIEWER_EMAIL || 'reviewer@anguan.local';
const REVIEWER_PASSWORD = process.env.REVIEWER_PASSWORD || 'Reviewer2026';
// PocketBase keeps 15 JS VMs warm; past that every hook call builds a fresh
// one, which doubles the CPU per submission in a deadline rush.
const HOOKS_POOL = process.env.HOOKS_POOL || '64';
// A thumbnail decodes the whole image: ~430 MB for a 50-megapixel scan (npm run bench:scans).
// PocketBase allows CPU count + 2 at once; two keep a burst of large scans within about 1 GB.
const THUMBS_MAX_WORKERS = process.env.PB_THUMBS_MAX_WORKERS || '2';
const local = `http://${HOST === '0.0.0.0' ? '127.0.0.1' : HOST}:${PORT}`;

const bin = ensurePocketBase();
if (!process.env.SKIP_BUILD) {
	console.log('Building the app (vite build → pb_public/)…');
	const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = {
	...process.env,
	PB_THUMBS_MAX_WORKERS: THUMBS_MAX_WORKERS,
	ANGUAN_ENV: PRODUCTION ? 'production' : 'demo',
	// The demo's reviewer (created by the server only when no reviewer exists) and its links' address.
	...(PRODUCTION ? {} : { REVIEWER_EMAIL, REVIEWER_PASSWORD, APP_URL: process.env.APP_URL || local })
};
const flags = [
	`--dir=${DATA_DIR}`,
	`--hooksDir=${join(root, 'pb_hooks')}`,
	`--migrationsDir=${join(root, 'pb_migrations')}`,
	`--publicDir=${join(root, 'pb_public')}`
];
// The e-certificate signing key: production must configure ECERT_KEY_FILE (the server refuses to start
// without one); the demo makes a key of its own in the data dir and says so.
const ecertKey = PRODUCTION ? { env: {}, note: '' } : ecertKeyEnv(DATA_DIR);
const server = spawn(bin, [...flags, `--hooksPool=${HOOKS_POOL}`, 'serve', `--http=${HOST}:${PORT}`], {
	env: { ...env, ...ecertKey.env },
	stdio: ['ignore', 'pipe', 'inherit']
});
server.stdout.on('data', (d) => process.env.PB_VERBOSE && process.stdout.write(d));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));

for (let i = 0; ; i++) {
	try {
		if ((await fetch(`${local}/api/health`)).ok) break;
	} catch {
		if (i > 300) throw new Error('PocketBase did not start');
	}
	await new Promise((r) => setTimeout(r, 100));
}

if (PRODUCTION) {
	console.log(
		`\n安管证照 is running (production).\n\n  应用 (PWA):        ${local}/\n  审核后台 (admin):  ${local}/_/\n  数据目录:          ${DATA_DIR}\n\nCtrl+C stops the server.`
	);
} else {
	await demo();
}

/** Seeds an empty database as the demo reviewer and prints the logins. */
async function demo() {
	const { demoLogins, seedIfEmpty } = await import('./seed.js');
	const pb = new PocketBase(local);
	pb.autoCancellation(false);
	let reviewerLine;
	let seedLine;
	try {
		await pb.collection('_superusers').authWithPassword(REVIEWER_EMAIL, REVIEWER_PASSWORD);
		reviewerLine = `${REVIEWER_EMAIL} / ${REVIEWER_PASSWORD}`;
		const { seeded } = await seedIfEmpty(pb);
		seedLine = seeded ? '已导入演示数据（合成的人员和企业）。' : '数据库中已有数据：未重新导入演示数据，也未修改任何密码。';
	} catch (err) {
		if (err?.status !== 400) {
			console.error('Seeding the demo data failed:', err?.response ?? err);
			server.kill();
			process.exit(1);
		}
		reviewerLine = '（审核人员账号已存在，请用您设置的密码登录）';
		seedLine = '审核人员已修改密码：未检查也未导入演示数据。';
	}
	const width = (s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
	const pad = (s, n) => s + ' '.repeat(Math.max(0, n - width(s)));
	console.log(`
安管证照 is running (demo).
${ecertKey.note ? `\n${ecertKey.note}\n` : ''}
  应用 (PWA):        ${local}/
  审核后台 (admin):  ${local}/_/      ${reviewerLine}
  数据目录:          ${DATA_DIR}

${seedLine}
演示账号（默认密码为证件号后六位，首次登录须修改密码；已修改的以新密码为准）:
${demoLogins()
	.map((l) => `  ${pad(l.kind, 6)}${pad(l.name, 30)}${l.identity}  密码 ${l.password}   ${l.note}`)
	.join('\n')}

Ctrl+C stops the server. For real use: npm run start:production (see README).`);
}
