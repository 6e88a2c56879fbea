// The fields of each provider's credentials as the API's /v1/providers takes them: settings are shown back, secrets never.
export type FieldKind = 'text' | 'number' | 'boolean' | 'url';
export interface ProviderFields {
  settings: [name: string, kind: FieldKind, required?: boolean][];
  secrets: [name: string, required?: boolean][];
  /** What a provider not connected yet starts with in the form (as the API's own defaults). */
  defaults?: Record<string, string>;
}

export const PROVIDER_FIELDS: Record<string, ProviderFields> = {
  stripe: { settings: [['account_name', 'text'], ['api_base', 'url']], secrets: [['secret_key', true], ['webhook_secret']] },
  mercadopago: { settings: [['country', 'text'], ['api_base', 'url']], secrets: [['access_token', true], ['webhook_secret', true]] },
  adyen: {
    settings: [['merchant_account', 'text', true], ['environment', 'text'], ['live_url_prefix', 'text'], ['basic_auth_username', 'text'], ['report_username', 'text'],
      ['company_account', 'text'], ['api_base', 'url']],
    secrets: [['api_key', true], ['hmac_key'], ['previous_hmac_key'], ['basic_auth_password'], ['report_password'], ['report_api_key']],
    defaults: { environment: 'test' },
  },
  paypal: {
    settings: [['client_id', 'text', true], ['webhook_id', 'text'], ['environment', 'text'], ['api_base', 'url']],
    secrets: [['client_secret', true]],
    defaults: { environment: 'sandbox' },
  },
  twilio: {
    settings: [['account_sid', 'text', true], ['sms_from', 'text'], ['whatsapp_from', 'text'], ['voice_from', 'text'], ['messaging_service_sid', 'text'],
      ['agent_number', 'text'], ['rate_per_second', 'number'], ['api_base', 'url']],
    secrets: [['auth_token', true], ['previous_auth_token']],
  },
  meta_whatsapp: {
    settings: [['phone_number_id', 'text', true], ['api_version', 'text'], ['rate_per_second', 'number'], ['api_base', 'url']],
    secrets: [['access_token', true], ['app_secret', true], ['verify_token'], ['previous_app_secret']],
  },
  smtp: {
    settings: [['host', 'text', true], ['port', 'number', true], ['secure', 'boolean'], ['from', 'text', true], ['user', 'text'], ['rate_per_second', 'number']],
    secrets: [['password'], ['webhook_secret']],
  },
  webhook: { settings: [['url', 'url', true], ['rate_per_second', 'number']], secrets: [['signing_secret', true]] },
  // with an api_key, email goes out through Mailgun's messages API (domain and from needed; region us or eu)
  mailgun: {
    settings: [['domain', 'text'], ['from', 'text'], ['region', 'text'], ['rate_per_second', 'number'], ['api_base', 'url']],
    secrets: [['webhook_signing_key', true], ['previous_webhook_signing_key'], ['api_key']],
    defaults: { region: 'us' },
  },
  // webhook_public_key: the event webhook's verification key SendGrid shows (a public key, so a setting); parse_hostname: the
  // receiving domain Register webhooks gives an Inbound Parse setting, whose policy's key it keeps as parse_public_key
  sendgrid: {
    settings: [['from', 'text', true], ['webhook_public_key', 'text'], ['previous_webhook_public_key', 'text'], ['parse_hostname', 'text'], ['parse_public_key', 'text'],
      ['rate_per_second', 'number'], ['api_base', 'url']],
    secrets: [['api_key', true]],
  },
  // the optional mailbox the worker reads for bounces and replies (secure: TLS from the first byte, port 993)
  imap: {
    settings: [['host', 'text', true], ['port', 'number'], ['secure', 'boolean'], ['user', 'text', true], ['mailbox', 'text'], ['after_read', 'text'],
      ['move_to', 'text'], ['max_message_bytes', 'number'], ['timeout_seconds', 'number'], ['poll_seconds', 'number']],
    secrets: [['password', true]],
    defaults: { secure: 'true', port: '993', mailbox: 'INBOX' },
  },
};

export const PROVIDER_NAMES = Object.keys(PROVIDER_FIELDS);

/** The settings typed in, as the API wants them: numbers as numbers, empty fields left out. */
export function settingsBody(provider: string, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of PROVIDER_FIELDS[provider]?.settings ?? []) {
    const v = (values[name] ?? '').trim();
    if (kind === 'boolean') out[name] = v === 'true';
    else if (v !== '') out[name] = kind === 'number' ? Number(v) : v;
  }
  return out;
}

/** The secrets typed in; an empty one is not sent. */
export function secretsBody(provider: string, values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name] of PROVIDER_FIELDS[provider]?.secrets ?? []) if ((values[name] ?? '') !== '') out[name] = values[name]!;
  return out;
}
