/**
 * Saving a form as the user types. Text is written after a short pause,
 * attachments at once; everything pending is written when the page is
 * hidden or closed, and before an app update reloads the page.
 *
 *   const saver = autosave('apply-change-' + certId, { title: '变更申请', href: page.url.pathname });
 *   $effect(() => saver.fields($state.snapshot(form)));
 *   onchange={(e) => saver.files('pledge', [...e.currentTarget.files])}
 */
import { saveDraft, type DraftPatch } from './drafts';
import type { FileMap } from './files';
import { noteStorageFailure, noteStorageWorks } from './status.svelte';

const active = new Set<() => Promise<void>>();

export interface Autosave {
	fields(patch: Record<string, unknown>): void;
	files(field: string, list: File[]): Promise<void>;
	flush(): Promise<void>;
	dispose(): Promise<void>;
}

export function autosave(
	formKey: string,
	opts: { delay?: number; title?: string; href?: string; onError?: (message: string) => void; onSaved?: () => void } = {}
): Autosave {
	const delay = opts.delay ?? 250;
	let fields: Record<string, unknown> | null = null;
	let files: FileMap | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let chain: Promise<void> = Promise.resolve();

	const write = (): Promise<void> => {
		clearTimeout(timer);
		if (!fields && !files) return chain;
		const patch: DraftPatch = { title: opts.title, href: opts.href };
		if (fields) patch.fields = fields;
		if (files) patch.files = files;
		fields = files = null;
		chain = chain
			.then(() => saveDraft(formKey, patch))
			.then(() => {
				noteStorageWorks();
				opts.onSaved?.();
			})
			// The form says why where the person types; the layout's notice says what it means.
			.catch((e: unknown) => opts.onError?.(noteStorageFailure(e).message));
		return chain;
	};
	active.add(write);

	return {
		fields(patch) {
			fields = { ...fields, ...patch };
			clearTimeout(timer);
			timer = setTimeout(() => void write(), delay);
		},
		files(field, list) {
			files = { ...files, [field]: list };
			return write();
		},
		flush: write,
		async dispose() {
			await write();
			active.delete(write);
		}
	};
}

/** Write every form's pending changes now (page hidden, closing, updating). */
export async function flushAutosaves(): Promise<void> {
	await Promise.all([...active].map((w) => w()));
}
