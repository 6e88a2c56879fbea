// A reported payout's balance transactions fetched from its gateway and kept whole: by the worker round after
// payout.paid, or on demand. All pages are read before anything is written; the payout's rows are then replaced in one
// transaction. A failed fetch is recorded (attempts, error, next try) and leaves the earlier rows as they were.
import type { Db, Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { gatewayFor, retrieveStripePayout, stripeConfigFor, type GatewayAccess, type PayoutTransaction } from './gateways/index.ts';
import type { StripePayoutTransaction } from './gateways/stripe-balance.ts';
import { checkPayout, isPayoutItself, type BreakdownCheck, type FetchState, type StoredTransaction } from './payout-breakdown.ts';
import { applyPayout, MAX_ATTEMPTS, retryDelayMs } from './webhooks.ts';
import { getReportedPayout, type ReportedPayout } from '../reconciliation/index.ts';

export interface PayoutFetch {
  /** not_listed: a manual payout, whose balance transactions Stripe does not list by payout (never read). */
  gateway: string; payout_id: string; state: FetchState | 'not_listed'; attempts: number; error: string | null;
  next_attempt_at: string | null; fetched_at: string | null; transactions: number;
  /** Stripe's reconciliation_status of the payout as its events (or Stripe's payout itself) gave it; null when none said. */
  reconciliation_status: string | null;
  /** From Stripe's payout (GET /v1/payouts/{id}, read before the first read of its transactions): false for a manual payout. */
  automatic: boolean | null;
  payout_read_at: string | null;
}

interface PayoutRow { gateway: string; payout_id: string; amount: string | number; currency: string; status: string; txn_state: FetchState;
  txn_attempts: number; txn_error: string | null; txn_next_at: string | null; txn_fetched_at: string | null; reconciliation_status: string | null;
  automatic: boolean | null; payout_read_at: string | null; settled_by: string | null; settled_at: string | null; settled_note: string | null }

const INSERT_CHUNK = 200;
const COLUMNS = 18;

async function payoutRow(q: Queryable, orgId: string, gateway: string, payoutId: string, lock = false): Promise<PayoutRow | null> {
  const [r] = await q.query<PayoutRow>(`SELECT gateway, payout_id, amount, currency, status, txn_state, txn_attempts, txn_error,
      txn_next_at::text AS txn_next_at, txn_fetched_at::text AS txn_fetched_at, reconciliation_status, automatic,
      payout_read_at::text AS payout_read_at, settled_by, settled_at::text AS settled_at, settled_note
    FROM gateway_payouts WHERE org_id = $1 AND gateway = $2 AND payout_id = $3${lock ? ' FOR UPDATE' : ''}`, [orgId, gateway, payoutId]);
  return r ?? null;
}

const fetchOf = (r: PayoutRow, transactions: number): PayoutFetch => ({ gateway: r.gateway, payout_id: r.payout_id,
  state: r.automatic === false ? 'not_listed' : r.txn_state, attempts: r.txn_attempts, error: r.txn_error, next_attempt_at: r.txn_next_at,
  fetched_at: r.txn_fetched_at, transactions, reconciliation_status: r.reconciliation_status, automatic: r.automatic, payout_read_at: r.payout_read_at });

async function recordFailure(db: Queryable, orgId: string, r: PayoutRow, message: string, now: Date): Promise<PayoutFetch> {
  const attempts = r.txn_attempts + 1;
  const next = attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(attempts));
  await db.query(`UPDATE gateway_payouts SET txn_state = 'failed', txn_attempts = $4, txn_error = $5, txn_next_at = $6
    WHERE org_id = $1 AND gateway = $2 AND payout_id = $3`, [orgId, r.gateway, r.payout_id, attempts, message.slice(0, 2000), next]);
  const [kept] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM gateway_payout_transactions WHERE org_id = $1 AND gateway = $2 AND payout_id = $3`,
    [orgId, r.gateway, r.payout_id]);
  return { ...fetchOf(r, kept?.n ?? 0), state: 'failed', attempts, error: message, next_attempt_at: next?.toISOString() ?? null };
}

async function store(tx: Queryable, orgId: string, gateway: string, payoutId: string, txns: PayoutTransaction[]): Promise<void> {
  await tx.query('DELETE FROM gateway_payout_transactions WHERE org_id = $1 AND gateway = $2 AND payout_id = $3', [orgId, gateway, payoutId]);
  for (let i = 0; i < txns.length; i += INSERT_CHUNK) {
    const chunk = txns.slice(i, i + INSERT_CHUNK);
    const params: unknown[] = [];
    const rows = chunk.map((t, j) => {
      const exact = 'stripeUnits' in t ? (t as StripePayoutTransaction).stripeUnits : null;
      params.push(orgId, gateway, payoutId, t.id, t.type, t.reportingCategory, t.amount, t.fee, t.net, t.currency, t.sourceId, t.chargeId,
        t.paymentIntent, t.description, t.createdAt, exact?.amount ?? null, exact?.fee ?? null, exact?.net ?? null);
      const at = j * COLUMNS;
      return `(${Array.from({ length: COLUMNS }, (_, k) => `$${at + k + 1}`).join(', ')}, ${i + j})`;
    });
    // a transaction listed twice (a page boundary moving under a concurrent write at Stripe) is kept once
    await tx.query(`INSERT INTO gateway_payout_transactions (org_id, gateway, payout_id, txn_id, type, reporting_category, amount, fee, net, currency,
        source_id, charge_id, payment_intent, description, created_at, stripe_amount, stripe_fee, stripe_net, position) VALUES ${rows.join(', ')}
      ON CONFLICT (org_id, gateway, payout_id, txn_id) DO NOTHING`, params);
  }
}

/**
 * A read made while Stripe was still reconciling the payout whose net is not the payout's amount is read again later, as
 * a failed read is (one minute after, doubling to six hours, twelve times), unless payout.reconciliation_completed comes
 * first; any other read that worked is final.
 */
function readAgain(r: PayoutRow, txns: PayoutTransaction[], now: Date): { attempts: number; next: Date | null } {
  const net = txns.filter((t) => !isPayoutItself({ type: t.type, source_id: t.sourceId }, r.payout_id)).reduce((s, t) => s + t.net, 0);
  if (r.reconciliation_status !== 'in_progress' || net === Number(r.amount)) return { attempts: 0, next: null };
  const attempts = r.txn_attempts + 1;
  return { attempts, next: attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(attempts)) };
}

/**
 * Reads the Stripe payout itself and keeps what it says (automatic, reconciliation_status; completed stays). A payout
 * Stripe now says failed or canceled is handled as its event would be (its bank lines revisited, in one transaction).
 * Returns the payout's row as it now is, or the fetch to answer with (a failed read recorded, or the payout lost).
 */
async function readPayoutItself(ctx: GatewayAccess & { db: Db }, orgId: string, r: PayoutRow, now: Date): Promise<{ row: PayoutRow } | { done: PayoutFetch }> {
  const config = await stripeConfigFor(ctx, orgId);
  const seen = config.ok ? await retrieveStripePayout(config.value, r.payout_id, now) : null;
  if (!seen?.ok) return { done: await recordFailure(ctx.db, orgId, r, seen ? seen.error.message : config.ok ? '' : config.error.message, now) };
  const { automatic, reconciliation, facts } = seen.value;
  await ctx.db.transaction(async (tx) => {
    await tx.query(`UPDATE gateway_payouts SET automatic = COALESCE($4, automatic), payout_read_at = $5,
        reconciliation_status = CASE WHEN reconciliation_status = 'completed' THEN reconciliation_status ELSE COALESCE($6, reconciliation_status) END
      WHERE org_id = $1 AND gateway = $2 AND payout_id = $3`, [orgId, r.gateway, r.payout_id, automatic, now, reconciliation]);
    if (facts && facts.status !== 'paid') await applyPayout(tx, ctx.db.kind, orgId, 'stripe', facts, now);
  });
  const row = await payoutRow(ctx.db, orgId, r.gateway, r.payout_id);
  if (!row) return { done: fetchOf(r, 0) };
  return row.status === 'paid' ? { row } : { done: fetchOf(row, 0) };
}

/** Reads of a payout still pending Stripe's reconciliation after which cobro asks Stripe for the payout itself before each next read. */
export const ASK_PAYOUT_AFTER_READS = 2;

/**
 * Read again because Stripe was still reconciling it, ASK_PAYOUT_AFTER_READS times or more: payout.reconciliation_completed
 * may never come (or the payout failed without its event reaching cobro), so the payout itself says where it stands.
 */
const keepsPending = (r: PayoutRow) => r.reconciliation_status === 'in_progress' && r.txn_state === 'fetched' && r.txn_next_at !== null
  && r.txn_attempts >= ASK_PAYOUT_AFTER_READS;

/**
 * Fetches the payout's balance transactions now and keeps them, replacing an earlier fetch's. NOT_FOUND when the org has
 * no such reported payout; a gateway that did not answer (or Stripe not connected) is recorded as a failed fetch. A Stripe
 * payout is read itself first when cobro does not know yet whether it is automatic, or when reads keep showing it pending
 * Stripe's reconciliation: a manual one is not listed (Stripe lists balance transactions by payout for automatic payouts
 * only), one Stripe says failed or canceled is lost, one Stripe says completed is read and checked as final.
 */
export async function fetchPayoutTransactions(ctx: GatewayAccess & { db: Db }, orgId: string, gateway: string, payoutId: string, now: Date): Promise<Result<PayoutFetch>> {
  let r = await payoutRow(ctx.db, orgId, gateway, payoutId);
  if (!r) return fail('NOT_FOUND', `no reported payout ${gateway}:${payoutId}`, 'id');
  // only Stripe lists a payout's transactions by payout; Mercado Pago's come from its release report (payout-refetch.ts)
  if (gateway !== 'stripe') return fail('INVALID_STATE', `${gateway}:${payoutId}: ${gateway} lists no transactions by payout`, 'id');
  if (r.status === 'paid' && (r.automatic === null || keepsPending(r))) {
    const seen = await readPayoutItself(ctx, orgId, r, now);
    if ('done' in seen) return ok(seen.done);
    r = seen.row;
  }
  if (r.automatic === false) return ok(fetchOf(r, 0));
  const adapter = await gatewayFor(ctx, orgId, 'stripe');
  const list = adapter.ok ? adapter.value.payoutTransactions : undefined;
  if (!adapter.ok || !list) return ok(await recordFailure(ctx.db, orgId, r, adapter.ok ? `${gateway} lists no payout transactions` : adapter.error.message, now));
  const fetched = await list(payoutId);
  if (!fetched.ok) return ok(await recordFailure(ctx.db, orgId, r, fetched.error.message, now));
  const done = await ctx.db.transaction(async (tx) => {
    const locked = await payoutRow(tx, orgId, gateway, payoutId, true);
    if (!locked) return null;
    await store(tx, orgId, gateway, payoutId, fetched.value);
    const again = readAgain(locked, fetched.value, now);
    await tx.query(`UPDATE gateway_payouts SET txn_state = 'fetched', txn_attempts = $5, txn_error = NULL, txn_next_at = $6, txn_fetched_at = $4,
        settled_by = NULL, settled_at = NULL, settled_note = NULL
      WHERE org_id = $1 AND gateway = $2 AND payout_id = $3`, [orgId, gateway, payoutId, now, again.attempts, again.next]);
    return fetchOf({ ...locked, txn_state: 'fetched', txn_attempts: again.attempts, txn_error: null, txn_next_at: again.next?.toISOString() ?? null,
      txn_fetched_at: now.toISOString() }, fetched.value.length);
  });
  return done ? ok(done) : fail('NOT_FOUND', `no reported payout ${gateway}:${payoutId}`, 'id');
}

export interface PayoutFetchRound { tried: number; fetched: number; failed: number }

/**
 * The worker's part: paid Stripe payouts whose transactions are not kept yet (or whose retry is due, or that were read
 * while Stripe was still reconciling them and are due to be read again), oldest first.
 */
export async function fetchDuePayoutTransactions(ctx: GatewayAccess & { db: Db }, orgId: string, now: Date, limit = 20): Promise<PayoutFetchRound> {
  const due = await ctx.db.query<{ gateway: string; payout_id: string }>(`SELECT gateway, payout_id FROM gateway_payouts
    WHERE org_id = $1 AND gateway = 'stripe' AND status = 'paid' AND automatic IS DISTINCT FROM false AND (txn_state <> 'fetched' OR txn_next_at IS NOT NULL)
      AND (txn_next_at IS NULL OR txn_next_at <= $2)
      AND txn_attempts < $3 ORDER BY received_at, payout_id LIMIT $4`, [orgId, now, MAX_ATTEMPTS, limit]);
  const round: PayoutFetchRound = { tried: due.length, fetched: 0, failed: 0 };
  for (const p of due) {
    const r = await fetchPayoutTransactions(ctx, orgId, p.gateway, p.payout_id, now);
    // read: its transactions kept, or the payout itself (manual, or lost); failed: recorded, tried again later
    if (r.ok && r.value.state !== 'failed') round.fetched++;
    else round.failed++;
  }
  return round;
}

export interface PayoutBreakdown { fetch: PayoutFetch; check: BreakdownCheck; transactions: (Omit<StoredTransaction, 'payment'> & { payment_id: string | null })[] }

/** The payout's kept transactions, each with the cobro payment it settled, and the payout checked against them. */
export async function payoutBreakdown(q: Queryable, orgId: string, gateway: string, payoutId: string): Promise<Result<PayoutBreakdown>> {
  const r = await payoutRow(q, orgId, gateway, payoutId);
  if (!r) return fail('NOT_FOUND', `no reported payout ${gateway}:${payoutId}`, 'id');
  const rows = await q.query<Omit<StoredTransaction, 'amount' | 'fee' | 'net' | 'payment'> & { amount: string | number; fee: string | number; net: string | number;
    payment: (Omit<NonNullable<StoredTransaction['payment']>, 'captured'> & { captured: string | number }) | null }>(
    `SELECT t.txn_id, t.type, t.reporting_category, t.amount, t.fee, t.net, t.currency, t.source_id, t.charge_id, t.payment_intent, t.description,
       t.created_at::text AS created_at, CASE WHEN t.stripe_net IS NULL THEN NULL
         ELSE jsonb_build_object('amount', t.stripe_amount, 'fee', t.stripe_fee, 'net', t.stripe_net) END AS stripe_units,
       (SELECT jsonb_build_object('payment_ref', p.payment_ref, 'payment_id', p.payment_id, 'customer_id', p.customer_id, 'link_id', p.link_id,
          'captured', p.captured, 'currency', p.currency)
        FROM gateway_payments p WHERE p.org_id = t.org_id AND p.provider = t.gateway AND p.payment_ref IN (t.payment_intent, t.charge_id)
        ORDER BY p.payment_ref LIMIT 1) AS payment
     FROM gateway_payout_transactions t WHERE t.org_id = $1 AND t.gateway = $2 AND t.payout_id = $3 ORDER BY t.position`, [orgId, gateway, payoutId]);
  const txns: StoredTransaction[] = rows.map((t) => ({ ...t, amount: Number(t.amount), fee: Number(t.fee), net: Number(t.net),
    payment: t.payment ? { ...t.payment, captured: Number(t.payment.captured) } : null }));
  const check = checkPayout({ payout_id: r.payout_id, amount: Number(r.amount), currency: r.currency, txn_state: r.txn_state,
    reconciliation_status: r.reconciliation_status, automatic: r.automatic,
    settlement: r.settled_at ? { by: r.settled_by ?? '', at: r.settled_at, note: r.settled_note ?? '' } : null }, txns);
  return ok({ fetch: fetchOf(r, txns.length), check,
    transactions: txns.map(({ payment, ...t }) => ({ ...t, payment_id: payment?.payment_id ?? null })) });
}

export type ReportedPayoutBreakdown = ReportedPayout & { breakdown: PayoutBreakdown };

/** A reported payout by its id (`gateway:payout_id`) with its breakdown; the failure names the field `id`. */
export async function reportedPayoutBreakdown(q: Queryable, orgId: string, id: string): Promise<Result<ReportedPayoutBreakdown>> {
  if (!/^[a-z]+:\S+$/.test(id)) return fail('VALIDATION_FAILED', 'id: use gateway:payout_id, e.g. stripe:po_1Abc', 'id');
  const payout = await getReportedPayout(q, orgId, id);
  if (!payout) return fail('NOT_FOUND', `no reported payout ${id}`, 'id');
  const b = await payoutBreakdown(q, orgId, payout.gateway, payout.payout_id);
  return b.ok ? ok({ ...payout, breakdown: b.value }) : b;
}

/**
 * A person settles a payout that is for review (a manual payout, or one whose issues they have looked into): who, when
 * and why are kept and audited, and the check reads `settled` (its issues still listed) until a later read of its
 * transactions replaces what was settled. INVALID_STATE (field id) for a payout not in review.
 */
export async function settleReportedPayout(db: Db, orgId: string, actor: string, id: string, note: string, now: Date): Promise<Result<ReportedPayoutBreakdown>> {
  const found = await reportedPayoutBreakdown(db, orgId, id);
  if (!found.ok) return found;
  const { check } = found.value.breakdown;
  if (check.result !== 'review') return fail('INVALID_STATE', `${id} is ${check.result}: only a payout for review is settled by hand`, 'id');
  await db.transaction(async (tx) => {
    await tx.query(`UPDATE gateway_payouts SET settled_by = $4, settled_at = $5, settled_note = $6 WHERE org_id = $1 AND gateway = $2 AND payout_id = $3`,
      [orgId, found.value.gateway, found.value.payout_id, actor, now, note]);
    await recordAudit(tx, { orgId, actor, action: 'gateway_payout.settled', entity: 'gateway_payout', entityId: id,
      data: { note, issues: check.issues.map((i) => i.code), difference: check.difference } }, now);
  });
  return reportedPayoutBreakdown(db, orgId, id);
}
