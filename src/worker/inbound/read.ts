// Reading a provider's webhook for an org: the signature checked on the raw bytes with the org's secrets from the vault
// (before anything is parsed), then the events normalised. Twilio, Meta, Mailgun and the generic signed email webhook.
import type { Queryable } from '../../db/index.ts';
import {
  mailgunSignatureParts, metaWhatsAppAdapter, parseIncomingCall, parseCobroEvents, parseMailgunEvents, parseMailgunInbound, parseTwilioMessaging, twilioVoiceAdapter,
  verifyMailgunRequest, verifySignedPayload, type InboundEvent, type RawRequest,
} from '../../channels/index.ts';
import { answerMetaHandshake, type MetaHandshake, type SignatureCheck } from '../../compliance/index.ts';
import { getCredentials, vaultKey, type ProviderName } from '../../vault/index.ts';

export const INBOUND_ROUTES = {
  twilio: ['messages', 'voice', 'gather', 'incoming'],
  meta: ['whatsapp'],
  mailgun: ['events', 'inbound'],
  email: ['events'],
} as const;
export type InboundProvider = keyof typeof INBOUND_ROUTES;
export type InboundKind = (typeof INBOUND_ROUTES)[InboundProvider][number];
/** Where a stored event came from: a provider's webhook, or the built-in sandbox (a reply played by hand, src/worker/inbound/sandbox-reply.ts). */
export type EventSource = InboundProvider | 'sandbox';

/** The vault entry whose secrets verify each provider's webhooks. */
export const VAULT_OF: Readonly<Record<InboundProvider, ProviderName>> = { twilio: 'twilio', meta: 'meta_whatsapp', mailgun: 'mailgun', email: 'smtp' };

export type ReadOutcome =
  | { ok: true; events: InboundEvent[]; /** Mailgun: the signed token, bound to this body when stored. */ token?: string }
  | { ok: false; code: string; message: string };

export interface ReadDeps { db: Queryable; secretKey?: string }

const refuse = (code: string, message: string): ReadOutcome => ({ ok: false, code, message });

async function secretsOf(d: ReadDeps, orgId: string, provider: ProviderName): Promise<{ settings: Record<string, unknown>; secrets: Record<string, string | undefined> } | string> {
  const r = await getCredentials(d.db, await vaultKey(d.db, d.secretKey), orgId, provider);
  if (!r.ok) return r.error.message;
  if (!r.value) return `${provider} is not connected for this org`;
  return { settings: r.value.settings as Record<string, unknown>, secrets: r.value.secrets as Record<string, string | undefined> };
}

const present = (...v: (string | undefined)[]) => v.filter((x): x is string => typeof x === 'string' && x.length > 0);

/**
 * Verifies and reads one delivery. `urls` are the URLs the provider may have called (Twilio signs the URL). Nothing is
 * parsed before the signature holds; opt-out events derived from a reply are left to the reply (it applies them).
 */
export async function readWebhook(d: ReadDeps, provider: InboundProvider, kind: InboundKind, orgId: string, raw: RawRequest, urls: readonly string[], now: Date): Promise<ReadOutcome> {
  const creds = await secretsOf(d, orgId, VAULT_OF[provider]);
  if (typeof creds === 'string') return refuse('NO_SECRET', creds);
  const { secrets } = creds;
  let check: SignatureCheck;
  let events: () => InboundEvent[];
  let token: string | undefined;
  if (provider === 'twilio') {
    // Twilio signs the URL it called: cobro's public URL, in either scheme (links in messages are https)
    const tokens = present(secrets['auth_token'], secrets['previous_auth_token']);
    const voice = twilioVoiceAdapter({ accountSid: '', authToken: tokens[0] ?? '', previousAuthTokens: tokens.slice(1), from: '' });
    check = { ok: false, code: tokens.length ? 'SIGNATURE_MISMATCH' : 'NO_SECRET' };
    for (const url of urls) { check = voice.verifyWebhook({ ...raw, url }); if (check.ok) break; }
    events = () => (kind === 'messages' ? parseTwilioMessaging(raw, 'twilio') : kind === 'incoming' ? parseIncomingCall(raw) : voice.parseWebhook(raw));
  } else if (provider === 'meta') {
    const adapter = metaWhatsAppAdapter({ phoneNumberId: '0', accessToken: '', appSecrets: present(secrets['app_secret'], secrets['previous_app_secret']) });
    check = adapter.verifyWebhook(raw);
    events = () => adapter.parseWebhook(raw);
  } else if (provider === 'mailgun') {
    check = verifyMailgunRequest(raw, present(secrets['webhook_signing_key'], secrets['previous_webhook_signing_key']), now);
    events = () => (kind === 'events' ? parseMailgunEvents(raw) : parseMailgunInbound(raw));
    token = mailgunSignatureParts(raw).token;
  } else {
    const secret = secrets['webhook_secret'];
    if (!secret) return refuse('NO_SECRET', 'the smtp provider has no webhook_secret: set one to receive signed email events');
    check = verifySignedPayload(raw, [secret], now);
    events = () => parseCobroEvents(raw.body, 'email', 'email');
  }
  if (!check.ok) return refuse(check.code, `the ${provider} signature does not verify: ${check.code}`);
  const all = events();
  const replies = new Set(all.filter((e) => e.type === 'reply').map((e) => e.eventId));
  return { ok: true, events: all.filter((e) => !((e.type === 'opt_out' || e.type === 'opt_in') && replies.has(e.replyEventId))), ...(token ? { token } : {}) };
}

/** Meta's subscription handshake (GET): echo the challenge when the org's verify_token matches, else 403. */
export async function metaHandshake(d: ReadDeps, orgId: string, query: Readonly<Record<string, string | undefined>>): Promise<MetaHandshake> {
  const creds = await secretsOf(d, orgId, 'meta_whatsapp');
  const token = typeof creds === 'string' ? undefined : creds.secrets['verify_token'];
  return token ? answerMetaHandshake(query, token) : { status: 403 };
}
