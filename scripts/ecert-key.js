// The e-certificate's SM2 signing key, as PocketBase reads it from its
// environment (server/ecert_sign.go). A real deployment configures
// ECERT_KEY_FILE itself; `npm start` and the tests fall back to a demo key
// generated on this machine and kept in the data dir (never in pb_public/).
//
//   node scripts/ecert-key.js new /etc/anguan/ecert-key.pem
//     writes a new private key (mode 600) and prints its public key entry
//     {"kid", "publicKey"} for src/lib/ecert/keys.json.
//   node scripts/ecert-key.js public /etc/anguan/ecert-key.pem
//     prints that entry for an existing key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Writes a new SM2 private key (PKCS#8 PEM, readable by its owner only) to `file`. */
export function writeNewKey(file) {
	const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
}

/**
 * The public half as the server publishes it: uncompressed point 04‖X‖Y in hex,
 * and the default key id — the first 8 hex digits of its SM3 hash.
 */
export function publicKeyEntry(file) {
	const spki = createPublicKey(createPrivateKey(readFileSync(file))).export({ type: 'spki', format: 'der' });
	const point = spki.subarray(spki.length - 65);
	return { kid: createHash('sm3').update(point).digest('hex').slice(0, 8), publicKey: point.toString('hex') };
}

/**
 * The environment to pass to PocketBase: the configured key, or else a demo
 * key in `dataDir` (made on first use). `note` is a line to print, '' when
 * a key is configured.
 */
export function ecertKeyEnv(dataDir, env = process.env) {
	if (env.ECERT_KEY_FILE) return { env: {}, note: '' };
	const file = join(resolve(dataDir), 'ecert-demo-key.pem');
	const made = !existsSync(file);
	if (made) writeNewKey(file);
	return {
		env: { ECERT_KEY_FILE: file },
		note: `电子证书签名：未配置 ECERT_KEY_FILE，${made ? '已生成' : '使用'}本机演示密钥 ${file}（仅供演示，正式部署见 README「电子证书」）`
	};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [cmd, file] = process.argv.slice(2);
	if (!['new', 'public'].includes(cmd) || !file) {
		console.error('用法: node scripts/ecert-key.js new <私钥文件.pem> | public <私钥文件.pem>');
		process.exit(2);
	}
	if (cmd === 'new') {
		if (existsSync(file)) {
			console.error(`${file} 已存在，不会覆盖`);
			process.exit(1);
		}
		writeNewKey(file);
	}
	console.log(JSON.stringify(publicKeyEntry(file)));
}
