// The vault: provider credentials per org, sealed at rest.
export { keyFromSecret, seal, open, type VaultKey } from './seal.ts';
export { PROVIDERS, PROVIDER_NAMES, type ProviderName, type ProviderSettings, type ProviderSecrets } from './providers.ts';
export { vaultKey, putCredentials, listCredentials, deleteCredentials, getCredentials, replaceSecret, type CredentialSummary, type Credentials } from './credentials.ts';
export * from './fields/index.ts';
export { WEBHOOK_SECRET_FIELD, ROTATING_PROVIDERS, isRotatingProvider, acceptedSecrets, PUBLIC_KEY_FIELDS, COUNTED_PROVIDERS, publicKeyHint, type CountedProvider, acceptedSecretsOf, type RotatingProvider, type WebhookSecret } from './webhook-secrets.ts';
export { addWebhookSecret, retireWebhookSecret, listWebhookSecrets, DEFAULT_KEEP_HOURS, MAX_KEEP_HOURS, type WebhookSecretView, type WebhookSecretsList } from './webhook-rotation.ts';
export { noteSecretUse, flushSecretUse, PUBLIC_KEY_REF } from './secret-use.ts';
