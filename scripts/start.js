// npm start: builds what is missing, then serves the whole app on one port —
// PocketBase (API, migrations, hooks, admin UI) and the built PWA.
import { spawn, spawnSync } from 'node:child_process';
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePocketBase } from './build-server.js';
import { seedAt } from './seed.js';
import { ecertKeyEnv } from './ecert-key.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const HOST = process.env.HOST || '127.0.0.1';
const PORT = process.env.PORT || '8090';
const DATA_DIR = resolve(root, process.env.DATA_DIR || 'pb_data');
const REVIEWER_EMAIL = process.env.REVIEWER_EMAIL || 'reviewer@anguan.local';
const REVIEWER_PASSWORD = process.env.REVIEWER_PASSWORD || 'Reviewer2026';
// PocketBase keeps 15 JS VMs warm; past that every hook call builds a fresh
// one, which doubles the CPU per submission in a deadline rush.
const HOOKS_POOL = process.env.HOOKS_POOL || '64';

const bin = ensurePocketBase();
if (!process.env.SKIP_BUILD) {
	console.log('Building the app (vite build → pb_public/)…');
	const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const flags = [`--dir=${DATA_DIR}`, `--hooksDir=${join(root, 'pb_hooks')}`, `--migrationsDir=${join(root, 'pb_migrations')}`, `--publicDir=${join(root, 'pb_public')}`];
const up = spawnSync(bin, [...flags, 'superuser', 'upsert', REVIEWER_EMAIL, REVIEWER_PASSWORD], { encoding: 'utf8' });
if (up.status !== 0) {
	console.error(up.stderr || up.stdout);
	process.exit(1);
}

const ecertKey = ecertKeyEnv(DATA_DIR);
if (ecertKey.note) console.log(ecertKey.note);
const server = spawn(bin, [...flags, `--hooksPool=${HOOKS_POOL}`, 'serve', `--http=${HOST}:${PORT}`], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...ecertKey.env } });
server.stdout.on('data', (d) => process.env.PB_VERBOSE && process.stdout.write(d));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));

const local = `http://${HOST === '0.0.0.0' ? '127.0.0.1' : HOST}:${PORT}`;
for (let i = 0; ; i++) {
	try {
		if ((await fetch(`${local}/api/health`)).ok) break;
	} catch {
		if (i > 300) throw new Error('PocketBase did not start');
	}
	await new Promise((r) => setTimeout(r, 100));
}

let logins;
try {
	logins = await seedAt(local, REVIEWER_EMAIL, REVIEWER_PASSWORD);
} catch (err) {
	console.error('Seeding the demo data failed:', err?.response ?? err);
	server.kill();
	process.exit(1);
}
const pad = (s, n) => s + ' '.repeat(Math.max(0, n - [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
console.log(`
安管证照 is running.

  应用 (PWA):        ${local}/
  审核后台 (admin):  ${local}/_/      ${REVIEWER_EMAIL} / ${REVIEWER_PASSWORD}
  数据目录:          ${DATA_DIR}

演示账号（默认密码为证件号后六位，首次登录须修改密码；已修改的以新密码为准）:
${logins.map((l) => `  ${pad(l.kind, 6)}${pad(l.name, 30)}${l.identity}  密码 ${l.password}   ${l.note}`).join('\n')}

Ctrl+C stops the server.`);
