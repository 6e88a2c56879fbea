// Orgs and API keys.
export * from './orgs.ts';
export * from './apiKeys.ts';
