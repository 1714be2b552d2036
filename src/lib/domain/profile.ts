/**
 * 个人信息: what an applicant changes on their own record without review —
 * the phone number. Everything else goes through a 变更申请.
 */
import { ENTERPRISE_MESSAGES, isPhoneNumber } from './enterprise';
import * as z from 'zod/mini';
import { normalizePhone } from './phone';
import { cached, messagesByField, rule, text } from './rules';

export const PROFILE_MESSAGES = {
	phone: ENTERPRISE_MESSAGES.phone
} as const;

export interface ProfileInput {
	phone?: string;
}

export const profileSchema = cached(() => {
	const M = PROFILE_MESSAGES;
	return z.object({
		phone: z.optional(
			text(
				M.phone,
				rule((v) => (v && !isPhoneNumber(normalizePhone(v)) ? M.phone : null))
			)
		)
	});
});

/** field → Chinese message; empty when the change may be saved. */
export function validateProfile(input: ProfileInput): Record<string, string> {
	return messagesByField(profileSchema(), input);
}
