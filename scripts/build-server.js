// Builds the PocketBase binary from server/ (Go module, version pinned in
// server/go.mod) into .pb/pocketbase — once, and again only when server/
// changes. POCKETBASE_BIN may point at an upstream binary of the same version.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverDir = join(root, 'server');
const bin = join(root, '.pb/pocketbase');
const stampFile = join(root, '.pb/stamp');

export function pinnedVersion() {
	const mod = readFileSync(join(serverDir, 'go.mod'), 'utf8');
	return /github\.com\/pocketbase\/pocketbase v(\S+)/.exec(mod)[1];
}

/** A hash of every file of the Go module, so any change to server/ rebuilds. */
function stamp() {
	const h = createHash('sha256');
	// Every file of the module counts (Go sources, go.mod/go.sum), but not its tests.
	const files = readdirSync(serverDir, { recursive: true, withFileTypes: true })
		.filter((f) => f.isFile() && !f.name.endsWith('_test.go'))
		.map((f) => relative(serverDir, join(f.parentPath ?? f.path, f.name)))
		.sort();
	for (const f of files)
		h.update(f)
			.update('\0')
			.update(readFileSync(join(serverDir, f)));
	return h.digest('hex');
}

export function ensurePocketBase({ quiet = false } = {}) {
	if (process.env.POCKETBASE_BIN) return process.env.POCKETBASE_BIN;
	const want = stamp();
	if (existsSync(bin) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) return bin;

	const version = pinnedVersion();
	if (!quiet) console.log(`Building PocketBase v${version} from server/ (first run takes a few minutes)…`);
	const go = spawnSync('go', ['version'], { encoding: 'utf8' });
	if (go.status !== 0) throw new Error('Go is not installed: install Go, or set POCKETBASE_BIN to a PocketBase v' + version + ' binary.');
	mkdirSync(join(root, '.pb'), { recursive: true });
	const res = spawnSync(
		'go',
		['build', '-trimpath', '-ldflags', `-s -w -X github.com/pocketbase/pocketbase.Version=${version}`, '-o', bin, '.'],
		// The module asks for a newer Go than some machines have: let the go
		// command fetch that toolchain through the module proxy.
		{ cwd: serverDir, stdio: 'inherit', env: { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN || 'auto', CGO_ENABLED: '0' } }
	);
	if (res.status !== 0) throw new Error('go build of PocketBase failed');
	writeFileSync(stampFile, want);
	return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensurePocketBase());
