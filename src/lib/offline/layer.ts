/**
 * The offline layer as the root layout loads it: in one dynamic import after
 * the first render, so a page draws without waiting for Dexie, the sync engine
 * and the service-worker code (a third of the login page's JavaScript, and
 * seven of its requests on a cold visit).
 */
export { startOffline } from './start';
export { default as SyncStatus } from './SyncStatus.svelte';
export { default as UpdatePrompt } from './UpdatePrompt.svelte';
export { default as LogoutDialog } from './LogoutDialog.svelte';
export { default as StorageNotice } from './StorageNotice.svelte';
