// Orgs, API keys and users.
export * from './orgs.ts';
export * from './apiKeys.ts';
export * from './users.ts';
export * from './password-cost.ts';
export * from './sign-in-limits.ts';
export * from './org-settings.ts';
export * from './logo.ts';
export * from './call-settings.ts';
export * from './reply-file-settings.ts';
export * from './org-today.ts';
