// SendGrid's signed event webhook: ECDSA P-256 (SHA-256) over the timestamp header then the raw body, checked with the
// verification key SendGrid shows (base64 DER), before anything is parsed; then its events as cobro's (delivered, open,
// bounce, dropped, spam report, unsubscribe), received at /webhooks/sendgrid/{org}/events (src/worker/inbound/read.ts).
import { verify } from 'node:crypto';
import type { SignatureCheck } from '../compliance/index.ts';
import type { ContactVerdict, InboundEvent, RawRequest } from './types.ts';

export const SENDGRID_SIGNATURE = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP = 'x-twilio-email-event-webhook-timestamp';

/** The signature over timestamp + raw body with the org's public key; a timestamp more than a day away is stale. */
export function verifySendGridEvents(req: RawRequest, publicKey: string, now: Date): SignatureCheck {
  const sig = req.headers[SENDGRID_SIGNATURE];
  const ts = req.headers[SENDGRID_TIMESTAMP];
  if (!sig || !ts) return { ok: false, code: 'SIGNATURE_MISSING' };
  if (!/^\d+$/.test(ts)) return { ok: false, code: 'MALFORMED_HEADER' };
  if (Math.abs(now.getTime() / 1000 - Number(ts)) > 86_400) return { ok: false, code: 'TIMESTAMP_OUT_OF_TOLERANCE' };
  try {
    const good = verify('sha256', Buffer.concat([Buffer.from(ts, 'utf8'), req.body]), { key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' },
      Buffer.from(sig, 'base64'));
    return good ? { ok: true } : { ok: false, code: 'SIGNATURE_MISMATCH' };
  } catch { return { ok: false, code: 'SIGNATURE_MISMATCH' }; }
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** SendGrid's sg_message_id is the X-Message-Id it answered, then ".filter..." and more. */
export const sendGridMessageId = (sg: string): string => sg.split('.')[0]!;

function one(e: Json): InboundEvent[] {
  const id = str(e['sg_event_id']);
  const kind = str(e['event']);
  const email = (str(e['email']) ?? '').toLowerCase();
  if (!id || !kind) return [];
  const ts = Number(e['timestamp']);
  const at = Number.isFinite(ts) && ts > 0 ? { at: new Date(ts * 1000) } : {};
  if ((kind === 'spamreport' || kind === 'unsubscribe' || kind === 'group_unsubscribe') && email) {
    return [{ type: 'opt_out', provider: 'sendgrid', eventId: id, channel: 'email', from: email, keyword: kind, replyEventId: id, ...at }];
  }
  const sg = str(e['sg_message_id']);
  if (!sg) return [];
  const base = { type: 'delivery' as const, provider: 'sendgrid', eventId: id, providerMessageId: sendGridMessageId(sg), ...at };
  if (kind === 'delivered') return [{ ...base, state: 'delivered' }];
  if (kind === 'open') return [{ ...base, state: 'read' }];
  const reason = str(e['reason']) ?? kind;
  // a hard bounce suppresses the address; "blocked" (type) is SendGrid's temporary refusal, retried by it
  if (kind === 'bounce' && str(e['type']) !== 'blocked') {
    return [{ ...base, state: 'bounced', error: { kind: 'permanent', code: 'HARD_BOUNCE', message: reason, contact: 'bounced',
      ...(str(e['status']) ? { providerCode: str(e['status'])! } : {}) } }];
  }
  if (kind === 'dropped') {
    const contact: ContactVerdict | undefined = /unsubscribe|spam/i.test(reason) ? 'opted_out' : /bounce|invalid/i.test(reason) ? 'bounced' : undefined;
    return [{ ...base, state: 'failed', error: { kind: 'permanent', code: 'PROVIDER_REJECTED', message: `dropped: ${reason}`, ...(contact ? { contact } : {}) } }];
  }
  // deferred and blocked: SendGrid keeps trying; nothing changes here
  return [];
}

/** The events of a verified delivery (a JSON array); anything else gives []. */
export function parseSendGridEvents(req: RawRequest): InboundEvent[] {
  let all: unknown;
  try { all = JSON.parse(req.body.toString('utf8')); } catch { return []; }
  return Array.isArray(all) ? all.flatMap((e) => (typeof e === 'object' && e !== null ? one(e as Json) : [])) : [];
}
