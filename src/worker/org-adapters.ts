// Each org's adapters from its vault credentials (SMTP, Mailgun's or SendGrid's API, Twilio, Meta), the sandbox for a channel it has not connected;
// cached per org, rebuilt when the org's credentials change (this process at once, other processes within seconds).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import {
  DEFAULT_RATES, mailgunSendAdapter, metaWhatsAppAdapter, sendGridAdapter, smtpAdapter, twilioSmsAdapter, twilioVoiceAdapter, twilioWhatsAppAdapter,
  type ChannelAdapter, type EgressPolicy, type RateLimit,
} from '../channels/index.ts';
import { getCredentials, listCredentials, vaultKey, type Credentials, type ProviderName } from '../vault/index.ts';
import type { AdapterSet, AdapterSource, MessageChannel } from './adapters.ts';

export interface VaultAdapterOptions {
  db: Queryable;
  /** COBRO_SECRET_KEY; unset uses the key kept in the database. */
  secretKey?: string;
  /** Where providers post status callbacks back (COBRO_PUBLIC_URL). */
  publicUrl: string;
  /** The adapters of channels an org has not connected: the sandbox. */
  fallback: AdapterSet;
  /** The operator's egress policy (COBRO_EGRESS_ALLOW): where a provider's `api_base` and the SMTP `host` an org set may connect; none: unchecked. */
  egress?: EgressPolicy;
  /** How long a cached org is trusted before its credentials' change stamp is read again. */
  recheckMs?: number;
}

interface Built { set: AdapterSet; close(): void }

/** A channel whose provider is configured but cannot be used (credentials sealed under another key): every send waits and retries. */
function unavailable(channel: MessageChannel, provider: string, message: string): ChannelAdapter {
  return {
    provider, channel, idempotentSends: false,
    send: async () => ({ ok: false, error: { kind: 'temporary', code: 'PROVIDER_UNAVAILABLE', message } }),
    verifyWebhook: () => ({ ok: false, code: 'NO_SECRET' }),
    parseWebhook: () => [],
  };
}

const withRate = (a: ChannelAdapter, rate: RateLimit): ChannelAdapter => ({ ...a, rate });
const base = (publicUrl: string) => publicUrl.replace(/\/$/, '');

/** The webhook URL of an org for a provider and kind, as cobro gives it to the provider. */
export function webhookUrl(publicUrl: string, provider: 'twilio' | 'meta' | 'mailgun' | 'email', orgId: string, kind?: string): string {
  return `${base(publicUrl)}/webhooks/${provider}/${encodeURIComponent(orgId)}${kind ? `/${kind}` : ''}`;
}

type Opened = { [P in ProviderName]?: Credentials<P> | { error: string } };

async function openAll(o: VaultAdapterOptions, orgId: string): Promise<Opened> {
  const stored = new Set((await listCredentials(o.db, orgId)).map((c) => c.provider));
  const key = await vaultKey(o.db, o.secretKey);
  const out: Opened = {};
  for (const p of ['smtp', 'mailgun', 'sendgrid', 'twilio', 'meta_whatsapp'] as const) {
    if (!stored.has(p)) continue;
    const r = await getCredentials(o.db, key, orgId, p);
    (out as Record<string, unknown>)[p] = r.ok ? r.value ?? undefined : { error: r.error.message };
  }
  return out;
}

/** An org's API base for a provider, guarded by the operator's egress policy (the provider's own API is not). */
const apiBase = (o: VaultAdapterOptions, base: string | undefined): { baseUrl?: string; egress?: EgressPolicy } =>
  (base ? { baseUrl: base, ...(o.egress ? { egress: o.egress } : {}) } : {});

const failed = (c: unknown): c is { error: string } => typeof c === 'object' && c !== null && 'error' in c;

function build(o: VaultAdapterOptions, orgId: string, creds: Opened): Built {
  const set: AdapterSet = { ...o.fallback };
  const closers: (() => void)[] = [];
  const { smtp, twilio, meta_whatsapp: meta } = creds;
  if (failed(smtp)) set.email = unavailable('email', 'smtp', smtp.error);
  else if (smtp) {
    const s = smtp.settings;
    const a = smtpAdapter({ host: s.host, port: s.port, secure: s.secure, from: s.from, ...(o.egress ? { egress: o.egress } : {}),
      ...(s.user ? { auth: { user: s.user, pass: smtp.secrets.password ?? '' } } : {}) });
    closers.push(() => a.close());
    set.email = withRate(a, { account: `smtp:${s.host}:${s.port}:${s.user ?? s.from}`, perSecond: s.rate_per_second ?? DEFAULT_RATES['smtp']! });
  }
  emailApi(o, creds, set);
  if (failed(twilio)) for (const c of ['sms', 'whatsapp', 'voice'] as const) set[c] = unavailable(c, 'twilio', twilio.error);
  else if (twilio) {
    const s = twilio.settings;
    const rate = { account: `twilio:${s.account_sid}`, perSecond: s.rate_per_second ?? DEFAULT_RATES['twilio']! };
    const cfg = { accountSid: s.account_sid, authToken: twilio.secrets.auth_token, ...apiBase(o, s.api_base),
      ...(twilio.secrets.previous_auth_token ? { previousAuthTokens: [twilio.secrets.previous_auth_token] } : {}) };
    const messages = webhookUrl(o.publicUrl, 'twilio', orgId, 'messages');
    if (s.sms_from || s.messaging_service_sid) {
      set.sms = withRate(twilioSmsAdapter({ ...cfg, statusCallbackUrl: messages, ...(s.sms_from ? { from: s.sms_from } : {}),
        ...(s.messaging_service_sid ? { messagingServiceSid: s.messaging_service_sid } : {}) }), rate);
    }
    if (s.whatsapp_from) {
      set.whatsapp = withRate(twilioWhatsAppAdapter({ ...cfg, statusCallbackUrl: messages, from: s.whatsapp_from, contentSids: s.whatsapp_content_sids ?? {} }), rate);
    }
    if (s.voice_from) set.voice = withRate(twilioVoiceAdapter({ ...cfg, statusCallbackUrl: webhookUrl(o.publicUrl, 'twilio', orgId, 'voice'), from: s.voice_from }), rate);
  }
  // Meta's Cloud API, when connected, sends WhatsApp rather than Twilio
  if (failed(meta)) set.whatsapp = unavailable('whatsapp', 'meta', meta.error);
  else if (meta) {
    const s = meta.settings;
    set.whatsapp = withRate(metaWhatsAppAdapter({ phoneNumberId: s.phone_number_id, accessToken: meta.secrets.access_token,
      appSecrets: [meta.secrets.app_secret, ...(meta.secrets.previous_app_secret ? [meta.secrets.previous_app_secret] : [])],
      ...(s.api_version ? { apiVersion: s.api_version } : {}), ...apiBase(o, s.api_base) }),
    { account: `meta:${s.phone_number_id}`, perSecond: s.rate_per_second ?? DEFAULT_RATES['meta']! });
  }
  return { set, close: () => closers.forEach((c) => c()) };
}

/** An email provider's HTTP API, when connected, sends email rather than SMTP: SendGrid first, then Mailgun with an api_key. */
function emailApi(o: VaultAdapterOptions, creds: Opened, set: AdapterSet): void {
  const { mailgun, sendgrid } = creds;
  if (!failed(mailgun) && mailgun?.secrets.api_key && mailgun.settings.domain && mailgun.settings.from) {
    const s = mailgun.settings;
    set.email = withRate(mailgunSendAdapter({ domain: s.domain!, apiKey: mailgun.secrets.api_key, from: s.from!, region: s.region, ...apiBase(o, s.api_base) }),
      { account: `mailgun:${s.domain}`, perSecond: s.rate_per_second ?? DEFAULT_RATES['mailgun']! });
  }
  if (failed(sendgrid)) set.email = unavailable('email', 'sendgrid', sendgrid.error);
  else if (sendgrid) {
    const s = sendgrid.settings;
    set.email = withRate(sendGridAdapter({ apiKey: sendgrid.secrets.api_key, from: s.from, ...apiBase(o, s.api_base) }),
      { account: `sendgrid:${createHash('sha256').update(sendgrid.secrets.api_key).digest('hex').slice(0, 16)}`, perSecond: s.rate_per_second ?? DEFAULT_RATES['sendgrid']! });
  }
}

/** The change stamp of an org's credentials: which providers, updated when. */
async function stampOf(q: Queryable, orgId: string): Promise<string> {
  const rows = await q.query<{ provider: string; at: string }>(
    'SELECT provider, updated_at::text AS at FROM provider_credentials WHERE org_id = $1 ORDER BY provider', [orgId]);
  return rows.map((r) => `${r.provider}@${r.at}`).join('|');
}

interface Entry { stamp: string; checkedAt: number; built: Promise<Built> }

/** The per-org source the worker and the API use. `close()` ends SMTP pools. */
export function vaultAdapters(o: VaultAdapterOptions): AdapterSource & { close(): void } {
  const cache = new Map<string, Entry>();
  const recheck = o.recheckMs ?? 5_000;
  const drop = (orgId: string) => {
    const e = cache.get(orgId);
    cache.delete(orgId);
    e?.built.then((b) => b.close(), () => {});
  };
  return {
    kind: 'source',
    async forOrg(orgId: string): Promise<AdapterSet> {
      const hit = cache.get(orgId);
      const t = Date.now();
      if (hit && t - hit.checkedAt < recheck) return (await hit.built).set;
      const stamp = await stampOf(o.db, orgId);
      const again = cache.get(orgId);
      if (again && again.stamp === stamp) { again.checkedAt = t; return (await again.built).set; }
      if (again) drop(orgId);
      const built = openAll(o, orgId).then((creds) => build(o, orgId, creds));
      cache.set(orgId, { stamp, checkedAt: t, built });
      built.catch(() => cache.delete(orgId));
      return (await built).set;
    },
    invalidate(orgId?: string): void {
      for (const id of orgId ? [orgId] : [...cache.keys()]) drop(id);
    },
    close(): void {
      for (const id of [...cache.keys()]) drop(id);
    },
  };
}
