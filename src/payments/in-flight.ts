// Payments in flight: a voucher issued through a payment link (Stripe Checkout's OXXO or boleto, a Mercado Pago ticket) and
// not paid yet holds the reminders for the link's invoices until the voucher expires; a bank debit processing (Stripe's
// SEPA Direct Debit or ACH, in-flight-debits.ts) holds them until the gateway confirms or fails it, at most the method's
// longest confirmation time. The hold is the one the engine already keeps for a payment the debtor says they made (an
// open `agent_claims` row, read by the `payment_claimed` / `payment_in_flight` stop and by the compliance gate as a
// payment pending), with `source` `voucher` or `debit`: it ends confirmed when the payment is recorded, expired when the
// provider says it can no longer be paid or failed, or when the debtor's local date reaches its end (the agent round's
// sweep), and reminders then resume by themselves. Each step is a case timeline entry and an audit record.
import type { Queryable } from '../db/index.ts';
import { addDays, dateInZone, newId, type CalendarDate, type IdKind } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent, replanCase } from '../engine/index.ts';
import type { PaymentFacts, VoucherFacts } from './gateways/index.ts';
import type { LinkRow } from './links-store.ts';
import { completeMerchantTask } from './paypal-accept-task.ts';
import type { ApplyOutcome } from './webhooks-apply.ts';

/** Ids of voucher holds: the engine tells them from a debtor's claim (clm_) by this prefix. */
export const VOUCHER_HOLD_KIND = 'paymentInFlight' as const;
/** A voucher whose choice could not be read is read again this long after (then by the inbox's backoff, voucher-reread.ts). */
export const VOUCHER_REREAD_FIRST_MS = 60_000;
/** Ids of bank debit holds (the engine words their stop apart). */
export const DEBIT_HOLD_KIND = 'debitInFlight' as const;

export type HoldSource = 'voucher' | 'debit';

export interface VoucherHold {
  id: string; customer_id: string; case_id: string; provider: string; payment_ref: string; method: string | null;
  invoice_ids: string[]; hold_until: CalendarDate; expires_at: string; status: string; amount: number; currency: string; source: HoldSource;
  /** When the payment went in flight (the hold opened). */
  created_at: string;
}

const HOLD_COLUMNS = 'id, customer_id, case_id, provider, payment_ref, method, invoice_ids, hold_until, expires_at, status, amount::float8 AS amount, currency, source, created_at';

/** A hold to open: what it is, until when, and the timeline's and audit log's words for it. */
export interface NewHold {
  source: HoldSource; method: string; expiresAt: Date;
  /** The hold's last day, from the debtor's date when the payment went in flight. */
  holdUntil: (today: CalendarDate, zone: string) => CalendarDate;
  /** The timeline's sentence, given the invoices held and the hold's end. */
  describe: (invoices: number, holdUntil: CalendarDate) => string;
  audit: string;
  /** More for the timeline's and the audit log's data (how a voucher's expiry was found). */
  data?: Record<string, unknown>;
  /** Why the voucher the debtor chose could not be read, when it is to be read again (voucher-reread.ts). */
  reread?: string;
}

/**
 * Opens the hold for a payment in flight through `link` (once per provider payment, whatever its source: a repeat, or a
 * payment already paid or ended, changes nothing). Reminders are held for the link's invoices still owing. Returns the
 * hold, or null when nothing was opened.
 */
export async function openHold(q: Queryable, orgId: string, actor: string, f: PaymentFacts, link: LinkRow, h: NewHold, now: Date): Promise<VoucherHold | null> {
  // paid already (the payment's event came first): nothing is in flight
  const [paid] = await q.query<{ n: number }>('SELECT 1 AS n FROM gateway_payments WHERE org_id = $1 AND provider = $2 AND payment_ref = $3',
    [orgId, f.provider, f.paymentRef]);
  if (paid) return null;
  const [who] = await q.query<{ timezone: string; case_id: string | null }>(
    `SELECT COALESCE(cu.timezone, o.default_timezone, 'UTC') AS timezone,
       (SELECT c.id FROM cases c WHERE c.org_id = cu.org_id AND c.customer_id = cu.id) AS case_id
     FROM customers cu JOIN orgs o ON o.id = cu.org_id WHERE cu.org_id = $1 AND cu.id = $2`, [orgId, link.customer_id]);
  const invoices = (await q.query<{ id: string }>(
    `SELECT id FROM invoices WHERE org_id = $1 AND id = ANY($2::text[]) AND balance > 0 AND NOT cancelled ORDER BY due_date, id`,
    [orgId, link.invoice_ids])).map((i) => i.id);
  const zone = who?.timezone ?? 'UTC';
  const holdUntil = h.holdUntil(dateInZone(now, zone), zone);
  const caseId = who?.case_id ?? '';
  const kind: IdKind = h.source === 'debit' ? DEBIT_HOLD_KIND : VOUCHER_HOLD_KIND;
  const [row] = await q.query<VoucherHold>(
    `INSERT INTO agent_claims (id, org_id, customer_id, case_id, invoice_ids, amount, currency, status, hold_until, created_at,
       source, provider, payment_ref, method, expires_at, expiry_unread, expiry_read_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, 'open', $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (org_id, provider, payment_ref) WHERE source <> 'debtor' DO NOTHING RETURNING ${HOLD_COLUMNS}`,
    [newId(kind, now.getTime()), orgId, link.customer_id, caseId, invoices, link.amount, link.currency, holdUntil, now.toISOString(),
      h.source, f.provider, f.paymentRef, h.method, h.expiresAt.toISOString(), h.reread?.slice(0, 1000) ?? null,
      h.reread ? new Date(now.getTime() + VOUCHER_REREAD_FIRST_MS) : null]);
  if (!row) return null;
  if (caseId) {
    await addCaseEvent(q, orgId, caseId, 'payment_in_flight', h.describe(invoices.length, holdUntil),
      { hold_id: row.id, link_id: link.id, provider: f.provider, payment_ref: f.paymentRef, method: h.method, source: h.source,
        expires_at: h.expiresAt.toISOString(), until: holdUntil, invoice_ids: invoices, ...h.data }, now);
  }
  await recordAudit(q, { orgId, actor, action: h.audit, entity: 'payment_link', entityId: link.id,
    data: { hold: row.id, provider: f.provider, payment_ref: f.paymentRef, method: h.method, expires_at: h.expiresAt.toISOString(), hold_until: holdUntil, ...h.data } }, now);
  await replanCase(q, orgId, link.customer_id, now);
  return row;
}

/** How the voucher's expiry was found, for the timeline: the debtor's choice as the gateway said, or the offered methods' latest. */
function basisWords(v: VoucherFacts): string {
  if (v.basis === 'chosen') return `; the ${v.method ?? 'voucher'} voucher the debtor chose, as the payment says`;
  if (v.basis === 'offered') {
    return `; which voucher the debtor chose could not be read (${v.unread ?? 'no answer'}): held to the latest expiry among the methods offered${v.rereadable ? ', read again later' : ''}`;
  }
  return '';
}

/** Opens the hold for a voucher issued through `link`, until the day after the voucher's expiry in the debtor's zone. */
export async function holdVoucher(q: Queryable, orgId: string, actor: string, f: PaymentFacts, link: LinkRow, now: Date): Promise<VoucherHold | null> {
  const v = f.voucher;
  if (!v || v.state !== 'issued' || !v.expiresAt) return null;
  const expiresAt = new Date(v.expiresAt);
  const method = v.method ?? 'voucher';
  return openHold(q, orgId, actor, f, link, { source: 'voucher', method, expiresAt, audit: 'gateway.voucher_issued',
    holdUntil: (_today, zone) => addDays(dateInZone(expiresAt, zone), 1),
    describe: (n, until) => `a ${method} voucher was issued through payment link ${link.id} (${f.provider} ${f.paymentRef}): reminders for ${n} invoice(s) held until ${until}, the day after it expires (${expiresAt.toISOString()})${basisWords(v)}`,
    ...(v.basis ? { data: { expiry_basis: v.basis, ...(v.unread ? { expiry_unread: v.unread.slice(0, 300) } : {}) } } : {}),
    ...(v.rereadable && v.unread ? { reread: v.unread } : {}) }, now);
}

/** The timeline's kind and sentence, and the audit action, for a hold's end. */
function endWords(h: VoucherHold, status: 'confirmed' | 'expired', why: string | undefined): { kind: string; reason: string; action: string } {
  const method = h.method ?? h.source;
  const of = `(${h.provider} ${h.payment_ref})`;
  if (h.source === 'debit') {
    // a payment PayPal held pending for another reason than an eCheck (gateways/paypal-pending.ts) is no debit
    const what = method.startsWith('paypal_') ? 'payment PayPal held pending' : `${method} debit`;
    if (status === 'confirmed') return { kind: 'payment_debit_succeeded', reason: `the ${what} ${of} succeeded: the payment is recorded`, action: 'gateway.debit_succeeded' };
    return why ? { kind: 'payment_debit_failed', reason: `${why} ${of}: reminders resume`, action: 'gateway.debit_failed' }
      : { kind: 'payment_debit_unconfirmed', reason: `the ${what} ${of} was neither confirmed nor failed by ${h.hold_until}, its longest confirmation time: the hold ran out and reminders resume`,
        action: 'gateway.debit_unconfirmed' };
  }
  if (status === 'confirmed') return { kind: 'voucher_paid', reason: `the ${method} voucher ${of} was paid`, action: 'gateway.voucher_paid' };
  return { kind: 'voucher_expired', reason: `the ${method} voucher ${of} ${why ?? `expired unpaid (${h.expires_at})`}: reminders resume`, action: 'gateway.voucher_expired' };
}

/** Ends an open hold by its id: paid (`confirmed`) or no longer payable, failed or run out (`expired`); the case is planned again. */
export async function endInFlightHold(q: Queryable, orgId: string, holdId: string, status: 'confirmed' | 'expired', now: Date, why?: string): Promise<boolean> {
  const [h] = await q.query<VoucherHold>(
    `UPDATE agent_claims SET status = $3, resolved_at = $4, resolved_by = 'gateway', note = $5
     WHERE org_id = $1 AND id = $2 AND source <> 'debtor' AND status = 'open' RETURNING ${HOLD_COLUMNS}`,
    [orgId, holdId, status, now.toISOString(), (why ?? null)?.slice(0, 1000) ?? null]);
  if (!h) return false;
  // a payment PayPal held for the merchant's action: the task that asked for it is done
  await completeMerchantTask(q, orgId, h, status, why, now);
  const { kind, reason, action } = endWords(h, status, why);
  if (h.case_id) {
    await addCaseEvent(q, orgId, h.case_id, kind, reason,
      { hold_id: h.id, provider: h.provider, payment_ref: h.payment_ref, method: h.method ?? h.source, source: h.source, expires_at: h.expires_at }, now);
  }
  await recordAudit(q, { orgId, actor: `gateway:${h.provider}`, action, entity: 'customer', entityId: h.customer_id,
    data: { hold: h.id, payment_ref: h.payment_ref, reason } }, now);
  await replanCase(q, orgId, h.customer_id, now);
  return true;
}

/** Ends the open hold of a provider payment, if there is one (paid, or ended unpaid). */
export async function endInFlightOf(q: Queryable, orgId: string, f: PaymentFacts, status: 'confirmed' | 'expired', now: Date, why?: string): Promise<boolean> {
  const [h] = await q.query<{ id: string }>(
    `SELECT id FROM agent_claims WHERE org_id = $1 AND source <> 'debtor' AND provider = $2 AND payment_ref = $3 AND status = 'open' FOR UPDATE`,
    [orgId, f.provider, f.paymentRef]);
  return h ? endInFlightHold(q, orgId, h.id, status, now, why) : false;
}

/** The customer's vouchers in flight today (open holds whose expiry the debtor's date has not passed), for the portal. */
export async function vouchersInFlight(q: Queryable, orgId: string, customerId: string, today: CalendarDate): Promise<VoucherHold[]> {
  return q.query<VoucherHold>(
    `SELECT ${HOLD_COLUMNS} FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND source = 'voucher' AND status = 'open' AND hold_until > $3
     ORDER BY expires_at, id`, [orgId, customerId, today]);
}

/**
 * The customer's payments in flight today, vouchers and bank debits (open holds the debtor's date has not run out), for
 * the portal: the oldest first.
 */
export async function paymentsInFlight(q: Queryable, orgId: string, customerId: string, today: CalendarDate): Promise<VoucherHold[]> {
  return q.query<VoucherHold>(
    `SELECT ${HOLD_COLUMNS} FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND source <> 'debtor' AND status = 'open' AND hold_until > $3
     ORDER BY created_at, id`, [orgId, customerId, today]);
}

/** A voucher's facts applied: issued through a link cobro knows, its hold opened; ended unpaid, its hold ended. */
export async function applyVoucher(q: Queryable, orgId: string, actor: string, f: PaymentFacts, link: LinkRow | null, now: Date): Promise<ApplyOutcome> {
  const v = f.voucher!;
  if (v.state === 'ended') {
    const ended = await endInFlightOf(q, orgId, f, 'expired', now, v.reason);
    return { kind: 'nothing', reason: `${f.provider} payment ${f.paymentRef}: ${v.reason ?? 'ended unpaid'}${ended ? '; its hold ended, reminders resume' : ''}` };
  }
  if (!link) return { kind: 'nothing', reason: `${f.provider} voucher ${f.paymentRef} names no cobro link: nothing held` };
  const held = await holdVoucher(q, orgId, actor, f, link, now);
  return { kind: 'nothing', reason: held ? `${f.provider} voucher ${f.paymentRef} in flight: reminders held until ${held.hold_until}`
    : `${f.provider} voucher ${f.paymentRef} already held, paid or ended` };
}
