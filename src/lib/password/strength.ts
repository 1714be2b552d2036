/**
 * The new-password rule with its estimator: the domain's length and
 * strength rules, scored by zxcvbn-ts with its common dictionaries. The app
 * loads this lazily (the dictionaries are large); scripts/build-hooks-lib.js
 * bundles it for the hooks as pb_hooks/lib/password.js, so the server
 * refuses exactly what the form refuses.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { newPasswordError } from '../domain/account';
import { passwordStrengthError, type PasswordOwner } from '../domain/password-strength';

let factory: ZxcvbnFactory | undefined;

function score(password: string, words: string[]): number {
	factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
	return factory.check(password, words).score;
}

/** Chinese message for an unacceptable new password, else null. */
export function passwordError(password: string, owner: PasswordOwner): string | null {
	return newPasswordError(password, owner.identity) ?? passwordStrengthError(password, owner, score);
}
