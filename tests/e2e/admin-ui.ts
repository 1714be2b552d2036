/**
 * The reviewers' surface: PocketBase's own admin UI at /_/, driven as a
 * reviewer uses it — log in, open review_queue, follow a row's link to the
 * request, change status / reasons, "Unlock to save", "Save changes". The
 * UI sends every field of the record back on save; nothing here shortcuts
 * that.
 */
import { expect, type Page, type Response } from '@playwright/test';
import { SUPERUSER } from '../support/pocketbase';

export class AdminUi {
	constructor(readonly page: Page) {}

	async login(email = SUPERUSER.email, password = SUPERUSER.password) {
		await this.page.goto('/_/');
		await this.page.locator('#login_identity').fill(email);
		await this.page.locator('#login_pass').fill(password);
		await this.page.getByRole('button', { name: 'Login' }).click();
		await expect(this.collection('review_queue')).toBeVisible();
	}

	async openQueue() {
		await this.collection('review_queue').click();
		await expect(this.page.locator('th.col-field-name-submitted')).toBeVisible();
	}

	/** A collection in the sidebar. */
	collection(name: string) {
		return this.page.getByRole('complementary').getByRole('button', { name: new RegExp(`^${name}\\b`) });
	}

	/** The queue row that mentions `text` (a person's or company's name). */
	queueRow(text: string) {
		return this.page.locator('tr', { hasText: text });
	}

	/** One click on the row's link: the request opens in a new tab, in its edit panel. */
	async openFromQueue(text: string): Promise<RecordPanel> {
		const row = this.queueRow(text);
		await expect(row).toBeVisible();
		const [tab] = await Promise.all([this.page.context().waitForEvent('page'), row.locator('td[data-name="open"] a').click()]);
		const panel = new RecordPanel(tab);
		// A fresh tab loads the whole admin UI first.
		await expect(tab.getByRole('button', { name: 'Unlock to save' })).toBeVisible({ timeout: 30_000 });
		return panel;
	}
}

/** The record edit panel the admin UI opens for one request. */
export class RecordPanel {
	constructor(readonly page: Page) {}

	/** A text field's current value as shown in the panel. */
	text(name: string) {
		return this.page.locator(`textarea[name="${name}"]`);
	}

	/** Picks options of a select field (single or multiple) from its dropdown. */
	async select(name: string, ...values: string[]) {
		const field = this.page.locator(`output[name="${name}"]`);
		for (const value of values) {
			await field.locator('.selected-container').click();
			await field.locator('.dropdown-item', { hasText: new RegExp(`^${value}$`) }).click();
			await this.page.keyboard.press('Escape');
		}
		for (const value of values) await expect(field.locator('.selected-container')).toContainText(value);
	}

	async fill(name: string, value: string) {
		await this.text(name).fill(value);
	}

	/** "Unlock to save" then "Save changes"; returns the server's answer to the UI's PATCH. */
	async save(): Promise<Response> {
		await this.page.getByRole('button', { name: 'Unlock to save' }).click();
		const [response] = await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/collections/')),
			this.page.getByRole('button', { name: 'Save changes' }).click()
		]);
		return response;
	}
}
