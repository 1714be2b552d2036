/**
 * Business rules of 安管证照, in one place. Plain TypeScript with no
 * dependencies and no DOM: the app imports it directly, and
 * scripts/build-hooks-lib.js bundles it to CommonJS for PocketBase's hooks.
 */
export * from './id-number';
export * from './credit-code';
export * from './certificate';
export * from './regions';
export * from './account';
export * from './review';
export * from './dates';
export * from './renewal';
export * from './certificate-actions';
export * from './photo';
export * from './photo-check';
export * from './image-header';
export * from './application';
export * from './enterprise';
export * from './profile';
export * from './scan-limits';
export * from './password-strength';
export * from './text-hygiene';
export * from './person-name';
export * from './phone';
export * from './id-regions';
export * from './ecert';
