/**
 * The collections as the app reads them (pb_migrations is the schema; the
 * value lists come from $lib/domain, which the schema contract test holds the
 * schema to). Type aliases, not interfaces, so a record still passes where the
 * SDK expects a RecordModel. Dates are PocketBase's text, e.g.
 * "2026-06-30 00:00:00.000Z"; a file field holds stored file names.
 */
import type { ApplicationKind, Category, CertStatus, EnterpriseChangeKind, ReviewStatus } from '$lib/domain';

type Base = {
	id: string;
	collectionId: string;
	collectionName: string;
	created: string;
	updated: string;
};

export type ApplicantRecord = Base & {
	idNumber: string;
	name: string;
	gender: '' | '男' | '女';
	phone: string;
	title: string;
	position: string;
	/** enterprises id */
	enterprise: string;
	photo: string;
	photoCheckSummary: string;
	mustChangePassword: boolean;
};

export type EnterpriseRecord = Base & {
	uscc: string;
	name: string;
	legalRep: string;
	regCity: string;
	address: string;
	license: string;
	qualCategory: string;
	qualLevel: string;
	qualCertNo: string;
	qualIssuer: string;
	qualScan: string[];
	contactName: string;
	contactPhone: string;
	contactEmail: string;
	mustChangePassword: boolean;
};

export type CertificateRecord = Base & {
	/** applicants id */
	holder: string;
	certNo: string;
	category: Category;
	status: CertStatus;
	firstIssued: string;
	validUntil: string;
	/** enterprises id */
	enterprise: string;
	ecertIssuedAt: string;
	verifyCode: string;
	/** the signed e-certificate (JSON) and its SM2 signature; empty until issued */
	ecertPayload: string;
	ecertSignature: string;
	ecertVersion: number;
};

type Review = {
	status: ReviewStatus;
	rejectReasons: string[];
	rejectNote: string;
	submittedAt: string;
	decidedAt: string;
};

export type CertApplicationRecord = Base &
	Review & {
		applicant: string;
		certificate: string;
		kind: ApplicationKind;
		idNumber: string;
		name: string;
		title: string;
		position: string;
		enterprise: string;
		photo: string;
		idCardBack: string;
		idCardFront: string;
		pledge: string[];
		applicationForm: string[];
		builderCert: string[];
		socialInsurance: string[];
		issuedAt: string;
		issueFailedAt: string;
	};

export type EnterpriseChangeRecord = Base &
	Review & {
		enterprise: string;
		kind: EnterpriseChangeKind[];
		uscc: string;
		name: string;
		legalRep: string;
		regCity: string;
		address: string;
		license: string;
		qualCategory: string;
		qualLevel: string;
		qualCertNo: string;
		qualIssuer: string;
		qualScan: string[];
	};

export type ReviewEventRecord = Base & {
	recordCollection: string;
	recordId: string;
	from: string;
	to: string;
	reason: string;
};

/** The view applicants search when they pick 工作单位 (no personal data). */
export type DirectoryRecord = Pick<Base, 'id' | 'collectionId' | 'collectionName'> & {
	name: string;
	uscc: string;
	regCity: string;
};

export interface Collections {
	applicants: ApplicantRecord;
	enterprises: EnterpriseRecord;
	certificates: CertificateRecord;
	cert_applications: CertApplicationRecord;
	enterprise_changes: EnterpriseChangeRecord;
	review_events: ReviewEventRecord;
	enterprise_directory: DirectoryRecord;
}
