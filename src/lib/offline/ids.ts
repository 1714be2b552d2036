/**
 * Record ids made on the device. PocketBase accepts a client-chosen id on
 * create (exactly 15 chars [a-z0-9]); deciding it before the first attempt is
 * what makes every retry of an offline submission idempotent.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const RECORD_ID_PATTERN = /^[a-z0-9]{15}$/;

export function newRecordId(): string {
	// 36 does not divide 256: reject the top bytes so every character is equally likely.
	const limit = 256 - (256 % ALPHABET.length);
	let id = '';
	while (id.length < 15) {
		const bytes = crypto.getRandomValues(new Uint8Array(24));
		for (const b of bytes) {
			if (b < limit && id.length < 15) id += ALPHABET[b % ALPHABET.length];
		}
	}
	return id;
}
