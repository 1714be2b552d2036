/**
 * 变更 / 延续 applications (个人端 steps 4–6 of the seed): which values and
 * attachments an application needs, and the Chinese message for each field
 * that is wrong. The form shows these messages as the applicant types; the
 * hooks (pb_hooks/applications.pb.js) refuse a request with the same ones.
 */
import type { Category } from './certificate';
import { checkIdNumber, ID_NUMBER_MESSAGES, normalizeIdNumber } from './id-number';
import { renewalError } from './renewal';
import { rejectionText, REVIEW_MESSAGES, type ReviewStatus } from './review';
import * as z from 'zod/mini';
import { cached, firstMessage, messagesByField, rule, text } from './rules';
import { chinaDay } from './dates';
import { NAME_MAX_LENGTH, personNameError } from './person-name';

export const APPLICATION_KINDS = ['变更', '延续'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export function isApplicationKind(value: unknown): value is ApplicationKind {
	return typeof value === 'string' && (APPLICATION_KINDS as readonly string[]).includes(value);
}

/** Requested values, in the seed's order (steps 1–4). */
export const APPLICATION_VALUE_FIELDS = ['idNumber', 'name', 'title', 'position', 'enterprise'] as const;
export type ApplicationValueField = (typeof APPLICATION_VALUE_FIELDS)[number];

export const ATTACHMENT_FIELDS = ['idCardBack', 'idCardFront', 'pledge', 'applicationForm', 'builderCert', 'socialInsurance'] as const;
export type AttachmentField = (typeof ATTACHMENT_FIELDS)[number];

/** Everything the applicant provides; the hooks refuse changes to these while the application is under review. */
export const APPLICATION_CONTENT_FIELDS = [...APPLICATION_VALUE_FIELDS, ...ATTACHMENT_FIELDS, 'photo', 'photoCheck'] as const;

/** Fields a message can be attached to (plus `certificate` and `kind` for whole-application problems). */
export type ApplicationField = ApplicationValueField | AttachmentField | 'kind' | 'certificate';
export type ApplicationErrors = Partial<Record<ApplicationField, string>>;

/**
 * How the form names a requested value: the seed's 变更后… for a change; for a
 * renewal the applicant confirms what the renewed certificate will say.
 */
const VALUE_PREFIX: Record<ApplicationKind, string> = { 变更: '变更后', 延续: '延续证书上的' };
const VALUE_NAMES: Record<ApplicationValueField, string> = {
	idNumber: '身份证号',
	name: '姓名',
	title: '技术职称',
	position: '职位',
	enterprise: '工作单位'
};

/** Visible labels of the requested values, e.g. 变更后姓名 / 延续证书上的姓名. */
export function applicationValueLabels(kind: ApplicationKind): Record<ApplicationValueField, string> {
	const labels = {} as Record<ApplicationValueField, string>;
	for (const f of APPLICATION_VALUE_FIELDS) labels[f] = VALUE_PREFIX[kind] + VALUE_NAMES[f];
	return labels;
}

/** Visible labels of a change application, in the seed's wording. */
export const APPLICATION_LABELS: Record<ApplicationValueField | AttachmentField, string> = {
	...applicationValueLabels('变更'),
	idCardBack: '身份证国徽面扫描件',
	idCardFront: '身份证姓名面扫描件',
	pledge: '承诺书',
	applicationForm: '申请表',
	builderCert: '建造师执业证书',
	socialInsurance: '劳动合同和社保附件'
};

export interface AttachmentSpec {
	field: AttachmentField;
	label: string;
	/** The seed's instruction beside the upload button. */
	hint: string;
	maxFiles: number;
}

/** maxFiles matches the file fields' maxSelect in pb_migrations. */
export const ATTACHMENT_SPECS: readonly AttachmentSpec[] = [
	{ field: 'idCardBack', label: '身份证国徽面扫描件', hint: '上传身份证国徽面扫描件', maxFiles: 1 },
	{ field: 'idCardFront', label: '身份证姓名面扫描件', hint: '上传身份证姓名面扫描件', maxFiles: 1 },
	{ field: 'pledge', label: '承诺书', hint: '下载承诺书模板，填写后上传照片或扫描件', maxFiles: 5 },
	{
		field: 'applicationForm',
		label: '申请表',
		hint: '由于是第一次纸质证书换证工作，此处上传原纸质证书扫描件（照片页和所有签章页）',
		maxFiles: 20
	},
	{ field: 'builderCert', label: '建造师执业证书', hint: 'B证还需上传建造师执业证书（带二维码可验证）', maxFiles: 5 },
	{
		field: 'socialInsurance',
		label: '劳动合同和社保附件',
		hint: '上传通过社保系统个人端或企业端出具的社保证明（带二维码方便核验）',
		maxFiles: 10
	}
];

/** A renewal asks for the certificate being renewed, not the seed's one-off paper-to-electronic conversion. */
const RENEWAL_HINTS: Partial<Record<AttachmentField, string>> = {
	pledge: '下载延续证书承诺书模板，填写后上传照片或扫描件',
	applicationForm: '上传要延续的证书：纸质证书的照片页和所有签章页扫描件，或电子证书',
	socialInsurance: '上传近期社保证明（社保系统个人端或企业端出具，带二维码方便核验），工作单位须与社保一致'
};

/** The attachments of an application of this kind, with that kind's instructions. */
export function attachmentSpecs(kind: ApplicationKind): AttachmentSpec[] {
	return ATTACHMENT_SPECS.map((s) => (kind === '延续' && RENEWAL_HINTS[s.field] ? { ...s, hint: RENEWAL_HINTS[s.field]! } : s));
}

/** The 承诺书 template link's words (the template itself covers both kinds). */
export function pledgeTemplateLabel(kind: ApplicationKind): string {
	return `下载${kind}证书承诺书（模板）`;
}

export function attachmentSpec(field: AttachmentField): AttachmentSpec {
	return ATTACHMENT_SPECS.find((s) => s.field === field)!;
}

/** jpg, png or pdf: what a phone camera, a scanner or the 社保 system produces. */
export const ATTACHMENT_EXTENSIONS = ['jpg', 'jpeg', 'png', 'pdf'] as const;
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
/** Below this a "scan" is likely a thumbnail nobody can read: the form warns, but a small clear PDF is possible, so it is not refused. */
export const ATTACHMENT_SMALL_BYTES = 10 * 1024;
/** The file fields' maxSize in pb_migrations. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The seed: "B证还需上传建造师执业证书" — only 项目负责人 hold a 建造师 certificate. */
export const BUILDER_CERT_CATEGORIES: readonly string[] = ['B'];

/** Attachments an application of this kind and certificate category cannot go without. */
export function requiredAttachments(kind: ApplicationKind, category: Category | string): AttachmentField[] {
	// Both kinds re-check identity, employment and the paper certificate.
	void kind;
	const fields: AttachmentField[] = ['idCardBack', 'idCardFront', 'pledge', 'applicationForm', 'socialInsurance'];
	if (BUILDER_CERT_CATEGORIES.includes(category)) fields.push('builderCert');
	return fields;
}

/** The uploads the form offers for this kind and category, with the kind's instructions. */
export function attachmentSpecsFor(kind: ApplicationKind, category: Category | string): AttachmentSpec[] {
	return attachmentSpecs(kind).filter((s) => s.field !== 'builderCert' || BUILDER_CERT_CATEGORIES.includes(category));
}

/** What the file picker offers: the types the rules accept. */
export const ATTACHMENT_ACCEPT = [...ATTACHMENT_EXTENSIONS.map((e) => `.${e}`), ...ATTACHMENT_MIME_TYPES].join(',');

/** A stored file is known by name only; a new one also by size (and type in the browser). */
export interface AttachmentFile {
	name: string;
	size?: number;
	type?: string;
}

function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function kb(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)}MB` : `${Math.round(bytes / 1024)}KB`;
}

/** The message when a required attachment is missing. */
function missingMessage(field: AttachmentField): string {
	return field === 'builderCert' ? 'B证须上传建造师执业证书（带二维码可验证）' : `请上传${attachmentSpec(field).label}`;
}

function typeOk(f: AttachmentFile): boolean {
	return f.type
		? (ATTACHMENT_MIME_TYPES as readonly string[]).includes(f.type)
		: (ATTACHMENT_EXTENSIONS as readonly string[]).includes(extensionOf(f.name));
}

/**
 * One list of scans (applications and enterprise requests alike): present
 * when `missing` says so, no more than maxFiles, each a jpg, png or pdf that
 * is neither empty nor over the size bound.
 */
export const scanListSchema = cached((label: string, maxFiles: number, missing: string) => {
	const file = z.object({ name: z.string(), size: z.optional(z.number()), type: z.optional(z.string()) }).check(
		rule((f) => (typeOk(f) ? null : `${label}只能上传 jpg、png 或 pdf 文件（“${f.name}”不是）`)),
		rule((f) => (f.size === 0 ? `“${f.name}”是空文件，请重新选择` : null)),
		rule((f) =>
			f.size !== undefined && f.size > ATTACHMENT_MAX_BYTES ? `“${f.name}”超过${kb(ATTACHMENT_MAX_BYTES)}，请压缩或分页后重新上传` : null
		)
	);
	return z.array(file).check(
		rule((files) => (missing && files.length === 0 ? missing : null)),
		rule((files) => (files.length > maxFiles ? `${label}最多上传 ${maxFiles} 个文件，当前 ${files.length} 个` : null))
	);
});

/** Chinese message for one attachment field, or null when it is acceptable. */
export function attachmentError(field: AttachmentField, files: readonly AttachmentFile[], required: boolean): string | null {
	const spec = attachmentSpec(field);
	return firstMessage(scanListSchema(spec.label, spec.maxFiles, required ? missingMessage(field) : ''), files);
}

/** Count, type and size of a list of scans, or null. */
export function scanFilesError(label: string, maxFiles: number, files: readonly AttachmentFile[]): string | null {
	return firstMessage(scanListSchema(label, maxFiles, ''), files);
}

export const TITLE_MAX_LENGTH = 50;
export const POSITION_MAX_LENGTH = 50;
/** What the seed asks people without a 技术职称 to enter. */
export const NO_TITLE = '无';

export const APPLICATION_MESSAGES = {
	kind: '申请类型应为“变更”或“延续”',
	/** At approval: the requested number is another account's, or another approved application's. */
	idNumberConflict: '该身份证号已被其他账号使用，或另一份已审核通过的申请正要使用它，不能审核通过；请核实后选择“审核不通过”并写明原因',
	/** Shown to the applicant when issuance needs a reviewer (no internal reason). */
	issuePending: '电子证书发放遇到问题，审核人员正在处理',
	nameEmpty: '请输入变更后的姓名',
	nameLength: `姓名应为 2–${NAME_MAX_LENGTH} 个字`,
	nameChars: '姓名只能包含汉字（少数民族姓名可用“·”分隔）或英文字母',
	titleEmpty: '请输入变更后技术职称；若无技术职称，此项内容填“无”',
	titleLength: `技术职称最多 ${TITLE_MAX_LENGTH} 个字`,
	positionEmpty: '请输入变更后的职位；没有职位填“无”',
	positionLength: `职位最多 ${POSITION_MAX_LENGTH} 个字`,
	enterpriseEmpty: '请选择变更后工作单位（需与社保一致）',
	enterpriseUnknown: '所选工作单位不存在，请重新选择',
	idNumberTaken: '该身份证号已被其他账号使用，请核对；如确属本人，请联系考核管理部门',
	notHolder: '只能为本人名下的证书提交申请',
	certificateInactive: '该证书已失效或注销，不能再提交变更或延续申请',
	alreadyOpen: '该证书已有一份申请在办理中，请在“我的证书”中查看进度，审核结束后再提交',
	byApplicantOnly: '申请须由申请人本人提交',
	immutable: '申请的证书和申请类型提交后不能修改，如需其他申请请重新提交',
	reviewerContent: '审核人员不能修改申请人提交的内容；如需补充，请审核不通过并写明原因',
	submittedLocked: REVIEW_MESSAGES.submittedLocked,
	decidedLocked: REVIEW_MESSAGES.decidedLocked
} as const;

export interface ApplicationInput {
	kind: string;
	/** Category of the certificate applied for. */
	category: Category | string;
	idNumber: string;
	name: string;
	title: string;
	position: string;
	/** Record id of the chosen enterprise. */
	enterprise: string;
	files: Partial<Record<AttachmentField, readonly AttachmentFile[]>>;
	/** Certificate's 有效期结束时间; given, a 延续 is checked against the D−1 deadline. */
	validUntil?: string;
	now?: Date;
}

/** Advice (not a refusal) for a file that is probably too small to read. */
export function attachmentWarning(file: AttachmentFile): string | null {
	if (file.size !== undefined && file.size > 0 && file.size < ATTACHMENT_SMALL_BYTES)
		return `“${file.name}”只有 ${Math.max(1, Math.round(file.size / 1024))}KB，可能不够清晰，请确认能看清文字和印章`;
	return null;
}

/**
 * The application's input rules for one case: which attachments are required
 * depends on the kind and the certificate's category, the ID number's birth
 * date on today's date (China time).
 */
export const applicationSchema = cached((kind: ApplicationKind, category: string, day: string) => {
	const M = APPLICATION_MESSAGES;
	const today = new Date(`${day}T12:00:00+08:00`);
	const required = requiredAttachments(kind, category);
	const attachments = Object.fromEntries(
		ATTACHMENT_SPECS.map((s) => [s.field, scanListSchema(s.label, s.maxFiles, required.includes(s.field) ? missingMessage(s.field) : '')])
	) as Record<AttachmentField, ReturnType<typeof scanListSchema>>;
	return z.object({
		idNumber: z.string(ID_NUMBER_MESSAGES.empty).check(
			rule((v) => {
				const e = checkIdNumber(normalizeIdNumber(v), today);
				return e && ID_NUMBER_MESSAGES[e];
			})
		),
		name: text(
			M.nameEmpty,
			rule((v) => {
				const e = personNameError(v);
				return e && { empty: M.nameEmpty, length: M.nameLength, chars: M.nameChars }[e];
			})
		),
		title: text(M.titleEmpty, z.minLength(1, M.titleEmpty), z.maxLength(TITLE_MAX_LENGTH, M.titleLength)),
		position: text(M.positionEmpty, z.minLength(1, M.positionEmpty), z.maxLength(POSITION_MAX_LENGTH, M.positionLength)),
		enterprise: text(M.enterpriseEmpty, z.minLength(1, M.enterpriseEmpty)),
		...attachments
	});
});

/** Field → Chinese message for everything wrong with the application; empty when it may be submitted. */
export function validateApplication(input: ApplicationInput): ApplicationErrors {
	if (!isApplicationKind(input.kind)) return { kind: APPLICATION_MESSAGES.kind };
	const now = input.now ?? new Date();
	const errors: ApplicationErrors = {};
	// Whether a renewal may be sent today comes first: nothing else helps if it may not.
	const late = input.kind === '延续' && input.validUntil ? renewalError(input.validUntil, now) : null;
	if (late) errors.certificate = late;
	const files = Object.fromEntries(ATTACHMENT_FIELDS.map((f) => [f, input.files[f] ?? []]));
	return Object.assign(errors, messagesByField(applicationSchema(input.kind, input.category, chinaDay(now)), { ...input, ...files }));
}

/**
 * 我的证书's 操作状态 column, e.g. "变更证书审批不通过 原因: 在新单位参保不满3个月" (the seed's wording).
 */
export function operationStatusText(a: {
	kind: string;
	status: ReviewStatus | string;
	rejectReasons?: readonly string[] | null;
	rejectNote?: string | null;
	/** Set by the issuance job when the certificate could not be issued (the reason is for reviewers only). */
	issueFailedAt?: string | null;
}): string {
	const what = `${a.kind}证书`;
	switch (a.status) {
		case '已提交':
			return `${what}申请已提交，等待审核`;
		case '审核中':
			return `${what}申请审核中`;
		case '审核通过':
			return a.issueFailedAt ? `${what}审核通过，${APPLICATION_MESSAGES.issuePending}` : `${what}审核通过，等待推送电子证书`;
		case '审核不通过':
			return `${what}审批不通过 原因: ${rejectionText(a.rejectReasons, a.rejectNote) || '请联系考核管理部门'}`;
		case '已撤回':
			return `${what}申请已撤回`;
		case '已发证':
			return `${what}审核通过，电子证书已发放`;
		default:
			return '';
	}
}
