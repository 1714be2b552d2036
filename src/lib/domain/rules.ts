/**
 * The language of the input rules: zod/mini schemas, each check written
 * beside its Chinese message. The forms run them as people type; the hooks
 * run the very same schemas inside PocketBase's JS VM (bundled into
 * pb_hooks/lib/domain.js), so one schema checks both sides.
 *
 * Schemas are built inside functions, never at module level: a page that
 * checks nothing loads no zod, and a rule may depend on the case in hand
 * (the certificate's category, which sections an enterprise changes).
 */
import * as z from 'zod/mini';
import { textHygieneError } from './text-hygiene';

/**
 * field → the first message about it, fields in the order of the schema
 * (the hooks answer with the first one as the headline).
 */
export function messagesByField(schema: z.ZodMiniType, input: unknown): Record<string, string> {
	const result = z.safeParse(schema, input);
	const out: Record<string, string> = {};
	if (result.success) return out;
	for (const issue of result.error.issues) {
		const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
		out[field] ??= issue.message;
	}
	return out;
}

/** The first message about the input, or null when the schema accepts it. */
export function firstMessage(schema: z.ZodMiniType, input: unknown): string | null {
	const result = z.safeParse(schema, input);
	return result.success ? null : (result.error.issues[0]?.message ?? null);
}

/** A check whose message depends on what is wrong (a checksum, a file's name): the message, or null when fine. */
export function rule<T>(check: (value: T) => string | null | undefined): z.core.$ZodCheck<T> {
	return z.superRefine<T>((value, ctx) => {
		const message = check(value);
		if (message) ctx.addIssue({ code: 'custom', message, input: value });
	});
}

/**
 * Text as typed: no invisible control characters (checked before trimming,
 * which would hide those at the ends), then trimmed before any other check;
 * a Chinese message when it is not text at all.
 */
export function text(notText: string, ...checks: z.core.$ZodCheck<string>[]) {
	return z.string(notText).check(rule(textHygieneError), z.trim(), ...checks);
}

/**
 * A schema factory that builds each case once: building a zod schema costs
 * far more than running it (in PocketBase's JS VM about 25 ms for the
 * application's, against well under one to parse), and the cases are few.
 */
// Calling it has no effect until the schema is used: the annotation lets the bundler drop a
// schema (and zod with it) from pages that import the domain but check nothing.
/*#__NO_SIDE_EFFECTS__*/
export function cached<A extends (string | number | boolean)[], S>(make: (...args: A) => S): (...args: A) => S {
	const made = new Map<string, S>();
	return (...args: A) => {
		const key = args.join('\u0000');
		let schema = made.get(key);
		if (!schema) {
			// A new day is a new case for date rules: forget the old days rather than grow.
			if (made.size > 64) made.clear();
			schema = make(...args);
			made.set(key, schema);
		}
		return schema;
	};
}
