// Older open payment links expired at the provider, so a debtor cannot pay twice: a link turns stale when a newer checkout
// covers any of its invoices (marked as the newer one opens) or when what its invoices owe falls below its amount (a
// payment by any path, a credit note: found by the worker's round). The worker then asks the provider to expire each,
// outside the transaction that made it stale, retrying with backoff, and records the outcome once (status `expired` and
// a `payment_link.expired` audit entry; a link paid at the provider first is `refused`, and its payment is flagged).
import type { Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { gatewayFor, type ExpireOutcome, type GatewayAdapter, type GatewayName, type GatewayResult } from './gateways/index.ts';
import type { GatewayContext } from './links.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './webhooks.ts';

/** A claimed link is left to its worker this long; a worker that stopped during the call has it tried again after. */
const LEASE_MS = 5 * 60_000;
const BATCH = 50;

/** Marks the customer's older open links that share an invoice with a link just opened; returns their ids. */
export async function supersedeOlderLinks(q: Queryable, orgId: string, newer: { id: string; customer_id: string; invoice_ids: string[]; created_at: string },
  now: Date): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `UPDATE payment_links SET expire_state = 'due', expire_reason = $4, expire_next_at = $5, updated_at = $5
     WHERE org_id = $1 AND customer_id = $2 AND status = 'open' AND expire_state IS NULL AND id <> $3
       AND invoice_ids && $6::text[] AND created_at <= $7 RETURNING id`,
    [orgId, newer.customer_id, newer.id, `superseded by ${newer.id}`, now, newer.invoice_ids, newer.created_at]);
  return rows.map((r) => r.id);
}

/** Marks the open links whose invoices now owe less than the link asks (paying it would leave the excess as credit). */
export async function markSettledLinks(q: Queryable, orgId: string, now: Date): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `WITH owed AS (
       SELECT l.id, l.amount, l.currency, COALESCE(sum(i.balance) FILTER (WHERE i.currency = l.currency), 0)::bigint AS owed
       FROM payment_links l LEFT JOIN invoices i ON i.org_id = l.org_id AND i.id = ANY(l.invoice_ids)
       WHERE l.org_id = $1 AND l.status = 'open' AND l.expire_state IS NULL AND l.expires_at > $2
       GROUP BY l.id, l.amount, l.currency)
     UPDATE payment_links p SET expire_state = 'due', expire_next_at = $2, updated_at = $2,
       expire_reason = 'its invoices owe ' || o.owed || ' ' || o.currency || ', less than its ' || o.amount
     FROM owed o WHERE p.id = o.id AND o.owed < o.amount RETURNING p.id`, [orgId, now]);
  return rows.map((r) => r.id);
}

interface Claimed {
  id: string; customer_id: string; provider: GatewayName; provider_ref: string | null; status: string; expires_at: string; created_at: string;
  expire_reason: string | null; expire_attempts: number;
}

export interface ExpiryRound {
  /** Links found stale this round (their invoices settled). */
  marked: number;
  expired: number;
  /** Paid at the provider before they could be expired. */
  refused: number;
  retrying: number;
  gaveUp: number;
}

async function claim(q: Queryable, orgId: string, now: Date): Promise<Claimed[]> {
  return q.query<Claimed>(
    `UPDATE payment_links SET expire_attempts = expire_attempts + 1, expire_next_at = $3
     WHERE id IN (SELECT id FROM payment_links WHERE org_id = $1 AND expire_state = 'due' AND expire_next_at <= $2
                  ORDER BY expire_next_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING id, customer_id, provider, provider_ref, status, expires_at, created_at, expire_reason, expire_attempts`,
    [orgId, now, new Date(now.getTime() + LEASE_MS), BATCH]);
}

/** Ends a claimed link's expiry (once: a second worker's finish changes nothing) and audits it. */
async function finish(q: Queryable, orgId: string, l: Claimed, state: 'done' | 'refused' | 'gave_up', note: string, now: Date): Promise<boolean> {
  const rows = await q.query(
    `UPDATE payment_links SET expire_state = $3, expire_next_at = NULL, expire_error = $4, updated_at = $5,
       status = CASE WHEN $3 = 'done' AND status = 'open' THEN 'expired' ELSE status END
     WHERE org_id = $1 AND id = $2 AND expire_state = 'due' RETURNING id`, [orgId, l.id, state, state === 'done' ? null : note, now]);
  if (!rows.length) return false;
  const action = state === 'done' ? 'payment_link.expired' : state === 'refused' ? 'payment_link.expire_refused' : 'payment_link.expire_failed';
  await recordAudit(q, { orgId, actor: `worker:${l.provider}`, action, entity: 'payment_link', entityId: l.id,
    data: { customer_id: l.customer_id, provider: l.provider, provider_ref: l.provider_ref, reason: l.expire_reason, attempts: l.expire_attempts, note } }, now);
  return true;
}

async function retryLater(q: Queryable, orgId: string, l: Claimed, error: string, now: Date): Promise<void> {
  await q.query(`UPDATE payment_links SET expire_next_at = $3, expire_error = $4, updated_at = $5 WHERE org_id = $1 AND id = $2 AND expire_state = 'due'`,
    [orgId, l.id, new Date(now.getTime() + retryDelayMs(l.expire_attempts)), error.slice(0, 2000), now]);
}

/** What the provider says for one claimed link; what cobro already knows answers without a call. */
async function askProvider(adapter: () => Promise<GatewayResult<GatewayAdapter>>, l: Claimed, now: Date): Promise<GatewayResult<ExpireOutcome | 'lapsed'>> {
  if (l.status === 'completed') return { ok: true, value: 'completed' };
  // expired already (the provider's own event), or past its time: nothing left to end
  if (l.status !== 'open' || !l.provider_ref || Date.parse(l.expires_at) <= now.getTime()) return { ok: true, value: 'lapsed' };
  const a = await adapter();
  if (!a.ok) return a;
  return a.value.expireCheckout({ providerRef: l.provider_ref, linkId: l.id, createdAt: new Date(l.created_at), now });
}

/**
 * The worker's part: marks links whose invoices settled, then expires at the provider the marked links whose turn has
 * come (one minute after a failure, doubling, up to MAX_ATTEMPTS tries).
 */
export async function expireStaleLinks(ctx: GatewayContext, orgId: string, now: Date): Promise<ExpiryRound> {
  const round: ExpiryRound = { marked: (await markSettledLinks(ctx.db, orgId, now)).length, expired: 0, refused: 0, retrying: 0, gaveUp: 0 };
  const adapters = new Map<GatewayName, Promise<GatewayResult<GatewayAdapter>>>();
  const adapterFor = (p: GatewayName) => () => {
    if (!adapters.has(p)) {
      adapters.set(p, gatewayFor(ctx, orgId, p).then((r): GatewayResult<GatewayAdapter> => (r.ok ? r : { ok: false, error: { kind: 'rejected', message: r.error.message } })));
    }
    return adapters.get(p)!;
  };
  for (let batch = await claim(ctx.db, orgId, now); batch.length; batch = batch.length < BATCH ? [] : await claim(ctx.db, orgId, now)) {
    for (const l of batch) {
      const r = await askProvider(adapterFor(l.provider), l, now);
      if (r.ok && r.value === 'completed') {
        if (await finish(ctx.db, orgId, l, 'refused', 'paid at the provider before it could be expired', now)) round.refused++;
      } else if (r.ok) {
        if (await finish(ctx.db, orgId, l, 'done', r.value === 'lapsed' ? 'no longer open: nothing asked of the provider' : 'expired at the provider', now)) round.expired++;
      } else if (l.expire_attempts >= MAX_ATTEMPTS) {
        if (await finish(ctx.db, orgId, l, 'gave_up', `gave up after ${l.expire_attempts} attempts: ${r.error.message}`, now)) round.gaveUp++;
      } else {
        await retryLater(ctx.db, orgId, l, r.error.message, now);
        round.retrying++;
      }
    }
  }
  return round;
}
