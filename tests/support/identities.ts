/** Synthetic, checksum-valid identities for test accounts (never real people's). */
import { makeCreditCode, makeIdNumber, USCC_ALPHABET } from '../../src/lib/domain';

let counter = 0;
const rand = (n: number) => Math.floor(Math.random() * n);

/** The password test accounts get when they skip the forced change. */
export const STRONG_PASSWORD = 'Anguan2026pass';

/** An ID number no other account of the run uses (a counter in the sequence digits). */
export function uniqueIdNumber(): string {
	counter++;
	const year = 1960 + rand(40);
	const birth = `${year}${String(1 + rand(12)).padStart(2, '0')}${String(1 + rand(28)).padStart(2, '0')}`;
	return makeIdNumber('530102', birth, (counter * 37 + rand(1000)) % 1000);
}

export function uniqueCreditCode(): string {
	let body = '91530100';
	for (let i = 0; i < 9; i++) body += USCC_ALPHABET[rand(USCC_ALPHABET.length)];
	return makeCreditCode(body);
}
