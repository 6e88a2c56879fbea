// Gateway webhooks: the signature checked on the raw bytes before anything is parsed, the raw event stored once per
// provider event id (R-2), then processed in one transaction; events that wait (a refund before its payment) or fail
// stay in inbox_events with their error and attempts and are tried again by the worker round.
import type { EgressPolicy } from '../channels/index.ts';
import type { Db, Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { getOrg } from '../orgs/index.ts';
import { gatewayFor, type GatewayAdapter, type GatewayName, type PaymentFacts, type PayoutFacts, type RawWebhook, type WebhookMeaning } from './gateways/index.ts';
import { expireLink } from './links-store.ts';
import { applyFacts, type ApplyOutcome } from './webhooks-apply.ts';
import { recordGatewayPayout } from './gateway-payouts.ts';
import { settleLostPayout } from '../reconciliation/index.ts';
import { fetchAdyenReport, FinalEventError } from './adyen-report-fetch.ts';
import { withChosenVoucher } from './voucher-read.ts';

/** `egress`: the operator's policy for an `api_base` an org set (none: unchecked). */
export interface WebhookDeps { db: Db; secretKey?: string; egress?: EgressPolicy }

export type WebhookAnswer =
  | { status: 200; body: { received: true; duplicate: boolean; event: string; status?: InboxStatus }; text?: string }
  | { status: 400 | 403; body: { error: { code: string; message: string } } };

export type InboxStatus = 'received' | 'processed' | 'failed';

export interface Processed { status: InboxStatus; outcome: ApplyOutcome | { kind: 'expired' | 'ignored' | 'error'; reason: string } }

/** Tries after a wait or a failure: one minute, doubling, at most six hours apart; after this many it stops. */
export const MAX_ATTEMPTS = 12;
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

const refuse = (code: string, message: string, status: 400 | 403 = 400): WebhookAnswer => ({ status, body: { error: { code, message } } });
const actorFor = (provider: GatewayName) => `gateway:${provider}`;

/** Handles one delivery: verify, store once, process. Answers 200 once the raw event is stored, whatever processing did. */
export async function receiveGatewayWebhook(deps: WebhookDeps, provider: GatewayName, orgId: string, raw: RawWebhook, now: Date): Promise<WebhookAnswer> {
  if (!(await getOrg(deps.db, orgId))) return refuse('NOT_FOUND', 'unknown org');
  const adapter = await gatewayFor(deps, orgId, provider);
  if (!adapter.ok) return refuse('INVALID_STATE', adapter.error.message);
  const gw = adapter.value;
  const check = await gw.verify(raw, now);
  if (!check.ok) return refuse('SIGNATURE_INVALID', `the ${provider} signature does not verify: ${check.code}`, gw.refusedStatus);
  let body: unknown;
  try { body = (gw.parse ?? JSON.parse)(raw.body.toString('utf8')); } catch { return refuse('VALIDATION_FAILED', 'the body is not JSON'); }
  if (gw.split) {
    const events = gw.split(body);
    if (!events?.length) return refuse('VALIDATION_FAILED', `the ${provider} delivery has no events, or one without its id`);
    let last: WebhookAnswer = refuse('VALIDATION_FAILED', 'no event');
    // each item is an event of its own: stored once by its id, processed on its own
    for (const e of events) last = await storeAndProcess(deps, gw, orgId, e.eventId, JSON.stringify(e.body), now);
    return gw.acceptedBody && last.status === 200 ? { ...last, text: gw.acceptedBody } : last;
  }
  const eventId = gw.eventId(raw, body);
  if (!eventId) return refuse('VALIDATION_FAILED', `the ${provider} event has no id (or names another payment than the signed one)`);
  return storeAndProcess(deps, gw, orgId, eventId, raw.body.toString('utf8'), now);
}

async function storeAndProcess(deps: WebhookDeps, gw: GatewayAdapter, orgId: string, eventId: string, body: string, now: Date): Promise<WebhookAnswer> {
  // namespaced by org: another tenant can never take an event id first
  const stored = await deps.db.query<{ id: string }>(
    `INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'received', $5) ON CONFLICT (provider, event_id) DO NOTHING RETURNING id`,
    [newId('inboxEvent', now.getTime()), orgId, gw.provider, `${orgId}/${eventId}`, now, body]);
  if (!stored[0]) return { status: 200, body: { received: true, duplicate: true, event: eventId } };
  const done = await processInboxEvent(deps, orgId, stored[0].id, now, gw);
  return { status: 200, body: { received: true, duplicate: false, event: eventId, status: done.status } };
}

/** A payout kept with its state; one that did not arrive after all has its bank lines revisited in the same transaction. */
export async function applyPayout(tx: Queryable, kind: Db['kind'], orgId: string, provider: GatewayName, p: PayoutFacts, now: Date): Promise<Processed['outcome']> {
  const r = await recordGatewayPayout(tx, orgId, p, now);
  if (!r.lost) return { kind: 'ignored', reason: r.note };
  const lost = await settleLostPayout(tx, kind, orgId, p.provider, p.payoutId, { actor: actorFor(provider), now });
  return { kind: 'ignored', reason: `${r.note}: ${lost.note}` };
}

/**
 * One event about several payments: each applied; the event waits while any of them does (applying the others again then
 * changes nothing), else it reads as the first that changed the ledger.
 */
async function applySeveral(tx: Queryable, orgId: string, provider: GatewayName, facts: PaymentFacts[], now: Date): Promise<Processed['outcome']> {
  const outcomes: ApplyOutcome[] = [];
  for (const f of facts) outcomes.push(await applyFacts(tx, orgId, actorFor(provider), f, now));
  return outcomes.find((o) => o.kind === 'waiting') ?? outcomes.find((o) => o.kind === 'adjusted' || o.kind === 'recorded') ?? outcomes[0]
    ?? { kind: 'ignored', reason: 'no payment named' };
}

async function applyMeaning(tx: Queryable, kind: Db['kind'], orgId: string, provider: GatewayName, m: WebhookMeaning | { kind: 'none'; reason: string },
  now: Date): Promise<Processed['outcome']> {
  if (m.kind === 'facts') return applyFacts(tx, orgId, actorFor(provider), m.facts, now);
  if (m.kind === 'several') return applySeveral(tx, orgId, provider, m.facts, now);
  if (m.kind === 'payout') return applyPayout(tx, kind, orgId, provider, m.payout, now);
  if (m.kind === 'expired') {
    const n = await expireLink(tx, orgId, provider, m, now);
    return { kind: 'expired', reason: n ? 'the link expired' : 'no open link for this session' };
  }
  if (m.kind === 'report') return { kind: 'ignored', reason: `the report ${m.fileName} was not fetched` };
  if (m.kind === 'chargeback') return { kind: 'ignored', reason: `the chargeback ${m.chargebackRef} was not read` };
  return { kind: 'ignored', reason: m.kind === 'fetch' ? `the payment ${m.paymentRef} was not fetched` : m.kind === 'capture' ? `the order ${m.orderRef} was not captured` : m.reason };
}

function statusOf(o: Processed['outcome']): { status: InboxStatus; note: string | null } {
  if (o.kind === 'waiting') return { status: 'received', note: `waiting: ${o.reason}` };
  if (o.kind === 'unmatched') return { status: 'failed', note: `unmatched: ${o.reason}` };
  if (o.kind === 'nothing' || o.kind === 'ignored' || o.kind === 'expired') return { status: 'processed', note: o.reason };
  return { status: 'processed', note: null };
}

async function markFailed(db: Queryable, id: string, attempts: number, message: string, now: Date): Promise<void> {
  const next = attempts + 1 >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(attempts + 1));
  await db.query(`UPDATE inbox_events SET status = 'failed', error = $2, attempts = attempts + 1, next_attempt_at = $3 WHERE id = $1 AND status <> 'processed'`,
    [id, message.slice(0, 2000), next]);
}

/** An approved order captured, unless its link has ended (an expired link's order is never captured, so never paid). */
export async function captureApproved(deps: { db: Queryable }, orgId: string, gw: GatewayAdapter, orderRef: string, now: Date): Promise<WebhookMeaning | { kind: 'none'; reason: string }> {
  const [link] = await deps.db.query<{ status: string; expires_at: string }>(
    'SELECT status, expires_at FROM payment_links WHERE org_id = $1 AND provider = $2 AND provider_ref = $3', [orgId, gw.provider, orderRef]);
  if (link && (link.status === 'expired' || (link.status === 'open' && Date.parse(link.expires_at) <= now.getTime()))) {
    return { kind: 'none', reason: `the link of ${gw.provider} order ${orderRef} has expired: the order is not captured` };
  }
  if (!gw.captureOrder) throw new Error(`${gw.provider} captures no orders`);
  const captured = await gw.captureOrder(orderRef, now);
  if (!captured.ok) throw new Error(captured.error.message);
  return captured.value ? { kind: 'facts', facts: captured.value } : { kind: 'none', reason: `${gw.provider} order ${orderRef} holds no capture` };
}

/** Processes one stored event in one transaction (a payment fetched from the provider first, outside it). */
export async function processInboxEvent(deps: WebhookDeps, orgId: string, inboxId: string, now: Date, adapter?: GatewayAdapter,
  opts: { cascade?: boolean } = {}): Promise<Processed> {
  const [ev] = await deps.db.query<{ provider: GatewayName; body: string; status: InboxStatus; attempts: number }>(
    `SELECT provider, body, status, attempts FROM inbox_events WHERE org_id = $1 AND id = $2`, [orgId, inboxId]);
  if (!ev) return { status: 'failed', outcome: { kind: 'error', reason: `no event ${inboxId}` } };
  if (ev.status === 'processed') return { status: 'processed', outcome: { kind: 'ignored', reason: 'already processed' } };
  try {
    let gw = adapter;
    if (!gw) {
      const r = await gatewayFor(deps, orgId, ev.provider);
      if (!r.ok) throw new Error(r.error.message);
      gw = r.value;
    }
    let meaning: WebhookMeaning | { kind: 'none'; reason: string } = gw.interpret((gw.parse ?? JSON.parse)(ev.body));
    if (meaning.kind === 'fetch') {
      const fetched = await gw.fetchPayment(meaning.paymentRef, now);
      if (!fetched.ok) throw new Error(fetched.error.message);
      meaning = fetched.value ? { kind: 'facts', facts: fetched.value } : { kind: 'none', reason: `${ev.provider} knows no payment ${meaning.paymentRef}` };
    } else if (meaning.kind === 'chargeback') {
      if (!gw.readChargeback) throw new Error(`${ev.provider} reads no chargebacks`);
      const read = await gw.readChargeback(meaning.chargebackRef, now);
      if (!read.ok) throw new Error(read.error.message);
      meaning = read.value ? { kind: 'facts', facts: read.value } : { kind: 'none', reason: `${ev.provider} knows no chargeback ${meaning.chargebackRef}` };
    } else if (meaning.kind === 'capture') {
      meaning = await captureApproved(deps, orgId, gw, meaning.orderRef, now);
    } else if (meaning.kind === 'report') {
      meaning = { kind: 'none', reason: await fetchAdyenReport(deps.db, orgId, inboxId, gw, meaning, now) };
    } else if (meaning.kind === 'facts' && meaning.facts.voucher?.state === 'issued') {
      meaning = { kind: 'facts', facts: await withChosenVoucher(gw, meaning.facts) };
    }
    const m = meaning;
    const done = await deps.db.transaction(async (tx): Promise<Processed> => {
      const [locked] = await tx.query<{ status: InboxStatus }>('SELECT status FROM inbox_events WHERE id = $1 FOR UPDATE', [inboxId]);
      if (locked?.status === 'processed') return { status: 'processed', outcome: { kind: 'ignored', reason: 'already processed' } };
      const outcome = await applyMeaning(tx, deps.db.kind, orgId, ev.provider, m, now);
      const { status, note } = statusOf(outcome);
      const giveUp = status !== 'processed' && ev.attempts + 1 >= MAX_ATTEMPTS;
      await tx.query(`UPDATE inbox_events SET status = $2, error = $3, attempts = attempts + 1, next_attempt_at = $4 WHERE id = $1`,
        [inboxId, giveUp ? 'failed' : status, giveUp ? `gave up after ${MAX_ATTEMPTS} attempts: ${note}` : note,
          status === 'processed' || giveUp ? null : new Date(now.getTime() + retryDelayMs(ev.attempts + 1))]);
      return { status: giveUp ? 'failed' : status, outcome };
    });
    // a payment recorded now may be what a waiting refund or dispute of the same provider needs
    if (done.outcome.kind === 'recorded' && opts.cascade !== false) await retryInbox(deps, orgId, now, { provider: ev.provider, waitingOnly: true });
    return done;
  } catch (e) {
    const message = (e as Error).message;
    await markFailed(deps.db, inboxId, e instanceof FinalEventError ? MAX_ATTEMPTS : ev.attempts, message, now);
    return { status: 'failed', outcome: { kind: 'error', reason: message } };
  }
}

export interface RetryReport { tried: number; processed: number; waiting: number; failed: number }

/** Events whose turn has come (waiting or failed), oldest first; `waitingOnly` takes every waiting one of a provider now. */
export async function retryInbox(deps: WebhookDeps, orgId: string, now: Date, opts: { provider?: GatewayName; waitingOnly?: boolean; limit?: number } = {}): Promise<RetryReport> {
  const rows = await deps.db.query<{ id: string }>(
    `SELECT id FROM inbox_events WHERE org_id = $1 AND provider IN ('stripe', 'mercadopago', 'adyen', 'paypal') AND ($2::text IS NULL OR provider = $2)
       AND ${opts.waitingOnly ? `status = 'received'` : `status IN ('received', 'failed') AND next_attempt_at <= $3`}
       AND next_attempt_at IS NOT NULL AND attempts < $4 AND $3::timestamptz IS NOT NULL
     ORDER BY received_at, id LIMIT $5`, [orgId, opts.provider ?? null, now, MAX_ATTEMPTS, opts.limit ?? 200]);
  const report: RetryReport = { tried: rows.length, processed: 0, waiting: 0, failed: 0 };
  for (const r of rows) {
    const done = await processInboxEvent(deps, orgId, r.id, now, undefined, { cascade: false });
    if (done.status === 'processed') report.processed++;
    else if (done.status === 'received') report.waiting++;
    else report.failed++;
  }
  return report;
}
