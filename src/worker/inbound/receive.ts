// Receiving a messaging webhook: the org known, the signature checked on the raw body (403 and nothing stored when it
// fails), each event stored once, and a quick answer; the worker applies the events. A call's keypress is answered in TwiML,
// and what the debtor says on the call is applied and answered by the agent at once, in the TwiML of the same response. A
// call the debtor makes to the org's number is greeted the same way (src/worker/inbound/incoming-call.ts).
import type { Db } from '../../db/index.ts';
import { getOrg } from '../../orgs/index.ts';
import type { RawRequest } from '../../channels/index.ts';
import { answerKeypress, isConfirmationTemplate, packFor, resolveLanguage, type CallKind, type Language } from '../../messaging/index.ts';
import { httpsBase } from '../context.ts';
import { webhookUrl } from '../org-adapters.ts';
import { readWebhook, VAULT_OF, type InboundKind, type InboundProvider } from './read.ts';
import { noteSecretUse } from '../../vault/index.ts';
import { answerSpeech } from './speech.ts';
import { agentNumberOf, answerDialEnded, answerDialScreen, answerIncomingCall, answerOnIncomingCall, type CallInput } from './incoming-call.ts';
import { storeInbound } from './store.ts';

export interface ReceiveDeps { db: Db; now: () => Date; publicUrl: string; secretKey?: string }

export interface IncomingRequest {
  method: string;
  /** Path and query exactly as requested ("/webhooks/twilio/org_1/messages?x=1"). */
  path: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

export type ReceiveAnswer =
  | { status: 200; body: { received: true; stored: number; duplicates: number }; twiml?: string }
  | { status: 403 | 404; body: { error: { code: string; message: string } } };

/** The URLs the provider may have called: the public URL as configured, and its https form. */
function calledUrls(publicUrl: string, path: string): string[] {
  return [...new Set([`${publicUrl.replace(/\/$/, '')}${path}`, `${httpsBase(publicUrl)}${path}`])];
}

export async function receiveMessagingWebhook(d: ReceiveDeps, provider: InboundProvider, kind: InboundKind, orgId: string, req: IncomingRequest): Promise<ReceiveAnswer> {
  const now = d.now();
  if (!(await getOrg(d.db, orgId))) return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'unknown org' } } };
  const raw: RawRequest = { method: req.method, url: calledUrls(d.publicUrl, req.path)[0]!, headers: req.headers, body: req.body };
  const read = await readWebhook(d, provider, kind, orgId, raw, calledUrls(d.publicUrl, req.path), now);
  if (!read.ok) return { status: 403, body: { error: { code: read.code, message: read.message } } };
  const stored = await storeInbound(d.db, orgId, provider, raw, read.events, read.token, now);
  if (!stored.ok) return { status: 403, body: { error: { code: stored.code, message: stored.message } } };
  // which secret signed it (WH-5): the operator sees when a replaced secret stops being used
  if (read.secret) noteSecretUse(d.db, orgId, provider === 'sendgrid' ? 'sendgrid' : VAULT_OF[provider], read.secret, now);
  const body = { received: true as const, stored: stored.stored, duplicates: stored.duplicates };
  if (kind === 'incoming') {
    const ring = read.events.find((e) => e.type === 'incoming_call');
    return { status: 200, body, twiml: ring?.type === 'incoming_call' ? await answerIncomingCall(d, orgId, ring.providerMessageId, ring.from, now) : undefined };
  }
  if (kind === 'dialed') {
    // the answered leg asks the person to press 1 (the <Number>'s url); how the put-through ended: applied now, answered
    // with what the caller hears next
    const e = read.events[0];
    if (e?.type === 'dial_screen') return { status: 200, body, twiml: await answerDialScreen(d, orgId, { eventId: e.eventId, callSid: e.providerMessageId, accepted: e.accepted }, now) };
    return { status: 200, body, twiml: e?.type === 'dial_ended'
      ? await answerDialEnded(d, orgId, { eventId: e.eventId, callSid: e.providerMessageId, status: e.status, ...(e.leg ? { leg: e.leg } : {}) }, now) : undefined };
  }
  if (kind !== 'gather') return { status: 200, body };
  const press = read.events.find((e) => e.type === 'keypress');
  const speech = read.events.find((e) => e.type === 'reply' && e.channel === 'voice');
  const callSid = press?.type === 'keypress' ? press.providerMessageId : speech?.type === 'reply' ? speech.providerMessageId : undefined;
  // a call the debtor made to the org's number has its own greeting and menu
  const input: CallInput | undefined = press?.type === 'keypress' ? { kind: 'keys', eventId: press.eventId, digits: press.digits }
    : speech ? { kind: 'speech', eventId: speech.eventId } : undefined;
  const incoming = callSid && input ? await answerOnIncomingCall(d, orgId, callSid, input, now) : undefined;
  if (incoming) return { status: 200, body, twiml: incoming };
  const call = await callContext(d, orgId, callSid);
  // what the debtor said is answered in this response: applied and decided now, spoken back as TwiML
  if (speech) return { status: 200, body, twiml: await answerSpeech({ db: d.db, ...call }, orgId, speech.eventId, now) };
  return { status: 200, body, twiml: answerKeypress(press?.type === 'keypress' ? press.digits : '', packFor(call.language), call).twiml };
}

interface CallContext { language: Language; locale?: string; gatherUrl: string; agentNumber?: string; kind: CallKind }

/**
 * The language the call was made in, the debtor's locale, where the next key or words go, the org's number for people, and
 * whether it confirms an arrangement (its 1 sends the confirmation's details by SMS) or reminds (the payment link).
 */
async function callContext(d: ReceiveDeps, orgId: string, callSid: string | undefined): Promise<CallContext> {
  const [call] = callSid ? await d.db.query<{ language: string | null; country: string | null; template: string | null }>(
    `SELECT m.content->>'language' AS language, c.country, m.template FROM messages m LEFT JOIN customers c ON c.org_id = m.org_id AND c.id = m.customer_id
     WHERE m.provider = 'twilio' AND m.provider_message_id = $2 AND m.org_id = $1`, [orgId, callSid]) : [];
  const language = resolveLanguage(call?.language ?? undefined, undefined);
  const base = language.split('-')[0];
  const agent = await agentNumberOf(d, orgId);
  return { language, gatherUrl: webhookUrl(httpsBase(d.publicUrl), 'twilio', orgId, 'gather'), kind: isConfirmationTemplate(call?.template ?? null) ? 'confirmation' : 'reminder',
    ...(call?.country && /^[A-Z]{2}$/.test(call.country) ? { locale: `${base}-${call.country}` } : {}),
    ...(agent ? { agentNumber: agent } : {}) };
}
