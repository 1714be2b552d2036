/**
 * Fixtures for e2e tests: a superuser SDK client (the reviewer) and fresh
 * accounts made for one test, so tests never depend on each other.
 */
import { test as base, expect, type Page } from '@playwright/test';
import PocketBase, { type RecordModel } from 'pocketbase';
import * as d from '../../src/lib/domain';
import { superuserClient } from '../support/pocketbase';
import { STRONG_PASSWORD, uniqueCreditCode, uniqueIdNumber } from '../support/identities';

export { STRONG_PASSWORD };

export interface TestAccount {
	kind: 'applicant' | 'enterprise';
	record: RecordModel;
	identity: string;
	password: string;
	certificate?: RecordModel;
}

export interface Fixtures {
	admin: PocketBase;
	/** Creates an applicant (with a certificate unless `certificate: null`). */
	makeApplicant: (opts?: {
		mustChangePassword?: boolean;
		data?: Record<string, unknown>;
		certificate?: Record<string, unknown> | null;
	}) => Promise<TestAccount>;
	makeEnterprise: (opts?: { mustChangePassword?: boolean; data?: Record<string, unknown> }) => Promise<TestAccount>;
	/** Logs in through the login page. */
	loginAs: (page: Page, account: TestAccount) => Promise<void>;
}

export const test = base.extend<Fixtures>({
	admin: async ({ baseURL }, use) => {
		await use(await superuserClient(baseURL!));
	},
	makeApplicant: async ({ admin }, use) => {
		await use(async (opts = {}) => {
			const identity = uniqueIdNumber();
			const must = opts.mustChangePassword ?? false;
			const password = must ? d.defaultPassword(identity) : STRONG_PASSWORD;
			const directory = await admin.collection('enterprises').getList(1, 1, { sort: 'created' });
			const record = await admin.collection('applicants').create({
				idNumber: identity,
				name: '测试申请人',
				title: '无',
				position: '安全员',
				enterprise: directory.items[0]?.id ?? '',
				password,
				passwordConfirm: password,
				mustChangePassword: must,
				...opts.data
			});
			const certificate =
				opts.certificate === null
					? undefined
					: await admin.collection('certificates').create({
							holder: record.id,
							category: 'C2',
							status: '有效',
							firstIssued: '2023-07-01',
							validUntil: d.addYears(d.chinaDay(), 2),
							enterprise: record.enterprise,
							...opts.certificate
						});
			return { kind: 'applicant', record, identity, password, certificate };
		});
	},
	makeEnterprise: async ({ admin }, use) => {
		await use(async (opts = {}) => {
			const identity = uniqueCreditCode();
			const must = opts.mustChangePassword ?? false;
			const password = must ? d.defaultPassword(identity) : STRONG_PASSWORD;
			const record = await admin.collection('enterprises').create({
				uscc: identity,
				name: '测试建设工程有限公司',
				regCity: '昆明市',
				password,
				passwordConfirm: password,
				mustChangePassword: must,
				...opts.data
			});
			return { kind: 'enterprise', record, identity, password };
		});
	},
	loginAs: async ({}, use) => {
		await use(async (page, account) => {
			await page.goto('/login');
			if (account.kind === 'enterprise') await page.getByRole('radio', { name: '企业' }).check();
			await page.getByLabel(account.kind === 'enterprise' ? '统一社会信用代码' : '身份证号').fill(account.identity);
			await page.getByLabel('密码', { exact: true }).fill(account.password);
			await page.getByRole('button', { name: '登录' }).click();
			await expect(page).not.toHaveURL(/\/login/);
		});
	}
});

export { expect };
