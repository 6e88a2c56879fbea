// What a stored provider event does, in one transaction: a delivery state moves its message (a permanent failure marks
// the address and fires the step's fallback), a reply joins the customer's conversation and is read for STOP/START,
// a complaint or unsubscribe suppresses the address, a keypress asking for the link by SMS queues that SMS, a call the
// debtor makes is kept as an inbound contact.
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import { emitMessageEvent } from '../../events/index.ts';
import { applyReplyText, recordContact, suppress, type LedgerChannel } from '../../compliance/index.ts';
import { putTask, queueAgentTurn } from '../../agent/index.ts';
import { nextDeliveryState } from '../delivery-state.ts';
import { fireFallback } from '../fallback.ts';
import { automaticNote } from '../../channels/index.ts';
import type { EventSource } from './read.ts';
import type { StoredEvent } from './store.ts';
import { applyIncomingCall, applyIncomingKeypress, callerCustomer, incomingCaller } from './call-in.ts';
import { recordMedia } from './attachments.ts';
import { applyDialAmd, applyDialEnded, applyDialScreen, applyIncomingEnd } from './call-missed.ts';
import { priceCallLength, queueBilledCost } from './priced.ts';
import { addressLookupIndex, customerIdByAddress, openCopies, sealerFor, storedCopy } from '../../vault/index.ts';

export type ApplyOutcome = { status: 'processed'; note: string | null } | { status: 'waiting'; note: string };

/** Which providers' message ids an inbound provider speaks of (mail through SMTP, reported by Mailgun or the mail system; mail through Mailgun's or SendGrid's API). */
const SENT_THROUGH: Readonly<Record<EventSource, string[]>> = { twilio: ['twilio'], meta: ['meta'], mailgun: ['smtp', 'mailgun'], sendgrid: ['sendgrid'], email: ['smtp'],
  sandbox: ['sandbox'] };
const LEDGER: readonly string[] = ['email', 'sms', 'whatsapp', 'voice'];

interface Sent { id: string; org_id: string; action_id: string; customer_id: string; channel: string; status: string; address: string | null }

const done = (note: string | null = null): ApplyOutcome => ({ status: 'processed', note });

async function messageByProviderId(tx: Queryable, orgId: string, provider: EventSource, id: string | undefined): Promise<Sent | undefined> {
  if (!id) return undefined;
  return (await openCopies(tx, orgId, 'messages.address', await tx.query<Sent>(
    `SELECT id, org_id, action_id, customer_id, channel, status, address FROM messages WHERE provider = ANY($2::text[]) AND provider_message_id = $3 AND org_id = $1
     FOR UPDATE`, [orgId, SENT_THROUGH[provider], id])))[0];
}

/** The email cobro sent for an action (the action the provider hands back names it with the channel), through this provider. */
async function messageByAction(tx: Queryable, orgId: string, provider: EventSource, actionId: string | undefined): Promise<Sent | undefined> {
  if (!actionId) return undefined;
  return (await openCopies(tx, orgId, 'messages.address', await tx.query<Sent>(
    `SELECT id, org_id, action_id, customer_id, channel, status, address FROM messages WHERE org_id = $1 AND action_id = $2 AND channel = 'email'
       AND provider = ANY($3::text[]) FOR UPDATE`, [orgId, actionId, SENT_THROUGH[provider]])))[0];
}

/** Phone numbers in E.164 (Meta drops the plus, Twilio prefixes WhatsApp numbers), email addresses in lower case. */
export function normaliseAddress(channel: string, address: string): string {
  const a = address.trim().replace(/^whatsapp:/, '');
  if (channel === 'email') return a.toLowerCase();
  return /^\d{7,15}$/.test(a) ? `+${a}` : a;
}

async function applyDelivery(tx: Queryable, orgId: string, provider: EventSource, e: Extract<StoredEvent, { type: 'delivery' }>, now: Date): Promise<ApplyOutcome> {
  const m = await messageByAction(tx, orgId, provider, e.sentAction) ?? await messageByProviderId(tx, orgId, provider, e.providerMessageId);
  if (!m) {
    // how a call the debtor made to the org's number ended
    const caller = provider === 'twilio' && e.eventId.endsWith(':ended') ? await incomingCaller(tx, orgId, e.providerMessageId) : undefined;
    if (caller !== undefined) return applyIncomingEnd(tx, orgId, e.providerMessageId, caller, endStatus(e), now);
    return { status: 'waiting', note: `no message with ${provider} id ${e.providerMessageId || e.sentAction} yet` };
  }
  // a call's length (its completed callback) prices it by the minute, whatever state the call is already in
  const priced = m.channel === 'voice' && e.duration !== undefined ? await priceCallLength(tx, orgId, m, e.duration) : null;
  const next = nextDeliveryState(m.status, e.state, m.channel);
  if (!next) return done(`${e.state} after ${m.status}: nothing changes${priced ? `; ${priced.units} min cost ${priced.micros} micro-${priced.currency}` : ''}`);
  await queueBilledCost(tx, orgId, provider, m, e.providerMessageId, next, now);
  const reason = e.error ? `${e.error.code}: ${e.error.message}`.slice(0, 1000) : null;
  await tx.query(`UPDATE messages SET status = $2, delivery_at = $3, updated_at = $4, reason = COALESCE($5, reason) WHERE id = $1`,
    [m.id, next, e.at ?? now, now, reason]);
  if (next === 'delivered' || (next === 'read' && m.status !== 'delivered')) await emitMessageEvent(tx, m.id, 'message.delivered', now);
  if (next !== 'failed' && next !== 'bounced') return done();
  await emitMessageEvent(tx, m.id, 'message.failed', now);
  const permanent = e.error ? e.error.kind === 'permanent' : next === 'bounced';
  if (!permanent) return done('a temporary failure: the step does not fall back');
  const contact = e.error?.contact ?? (next === 'bounced' ? 'bounced' : undefined);
  if (m.address && (contact === 'invalid' || contact === 'opted_out' || contact === 'bounced')) {
    await suppress(tx, orgId, `provider:${provider}`, m.customer_id, { scope: 'address', channel: m.channel as LedgerChannel, address: m.address,
      reason: `${provider} says the ${m.channel} contact is ${contact}${e.error ? ` (${e.error.code})` : ''}`, source: 'provider' }, now);
  }
  const fallback = await fireFallback(tx, m, reason ?? `${provider} reported ${next}`, now);
  return done(fallback ? `falls back to ${fallback}` : null);
}

/** Twilio's CallStatus back from the stored event: completed, or the failure its code names (CALL_NO_ANSWER: no-answer). */
const endStatus = (e: Extract<StoredEvent, { type: 'delivery' }>): string =>
  e.error ? e.error.code.replace(/^CALL_/, '').toLowerCase().replace('_', '-') : 'completed';

/** The customer a reply is from: the one the answered message went to, else the one whose contact is that address. */
async function customerByAddress(tx: Queryable, orgId: string, channel: string, address: string): Promise<string | undefined> {
  return customerIdByAddress(tx, orgId, channel, address);
}

async function applyReply(tx: Queryable, orgId: string, provider: EventSource, inboxId: string, e: Extract<StoredEvent, { type: 'reply' }>, now: Date): Promise<ApplyOutcome> {
  if (!LEDGER.includes(e.channel)) return done(`replies on ${e.channel} are not kept`);
  // an automatic reply (an out-of-office) is kept in the inbox as a mailbox's is: not in the conversation, not read, not answered
  if (e.automatic) return done(automaticNote(e.automatic));
  const channel = e.channel as LedgerChannel;
  const from = normaliseAddress(channel, e.from);
  // words said on a call the debtor made to the org's number answer that call (in_reply_to its CallSid), not a reminder
  // call cobro placed to the number before; the customer is the one whose phone on file is the caller's
  const calledIn = provider === 'twilio' && channel === 'voice' && (await incomingCaller(tx, orgId, e.providerMessageId)) !== undefined;
  const answered = calledIn ? undefined : await messageByProviderId(tx, orgId, provider, e.inReplyTo ?? e.providerMessageId)
    ?? (await openCopies(tx, orgId, 'messages.address', await tx.query<Sent>(
      `SELECT id, org_id, action_id, customer_id, channel, status, address FROM messages
       WHERE org_id = $1 AND channel = $2 AND (address = $3 OR address_bidx = $4) AND sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT 1`,
      [orgId, channel, from, await addressLookupIndex(tx, orgId, from)])))[0];
  const customerId = calledIn ? await callerCustomer(tx, orgId, from) : answered?.customer_id ?? await customerByAddress(tx, orgId, channel, from);
  const at = e.at ? new Date(e.at) : now;
  // the sender sealed bound to the message when the org has field encryption on
  const inboundId = newId('inboundMessage', now.getTime());
  const stored = storedCopy(await sealerFor(tx, orgId), 'inbound_messages.from_address', inboundId, from);
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, in_reply_to, inbox_event_id, received_at,
       created_at, speech_confidence)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (org_id, provider, provider_message_id) DO NOTHING RETURNING id`,
    [inboundId, orgId, customerId ?? null, channel, provider, e.eventId, stored, e.text,
      calledIn ? e.providerMessageId : answered?.id ?? null, inboxId, at, now, e.confidence ?? null]);
  if (inserted.length === 0) return done('already recorded');
  // the files sent with it (a receipt's photo, a PDF), fetched by the worker after this
  await recordMedia(tx, orgId, provider, inserted[0]!.id, customerId ?? null, e.media, at, now);
  if (!customerId) return done(`no customer has the ${channel} address ${from}`);
  // a reply opens WhatsApp's 24-hour window (WA-2) and counts as a conversation
  await recordContact(tx, orgId, { customerId, at, channel, direction: 'inbound', outcome: 'conversation', address: from });
  const effect = await applyReplyText(tx, orgId, `debtor:${provider}`, customerId, e.text, { channel, address: from }, now);
  if (effect.detection.kind === 'wrong_party') {
    // staff find the debtor's right contact; the address is already suppressed
    await putTask(tx, orgId, { customerId, caseId: null, key: `inbound:wrong:${inserted[0]!.id}`, kind: 'review', priority: 'high', dueDate: now.toISOString().slice(0, 10),
      note: `Wrong party at ${from} (${channel}): "${e.text.slice(0, 500)}". The address is suppressed on its channels; find the debtor's right contact.` }, now);
  } else if (effect.detection.kind === 'name_mismatch') {
    // "no soy Pedro" to María's number: nothing is suppressed until a person knows who answered and what about
    await putTask(tx, orgId, { customerId, caseId: null, key: `inbound:name:${inserted[0]!.id}`, kind: 'review', priority: 'normal', dueDate: now.toISOString().slice(0, 10),
      note: `A reply from ${from} (${channel}) says "${effect.detection.matched}", and "${effect.detection.name}" is not the debtor's name: "${e.text.slice(0, 500)}". `
        + 'Check who answered (a shared phone, a reply about someone else) before suppressing the address.' }, now);
  }
  // the agent reads it after this round's events (when the org has it on); a STOP above is already applied
  await queueAgentTurn(tx, orgId, { inboundId: inserted[0]!.id, customerId, channel }, now);
  return done(effect.detection.kind === 'none' ? null : `read as ${effect.detection.kind}`);
}

async function applyOptOut(tx: Queryable, orgId: string, provider: EventSource, e: Extract<StoredEvent, { type: 'opt_out' | 'opt_in' }>, now: Date): Promise<ApplyOutcome> {
  if (e.type === 'opt_in' || !LEDGER.includes(e.channel)) return done('only an opt-out changes anything here');
  const channel = e.channel as LedgerChannel;
  const address = normaliseAddress(channel, e.from);
  const customerId = await customerByAddress(tx, orgId, channel, address);
  if (!customerId) return done(`no customer has the ${channel} address ${address}`);
  await suppress(tx, orgId, `provider:${provider}`, customerId, { scope: 'address', channel, address, reason: `${provider}: ${e.keyword}`, source: 'provider' }, now);
  return done(`suppressed ${address}`);
}

/** Digit 1 asks for the payment link by SMS: an SMS for the call's action, through the gate like any send. */
async function applyKeypress(tx: Queryable, orgId: string, provider: EventSource, e: Extract<StoredEvent, { type: 'keypress' }>, now: Date): Promise<ApplyOutcome> {
  const call = await messageByProviderId(tx, orgId, provider, e.providerMessageId);
  if (!call) {
    const caller = provider === 'twilio' ? await incomingCaller(tx, orgId, e.providerMessageId) : undefined;
    if (caller !== undefined) return applyIncomingKeypress(tx, orgId, e, caller, now);
    return { status: 'waiting', note: `no call with ${provider} id ${e.providerMessageId} yet` };
  }
  if (e.digits !== '1') return done(`pressed ${e.digits}`);
  const rows = await tx.query(
    `INSERT INTO messages (id, org_id, action_id, case_id, customer_id, channel, template, tone, status, reason, next_attempt_at, created_at, updated_at)
     SELECT 'msg_' || substr(md5(a.id || '/sms'), 1, 22), a.org_id, a.id, a.case_id, a.customer_id, 'sms', a.template, a.tone, 'queued',
            CASE WHEN a.step_id = 'portal-confirmation' THEN 'asked for the confirmation''s details by SMS during the call'
                 ELSE 'asked for the payment link by SMS during the call' END, $3, $3, $3
     FROM actions a WHERE a.org_id = $1 AND a.id = $2 ON CONFLICT (org_id, action_id, channel) DO NOTHING RETURNING id`, [orgId, call.action_id, now]);
  return done(rows.length ? 'an SMS with the link is queued' : 'this step already had an SMS');
}

/** What the worker did with a reply before applying it (Mailgun's stored message read or not), before what applying it did. */
function withNote(o: ApplyOutcome, note: string | undefined): ApplyOutcome {
  if (!note || o.status !== 'processed') return o;
  return done(o.note ? `${note}; ${o.note}` : note);
}

export async function applyEvent(tx: Queryable, orgId: string, provider: EventSource, inboxId: string, e: StoredEvent, now: Date): Promise<ApplyOutcome> {
  switch (e.type) {
    case 'delivery': return applyDelivery(tx, orgId, provider, e, now);
    case 'reply': return withNote(await applyReply(tx, orgId, provider, inboxId, e, now), e.note);
    case 'keypress': return applyKeypress(tx, orgId, provider, e, now);
    case 'incoming_call': return applyIncomingCall(tx, orgId, e, now);
    case 'dial_ended': return applyDialEnded(tx, orgId, e, now);
    case 'dial_screen': return applyDialScreen(e);
    case 'dial_amd': return applyDialAmd(e);
    default: return applyOptOut(tx, orgId, provider, e, now);
  }
}
