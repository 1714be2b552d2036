import { tick } from 'svelte';

/** After a refused submit: the first field with a message gets the focus (and the screen reader its message). */
export async function focusFirstInvalid(root: HTMLElement | undefined): Promise<void> {
	await tick();
	root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
