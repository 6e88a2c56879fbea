// What each provider's credentials hold: settings (shown back, not secret) and secrets (sealed, never shown back).
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';

const url = z.string().url();
/** Messages per second the provider account takes (cobro's defaults otherwise: Twilio 1, Meta 80, SMTP 10, webhook 50). */
/** A token endpoint: https, or plain http only on this machine (the refresh token and client secret are POSTed to it). */
const tokenUrl = url.refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(u),
  { message: 'an https URL (http only on loopback)' });
const rate = z.number().positive().max(10_000).optional();
/** An elliptic-curve public key in base64 DER (SPKI), as SendGrid shows its event webhook's verification key. */
const ecPublicKey = z.string().refine((k) => {
  try { return createPublicKey({ key: Buffer.from(k, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType === 'ec'; } catch { return false; }
}, { message: 'the verification key SendGrid shows (an elliptic-curve public key, base64)' });

export const PROVIDERS = {
  stripe: {
    settings: z.object({ api_base: url.optional(), account_name: z.string().max(200).optional() }).strict(),
    secrets: z.object({ secret_key: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'a Stripe secret or restricted key (sk_... or rk_...)'),
      // optional: `Register webhooks` makes the endpoint and keeps its signing secret here
      webhook_secret: z.string().regex(/^whsec_\w+$/, 'a Stripe webhook signing secret (whsec_...)').optional() }).strict(),
  },
  mercadopago: {
    settings: z.object({ api_base: url.optional(), country: z.string().length(2).optional() }).strict(),
    secrets: z.object({ access_token: z.string().min(10), webhook_secret: z.string().min(8) }).strict(),
  },
  // Adyen Checkout (Pay by Link) and its standard webhooks: the HMAC key as the Customer Area shows it (hex); the live
  // endpoint needs the account's live URL prefix ([prefix]-checkout-live.adyenpayments.com)
  adyen: {
    settings: z.object({ merchant_account: z.string().min(1).max(200), environment: z.enum(['test', 'live']).default('test'),
      live_url_prefix: z.string().regex(/^[a-z0-9-]+$/i, 'the live URL prefix from the Customer Area (letters, digits and dashes)').optional(),
      basic_auth_username: z.string().min(1).optional(), api_base: url.optional(),
      // the Customer Area report user (report@Company.[name]) reports announced by REPORT_AVAILABLE are downloaded with
      report_username: z.string().min(1).max(200).optional(),
      // the company account `Register webhooks` sets the webhook at (as Adyen recommends), including merchant_account; the merchant account's own without it
      company_account: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, 'the company account name as the Customer Area shows it (letters, digits, _ . -)').optional() }).strict(),
    secrets: z.object({ api_key: z.string().min(16), hmac_key: z.string().regex(/^([0-9a-fA-F]{2}){16,}$/, 'the webhook HMAC key in hex (64 characters from the Customer Area)').optional(),
      previous_hmac_key: z.string().regex(/^([0-9a-fA-F]{2}){16,}$/, 'an HMAC key in hex').optional(), basic_auth_password: z.string().min(1).optional(),
      report_password: z.string().min(1).optional(),
      // or an API key of an API credential with the report download role (X-API-Key), used instead of the report user when set
      report_api_key: z.string().min(16).optional() }).strict(),
    /** The live endpoint needs its prefix; basic auth and the report user need both their parts. */
    check(settings: { environment: string; live_url_prefix?: string | undefined; api_base?: string | undefined; basic_auth_username?: string | undefined;
      report_username?: string | undefined },
      secrets: Record<string, unknown>): { path: string; message: string } | undefined {
      if (settings.environment === 'live' && !settings.live_url_prefix && !settings.api_base) return { path: 'settings.live_url_prefix', message: 'the live URL prefix (environment "live")' };
      if (Boolean(settings.basic_auth_username) !== Boolean(secrets['basic_auth_password'])) {
        return settings.basic_auth_username ? { path: 'secrets.basic_auth_password', message: 'the basic auth password set on the webhook' }
          : { path: 'settings.basic_auth_username', message: 'the basic auth user name set on the webhook' };
      }
      if (Boolean(settings.report_username) !== Boolean(secrets['report_password'])) {
        return settings.report_username ? { path: 'secrets.report_password', message: 'the report user\'s password' }
          : { path: 'settings.report_username', message: 'the report user\'s name' };
      }
      return undefined;
    },
  },
  // PayPal REST app (client credentials) and the webhook PayPal gave an id to; the webhook id is part of what PayPal signs
  paypal: {
    settings: z.object({ client_id: z.string().min(10).max(200), webhook_id: z.string().regex(/^[A-Za-z0-9]{1,50}$/, 'the webhook ID PayPal shows for the listener (letters and digits)').optional(),
      environment: z.enum(['sandbox', 'live']).default('sandbox'), api_base: url.optional() }).strict(),
    secrets: z.object({ client_secret: z.string().min(10).max(200) }).strict(),
  },
  twilio: {
    settings: z.object({ account_sid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio account SID (AC and 32 hex digits)'),
      sms_from: z.string().optional(), whatsapp_from: z.string().optional(), voice_from: z.string().optional(),
      messaging_service_sid: z.string().optional(), api_base: url.optional(), rate_per_second: rate,
      // approved WhatsApp templates: "cobro_due_today_friendly:es" -> HX...; the number a call's "2" is put through to
      whatsapp_content_sids: z.record(z.string(), z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'a Content SID (HX and 32 hex digits)')).optional(),
      agent_number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number').optional() }).strict(),
    secrets: z.object({ auth_token: z.string().min(16), previous_auth_token: z.string().min(16).optional() }).strict(),
  },
  meta_whatsapp: {
    settings: z.object({ phone_number_id: z.string().regex(/^\d+$/, 'the numeric WhatsApp phone number id'), api_version: z.string().regex(/^v\d+\.\d+$/).optional(),
      api_base: url.optional(), rate_per_second: rate }).strict(),
    secrets: z.object({ access_token: z.string().min(10), app_secret: z.string().min(8), verify_token: z.string().min(8).optional(),
      previous_app_secret: z.string().min(8).optional() }).strict(),
  },
  smtp: {
    settings: z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535), secure: z.boolean().default(false),
      from: z.string().min(3), user: z.string().optional(), rate_per_second: rate }).strict(),
    // webhook_secret signs the bounces and replies your mail system posts to /webhooks/email/{org}
    secrets: z.object({ password: z.string().optional(), webhook_secret: z.string().min(16).optional() }).strict(),
  },
  webhook: {
    settings: z.object({ url, rate_per_second: rate }).strict(),
    secrets: z.object({ signing_secret: z.string().min(16) }).strict(),
  },
  // Mailgun's event and inbound-route webhooks; with an api_key, email goes out through Mailgun's messages API (domain,
  // from and region then say where and as whom); without one, mail goes through the smtp provider (smtp.mailgun.org)
  mailgun: {
    settings: z.object({ domain: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'the sending domain as Mailgun shows it (mg.example.com)').optional(),
      from: z.string().min(3).optional(), region: z.enum(['us', 'eu']).default('us'), api_base: url.optional(), rate_per_second: rate,
      // the addresses replies arrive at, which `Register webhooks` routes to cobro (the from address without them)
      inbound_addresses: z.array(z.email('an email address replies are sent to')).min(1).max(20).optional() }).strict(),
    secrets: z.object({ webhook_signing_key: z.string().min(16), previous_webhook_signing_key: z.string().min(16).optional(),
      api_key: z.string().min(16).optional() }).strict(),
    /** Sending through the API needs the domain and the sender. */
    check(settings: { domain?: string | undefined; from?: string | undefined }, secrets: Record<string, unknown>): { path: string; message: string } | undefined {
      if (!secrets['api_key']) return undefined;
      if (!settings.domain) return { path: 'settings.domain', message: 'the sending domain the api_key sends from' };
      return settings.from ? undefined : { path: 'settings.from', message: 'the sender ("Company <billing@domain>") mail goes out as' };
    },
  },
  // email through SendGrid's v3 Mail Send; its signed event webhook is checked with the verification key SendGrid shows
  // (a public key, base64 DER), and the one it replaces while both are set
  sendgrid: {
    settings: z.object({ from: z.string().min(3), api_base: url.optional(), rate_per_second: rate,
      webhook_public_key: ecPublicKey.optional(), previous_webhook_public_key: ecPublicKey.optional(),
      // the public key of the Inbound Parse webhook's security policy: replies posted to /webhooks/sendgrid/{org}/inbound
      parse_public_key: ecPublicKey.optional(),
      // the receiving (sub)domain whose MX points at SendGrid, which `Register webhooks` gives an Inbound Parse setting
      parse_hostname: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'the receiving domain as Inbound Parse names it (parse.example.com)').optional() }).strict(),
    secrets: z.object({ api_key: z.string().regex(/^SG\.[\w-]+\.[\w-]+$/, 'a SendGrid API key (SG.xxx.yyy)') }).strict(),
  },
  // an optional mailbox the worker reads for bounces and replies (sent mail's Reply-To or the relay's bounce address)
  imap: {
    settings: z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535).default(993),
      secure: z.boolean().default(true).meta({ description: 'TLS from the first byte (993); false: STARTTLS when the server offers it, else plain' }),
      user: z.string().min(1), mailbox: z.string().min(1).default('INBOX'), enabled: z.boolean().default(true),
      auth: z.enum(['password', 'oauth2']).default('password')
        .meta({ description: 'password: LOGIN; oauth2: AUTHENTICATE XOAUTH2 with secrets.access_token, or one got from secrets.refresh_token at token_url' }),
      token_url: tokenUrl.optional(), client_id: z.string().min(1).optional(), scope: z.string().min(1).optional(),
      after_read: z.enum(['seen', 'move']).default('seen'), move_to: z.string().min(1).optional(),
      max_message_bytes: z.number().int().min(1024).max(50_000_000).default(2_000_000), timeout_seconds: z.number().int().min(1).max(300).default(30),
      poll_seconds: z.number().int().min(10).max(86_400).default(60),
      idle: z.boolean().default(true).meta({ description: 'keep a connection IDLE (RFC 2177) where the server has it; otherwise poll' }),
      idle_seconds: z.number().int().min(60).max(1740).default(1500).meta({ description: 'IDLE is issued again after this long (servers end it after 30 minutes)' }) }).strict()
      .refine((s) => s.after_read !== 'move' || s.move_to !== undefined, { message: 'move_to: name the folder read messages are moved to', path: ['move_to'] }),
    secrets: z.object({ password: z.string().min(1).optional(), access_token: z.string().min(8).optional(), refresh_token: z.string().min(8).optional(),
      client_secret: z.string().min(1).optional() }).strict(),
    /** The settings and secrets together: what the chosen login needs is there. */
    check(settings: { auth: string; token_url?: string | undefined; client_id?: string | undefined }, secrets: Record<string, unknown>): { path: string; message: string } | undefined {
      if (settings.auth === 'password') return secrets['password'] ? undefined : { path: 'secrets.password', message: 'the mailbox password (auth "password")' };
      if (secrets['refresh_token']) {
        if (!settings.token_url) return { path: 'settings.token_url', message: 'the token endpoint a refresh token is used at' };
        if (!settings.client_id) return { path: 'settings.client_id', message: 'the OAuth2 client id the refresh token was issued to' };
        return undefined;
      }
      return secrets['access_token'] ? undefined : { path: 'secrets.access_token', message: 'an access_token, or a refresh_token with settings.token_url and client_id (auth "oauth2")' };
    },
  },
} as const;

export type ProviderName = keyof typeof PROVIDERS;
export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];

export type ProviderSettings<P extends ProviderName> = z.infer<(typeof PROVIDERS)[P]['settings']>;
export type ProviderSecrets<P extends ProviderName> = z.infer<(typeof PROVIDERS)[P]['secrets']>;
