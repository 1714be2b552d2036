/**
 * The 变更 / 延续 form's schema: zod over the domain's validateApplication,
 * so the form reports exactly the messages the server would answer with.
 */
import { z } from 'zod';
import { ATTACHMENT_FIELDS, validateApplication, type ApplicationInput, type AttachmentField } from '$lib/domain';

/** A picked file, or a file already stored on the server (resubmission) known by name. */
const attachment = z.object({ name: z.string(), size: z.number().optional(), type: z.string().optional() });

export const applicationSchema = z
	.object({
		kind: z.string(),
		category: z.string(),
		idNumber: z.string(),
		name: z.string(),
		title: z.string(),
		position: z.string(),
		enterprise: z.string(),
		files: z.partialRecord(z.enum(ATTACHMENT_FIELDS), z.array(attachment)),
		validUntil: z.string().optional()
	})
	.superRefine((input, ctx) => {
		for (const [field, message] of Object.entries(validateApplication(input as ApplicationInput)))
			ctx.addIssue({ code: 'custom', path: [field], message });
	});

export type ApplicationFormInput = z.input<typeof applicationSchema>;

/** field → message, empty when the application may be sent. */
export function applicationErrors(input: ApplicationFormInput): Record<string, string> {
	const result = applicationSchema.safeParse(input);
	if (result.success) return {};
	const errors: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return errors;
}

export type AttachmentFiles = Partial<Record<AttachmentField, File[]>>;
