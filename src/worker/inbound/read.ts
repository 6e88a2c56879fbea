// Reading a provider's webhook for an org: the signature checked on the raw bytes with the org's secrets from the vault
// (before anything is parsed), then the events normalised. Twilio, Meta, Mailgun, SendGrid and the generic signed email webhook.
import type { Queryable } from '../../db/index.ts';
import {
  mailgunSignatureParts, metaWhatsAppAdapter, parseDialOutcome, parseIncomingCall, parseCobroEvents, parseMailgunEvents, parseMailgunInbound, parseTwilioMessaging, twilioVoiceAdapter,
  parseSendGridEvents, parseSendGridInbound, parseSendGridRaw, sendGridRawMail, verifyMailgunRequest, verifySendGridEvents, verifySignedPayload, type InboundEvent, type RawRequest,
} from '../../channels/index.ts';
import { answerMetaHandshake, verifyEach, type MetaHandshake, type SignatureCheck } from '../../compliance/index.ts';
import {
  acceptedSecrets, getCredentials, PUBLIC_KEY_FIELDS, PUBLIC_KEY_REF, publicKeyHint, vaultKey, type ProviderName, type RotatingProvider, type WebhookSecret,
} from '../../vault/index.ts';

export const INBOUND_ROUTES = {
  twilio: ['messages', 'voice', 'gather', 'incoming', 'dialed'],
  meta: ['whatsapp'],
  mailgun: ['events', 'inbound'],
  sendgrid: ['events', 'inbound'],
  email: ['events'],
} as const;
export type InboundProvider = keyof typeof INBOUND_ROUTES;
export type InboundKind = (typeof INBOUND_ROUTES)[InboundProvider][number];
/** Where a stored event came from: a provider's webhook, or the built-in sandbox (a reply played by hand, src/worker/inbound/sandbox-reply.ts). */
export type EventSource = InboundProvider | 'sandbox';

/** The vault entry whose secrets verify each provider's webhooks (SendGrid's: a public key in its settings, read apart). */
export const VAULT_OF: Readonly<Record<Exclude<InboundProvider, 'sendgrid'>, RotatingProvider & ProviderName>> = { twilio: 'twilio', meta: 'meta_whatsapp', mailgun: 'mailgun', email: 'smtp' };

export type ReadOutcome =
  | { ok: true; events: InboundEvent[]; /** Mailgun: the signed token, bound to this body when stored. */ token?: string;
      /** The accepted secret that verified the delivery (its use is recorded once the events are stored). */ secret?: WebhookSecret }
  | { ok: false; code: string; message: string };

export interface ReadDeps { db: Queryable; secretKey?: string }

const refuse = (code: string, message: string): ReadOutcome => ({ ok: false, code, message });

async function secretsOf(d: ReadDeps, orgId: string, provider: ProviderName): Promise<{ settings: Record<string, unknown>; secrets: Record<string, string | undefined> } | string> {
  const r = await getCredentials(d.db, await vaultKey(d.db, d.secretKey), orgId, provider);
  if (!r.ok) return r.error.message;
  if (!r.value) return `${provider} is not connected for this org`;
  return { settings: r.value.settings as Record<string, unknown>, secrets: r.value.secrets as Record<string, string | undefined> };
}

/**
 * Verifies and reads one delivery. `urls` are the URLs the provider may have called (Twilio signs the URL). Nothing is
 * parsed before the signature holds; opt-out events derived from a reply are left to the reply (it applies them). Each
 * accepted secret (two while one is replaced, WH-5) is tried on its own, and the one that verified is given back.
 */
export async function readWebhook(d: ReadDeps, provider: InboundProvider, kind: InboundKind, orgId: string, raw: RawRequest, urls: readonly string[], now: Date): Promise<ReadOutcome> {
  if (provider === 'sendgrid') return kind === 'inbound' ? readSendGridParse(d, orgId, raw, now) : readSendGrid(d, orgId, raw, now);
  const vault = VAULT_OF[provider];
  const key = await vaultKey(d.db, d.secretKey);
  const creds = await getCredentials(d.db, key, orgId, vault);
  if (!creds.ok) return refuse('NO_SECRET', creds.error.message);
  if (!creds.value) return refuse('NO_SECRET', `${vault} is not connected for this org`);
  const accepted = await acceptedSecrets(d.db, key, orgId, vault, creds.value.secrets as Record<string, unknown>, now);
  if (provider === 'email' && accepted.length === 0) return refuse('NO_SECRET', 'the smtp provider has no webhook_secret: set one to receive signed email events');
  let events: () => InboundEvent[];
  let token: string | undefined;
  let one: (secrets: readonly string[]) => SignatureCheck;
  if (provider === 'twilio') {
    // Twilio signs the URL it called: cobro's public URL, in either scheme (links in messages are https)
    one = (tokens) => {
      const voice = twilioVoiceAdapter({ accountSid: '', authToken: tokens[0] ?? '', previousAuthTokens: tokens.slice(1), from: '' });
      let check: SignatureCheck = { ok: false, code: tokens.length ? 'SIGNATURE_MISMATCH' : 'NO_SECRET' };
      for (const url of urls) { check = voice.verifyWebhook({ ...raw, url }); if (check.ok) break; }
      return check;
    };
    const voice = twilioVoiceAdapter({ accountSid: '', authToken: '', from: '' });
    events = () => (kind === 'messages' ? parseTwilioMessaging(raw, 'twilio') : kind === 'incoming' ? parseIncomingCall(raw)
      : kind === 'dialed' ? parseDialOutcome(raw) : voice.parseWebhook(raw));
  } else if (provider === 'meta') {
    one = (secrets) => metaWhatsAppAdapter({ phoneNumberId: '0', accessToken: '', appSecrets: [...secrets] }).verifyWebhook(raw);
    events = () => metaWhatsAppAdapter({ phoneNumberId: '0', accessToken: '', appSecrets: [] }).parseWebhook(raw);
  } else if (provider === 'mailgun') {
    one = (keys) => verifyMailgunRequest(raw, keys, now);
    events = () => (kind === 'events' ? parseMailgunEvents(raw) : parseMailgunInbound(raw));
    token = mailgunSignatureParts(raw).token;
  } else {
    one = (secrets) => verifySignedPayload(raw, secrets, now);
    events = () => parseCobroEvents(raw.body, 'email', 'email');
  }
  const check = await verifyEach(accepted.map((s) => s.value), one);
  if (!check.ok) return refuse(check.code, `the ${provider} signature does not verify: ${check.code}`);
  const all = events();
  const replies = new Set(all.filter((e) => e.type === 'reply').map((e) => e.eventId));
  const secret = check.secret === undefined ? undefined : accepted[check.secret];
  return { ok: true, events: all.filter((e) => !((e.type === 'opt_out' || e.type === 'opt_in') && replies.has(e.replyEventId))),
    ...(token ? { token } : {}), ...(secret ? { secret } : {}) };
}

/**
 * SendGrid's signed event webhook: verified with the org's verification key (and the one it replaces, while both are
 * set), a public key kept in the provider's settings, before the body is parsed.
 */
async function readSendGrid(d: ReadDeps, orgId: string, raw: RawRequest, now: Date): Promise<ReadOutcome> {
  const creds = await secretsOf(d, orgId, 'sendgrid');
  if (typeof creds === 'string') return refuse('NO_SECRET', creds);
  const keys = PUBLIC_KEY_FIELDS.sendgrid.map((k) => creds.settings[k]).filter((k): k is string => typeof k === 'string' && k !== '');
  if (keys.length === 0) return refuse('NO_SECRET', 'the sendgrid provider has no webhook_public_key: set the verification key SendGrid shows to receive its events');
  const check = await verifyEach(keys, (k) => verifySendGridEvents(raw, k[0]!, now));
  if (!check.ok) return refuse(check.code, `the sendgrid signature does not verify: ${check.code}`);
  // the key that verified, counted once the events are stored (WH-5): a row per key, whichever field holds it
  const key = check.secret === undefined ? undefined : keys[check.secret];
  return { ok: true, events: parseSendGridEvents(raw), ...(key ? { secret: { ref: PUBLIC_KEY_REF, value: key, hint: publicKeyHint(key) } } : {}) };
}

/**
 * Mail from SendGrid's Inbound Parse, parsed or raw: signed by the Parse webhook's security policy as the event webhook is
 * (the same headers, ECDSA over the timestamp then the raw body), with that policy's own public key (`parse_public_key`),
 * checked before anything in the body is read.
 */
async function readSendGridParse(d: ReadDeps, orgId: string, raw: RawRequest, now: Date): Promise<ReadOutcome> {
  const creds = await secretsOf(d, orgId, 'sendgrid');
  if (typeof creds === 'string') return refuse('NO_SECRET', creds);
  const key = creds.settings['parse_public_key'];
  if (typeof key !== 'string' || key === '') {
    return refuse('NO_SECRET', 'the sendgrid provider has no parse_public_key: set the public key of the Inbound Parse security policy to receive replies');
  }
  const check = verifySendGridEvents(raw, key, now);
  if (!check.ok) return refuse(check.code, `the sendgrid signature does not verify: ${check.code}`);
  const mime = sendGridRawMail(raw);
  const all = mime ? await parseSendGridRaw(raw, mime) : parseSendGridInbound(raw);
  const replies = new Set(all.filter((e) => e.type === 'reply').map((e) => e.eventId));
  return { ok: true, events: all.filter((e) => !((e.type === 'opt_out' || e.type === 'opt_in') && replies.has(e.replyEventId))) };
}

/** Meta's subscription handshake (GET): echo the challenge when the org's verify_token matches, else 403. */
export async function metaHandshake(d: ReadDeps, orgId: string, query: Readonly<Record<string, string | undefined>>): Promise<MetaHandshake> {
  const creds = await secretsOf(d, orgId, 'meta_whatsapp');
  const token = typeof creds === 'string' ? undefined : creds.secrets['verify_token'];
  return token ? answerMetaHandshake(query, token) : { status: 403 };
}
