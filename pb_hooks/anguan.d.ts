// What server/ecert_sign.go adds to every hook VM (jsvm OnInit), for the
// hooks' type check (npm run check:hooks). PocketBase's own declarations are
// generated into types.d.ts beside this file by scripts/hook-types.js.

/** SM2 signing with the configured e-certificate key. */
declare const $sm2: {
	/** id of the signing key ('' when none is configured) */
	keyId(): string;
	/** r‖s signature (hex) of the UTF-8 text, with SM3 over Z‖M as GB/T 32918 prescribes */
	sign(text: string): string;
	/** every accepted public key, the signing key first */
	publicKeys(): { kid: string; publicKey: string }[];
	/** why signing is unavailable ('' when it is) */
	error(): string;
};
