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

/** A check whose message depends on what is wrong (a checksum, a file's name): the message, or null when fine. */
export function rule<T>(check: (value: T) => string | null | undefined): z.core.$ZodCheck<T> {
	return z.superRefine<T>((value, ctx) => {
		const message = check(value);
		if (message) ctx.addIssue({ code: 'custom', message, input: value });
	});
}

/** Text as typed: trimmed before any check, a Chinese message when it is not text at all. */
export function text(notText: string, ...checks: z.core.$ZodCheck<string>[]) {
	return z.string(notText).check(z.trim(), ...checks);
}
