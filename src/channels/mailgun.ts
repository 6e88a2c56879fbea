// Email events and replies through Mailgun: delivery, open, bounce, complaint and unsubscribe webhooks (JSON), and inbound
// mail forwarded by a route (form-encoded or multipart) or notified by its store() action (files named by URL). Mailgun signs timestamp + token, which travel inside the body.
import { verifyMailgun, type SignatureCheck } from '../compliance/index.ts';
import { formFields } from './form.ts';
import { replyWithKeyword } from './inbound.ts';
import { mailgunFiles } from './email-files.ts';
import { mailgunStoredMedia } from './mailgun-stored.ts';
import { automaticBy, headerPairs } from './automatic.ts';
import type { ContactVerdict, InboundEvent, RawRequest } from './types.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function isJson(req: RawRequest): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().includes('json');
}

function parseJson(req: RawRequest): Json {
  try { return obj(JSON.parse(req.body.toString('utf8'))); } catch { return {}; }
}

/** The three signed fields, read from the JSON `signature` object or the form's fields; nothing else is read before they verify. */
export function mailgunSignatureParts(req: RawRequest): { timestamp?: string; token?: string; signature?: string } {
  const s = isJson(req) ? obj(parseJson(req)['signature']) : formFields(req.body, req.headers['content-type']);
  const pick = (k: string) => str(s[k]);
  return { ...(pick('timestamp') ? { timestamp: pick('timestamp') } : {}), ...(pick('token') ? { token: pick('token') } : {}),
    ...(pick('signature') ? { signature: pick('signature') } : {}) };
}

export function verifyMailgunRequest(req: RawRequest, signingKeys: readonly string[], now: Date): SignatureCheck {
  const p = mailgunSignatureParts(req);
  return verifyMailgun({ timestamp: p.timestamp, token: p.token, signature: p.signature, signingKeys, now });
}

/** Message-IDs as cobro stores them: in angle brackets (Mailgun's headers drop them). */
export function bracketed(id: string): string {
  const t = id.trim();
  return t.startsWith('<') ? t : `<${t}>`;
}

const OPT_OUT_REASONS: Readonly<Record<string, ContactVerdict>> = { 'suppress-unsubscribe': 'opted_out', 'suppress-complaint': 'opted_out' };

/** cobro's action id among the `v:` variables it sent, which Mailgun hands back in each event's `user-variables`. */
function sentActionOf(e: Json): string | undefined {
  const action = str(obj(e['user-variables'])['cobro_action_id']);
  return action && /^[\w-]{1,100}$/.test(action) ? action : undefined;
}

/**
 * One event of the events webhook: delivered, opened, accepted, a permanent failure (bounce), a complaint or an unsubscribe.
 * A delivery names cobro's message by the action it sent as `v:cobro_action_id` (found by it first) and by its Message-ID.
 */
export function parseMailgunEvents(req: RawRequest): InboundEvent[] {
  const e = obj(parseJson(req)['event-data']);
  const id = str(e['id']);
  const kind = str(e['event']);
  const messageId = str(obj(obj(e['message'])['headers'])['message-id']);
  const sentAction = sentActionOf(e);
  const recipient = (str(e['recipient']) ?? '').toLowerCase();
  if (!id || !kind) return [];
  const ts = Number(e['timestamp']);
  const at = Number.isFinite(ts) && ts > 0 ? { at: new Date(Math.round(ts * 1000)) } : {};
  if ((kind === 'complained' || kind === 'unsubscribed') && recipient) {
    return [{ type: 'opt_out', provider: 'mailgun', eventId: id, channel: 'email', from: recipient, keyword: kind, replyEventId: id, ...at }];
  }
  if (!messageId && !sentAction) return [];
  const base = { type: 'delivery' as const, provider: 'mailgun', eventId: id, providerMessageId: messageId ? bracketed(messageId) : '',
    ...(sentAction ? { sentAction } : {}), ...at };
  if (kind === 'delivered') return [{ ...base, state: 'delivered' }];
  if (kind === 'opened') return [{ ...base, state: 'read' }];
  if (kind === 'accepted') return [{ ...base, state: 'queued' }];
  // a temporary failure is Mailgun's to retry; only a permanent one is a bounce
  if (kind !== 'failed' || str(e['severity']) !== 'permanent') return [];
  const status = obj(e['delivery-status']);
  const reason = str(e['reason']) ?? '';
  const code = str(status['code']);
  return [{ ...base, state: 'bounced', error: {
    kind: 'permanent', code: 'HARD_BOUNCE', message: str(status['description']) || str(status['message']) || `Mailgun: ${reason || 'failed'}`,
    ...(code ? { providerCode: code } : {}), contact: OPT_OUT_REASONS[reason] ?? 'bounced',
  } }];
}

/**
 * A reply forwarded by a Mailgun route: the sender, the text without the quoted message, the message it answers, and the
 * files it carries (a reply of only a file has no words). Called once the signature holds.
 */
export function parseMailgunInbound(req: RawRequest): InboundEvent[] {
  const f = formFields(req.body, req.headers['content-type']);
  const from = (f['sender'] ?? /<([^>]+)>/.exec(f['from'] ?? '')?.[1] ?? f['from'] ?? '').trim().toLowerCase();
  const text = (f['stripped-text'] ?? f['body-plain'] ?? '').trim();
  const own = f['Message-Id'] ?? f['message-id'];
  const answers = f['In-Reply-To'] ?? f['in-reply-to'];
  const eventId = own ? bracketed(own) : f['token'] ? `token:${f['token']}` : '';
  // an automatic reply (its headers as Mailgun lists them in `message-headers`, or its subject) keeps no files, as a mailbox's
  const automatic = automaticBy(headerPairs(f['message-headers']), f['subject']);
  const files = automatic ? [] : mailgunFiles(req);
  // a store() notification names its files by URL: fetched by the worker with the org's API key
  const stored = files.length === 0 && !automatic ? mailgunStoredMedia(f) : [];
  // and the stored message itself, read by the worker (its words, headers and files) before the reply is applied
  const message = f['message-url'];
  const storedMessage = message && /^https?:\/\//i.test(message) ? message.slice(0, 2000) : undefined;
  if (!from || !eventId || (!text && files.length === 0 && stored.length === 0 && !automatic && !storedMessage)) return [];
  const ts = Number(f['timestamp']);
  return replyWithKeyword({
    type: 'reply', provider: 'mailgun', eventId, channel: 'email', providerMessageId: eventId, from, to: (f['recipient'] ?? '').toLowerCase(), text,
    ...(answers ? { inReplyTo: bracketed(answers) } : {}), ...(Number.isFinite(ts) && ts > 0 ? { at: new Date(ts * 1000) } : {}),
    ...(files.length ? { files } : {}), ...(stored.length ? { media: stored } : {}), ...(automatic ? { automatic } : {}), ...(storedMessage ? { storedMessage } : {}),
  });
}
