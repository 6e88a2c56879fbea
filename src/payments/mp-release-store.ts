// Mercado Pago payouts read from a release report, kept whole: in one transaction each payout is stored in
// gateway_payouts (status paid, its transactions fetched) and its lines replace the payout's earlier ones in
// gateway_payout_transactions, where the payout check (payout-breakdown.ts) reads them as it reads Stripe's. A payout
// already kept is not replaced by a report that holds only part of what it carried (the report's first payout).
// Then the bank lines waiting for them are settled as those payouts.
import type { Db, Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { settlePayouts } from '../reconciliation/index.ts';
import type { PayoutTransaction } from './gateways/index.ts';
import type { ReleasePayout } from './gateways/mercadopago-release-csv.ts';

/** Whose report the payouts come from: the gateway, its name and the report's, and (SQL on x, the line's payout row, and
 * g, the payout) when a payout id the line's own text gave is this payout's. Mercado Pago's unless said. */
export interface PayoutReportSource { gateway: string; label: string; report: string; textId?: string }
const MERCADO_PAGO: PayoutReportSource = { gateway: 'mercadopago', label: 'Mercado Pago', report: 'release report' };
export type ReportedPayoutInput = Pick<ReleasePayout, 'payoutId' | 'amount' | 'currency' | 'at' | 'date' | 'complete' | 'transactions'>;

async function replaceLines(tx: Queryable, orgId: string, gateway: string, payoutId: string, txns: PayoutTransaction[]): Promise<void> {
  await tx.query('DELETE FROM gateway_payout_transactions WHERE org_id = $1 AND gateway = $2 AND payout_id = $3', [orgId, gateway, payoutId]);
  if (!txns.length) return;
  const col = <K extends keyof PayoutTransaction>(k: K) => txns.map((t) => t[k]);
  // one statement per payout, the columns passed as arrays
  await tx.query(`INSERT INTO gateway_payout_transactions (org_id, gateway, payout_id, txn_id, type, reporting_category, amount, fee, net, currency,
      source_id, charge_id, payment_intent, description, created_at, position)
    SELECT $1, $2, $3, x.* FROM unnest($4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[],
      $13::text[], $14::text[], $15::timestamptz[], $16::int[]) AS x
    ON CONFLICT (org_id, gateway, payout_id, txn_id) DO NOTHING`,
  [orgId, gateway, payoutId, col('id'), col('type'), col('reportingCategory'), col('amount'), col('fee'), col('net'), col('currency'), col('sourceId'),
    col('chargeId'), col('paymentIntent'), col('description'), col('createdAt'), txns.map((_, i) => i)]);
}

export interface StoredRelease { stored: string[]; kept: string[] }

/** Stores the report's payouts in the caller's transaction: `stored` were written, `kept` were held whole from before. */
export async function storeReleasePayouts(tx: Queryable, orgId: string, payouts: ReportedPayoutInput[], now: Date,
  source = MERCADO_PAGO): Promise<StoredRelease> {
  const gateway = source.gateway;
  const out: StoredRelease = { stored: [], kept: [] };
  for (const p of payouts) {
    const [held] = await tx.query<{ txn_state: string }>(`SELECT txn_state FROM gateway_payouts WHERE org_id = $1 AND gateway = $2 AND payout_id = $3 FOR UPDATE`,
      [orgId, gateway, p.payoutId]);
    if (held?.txn_state === 'fetched' && !p.complete) { out.kept.push(p.payoutId); continue; }
    await tx.query(`INSERT INTO gateway_payouts (org_id, gateway, payout_id, amount, currency, arrival_date, statement_descriptor, received_at, status, status_at,
        txn_state, txn_attempts, txn_fetched_at)
      VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, 'paid', $8, 'fetched', 0, $7)
      ON CONFLICT (org_id, gateway, payout_id) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, arrival_date = EXCLUDED.arrival_date,
        status_at = EXCLUDED.status_at, txn_state = 'fetched', txn_attempts = 0, txn_error = NULL, txn_next_at = NULL, txn_fetched_at = EXCLUDED.txn_fetched_at`,
    [orgId, gateway, p.payoutId, p.amount, p.currency, p.date, now.toISOString(), p.at]);
    await replaceLines(tx, orgId, gateway, p.payoutId, p.transactions);
    out.stored.push(p.payoutId);
  }
  return out;
}

/**
 * Bank lines of these payouts: credits still waiting (unmatched, in review) of a payout's amount and currency near its
 * date are settled through the payout rules (a line naming Mercado Pago then takes the payout); credits the rules
 * already settled as an unnamed Mercado Pago payout are tied to the payout now. Returns how many lines.
 */
export async function settleReleaseLines(db: Db, orgId: string, payoutIds: string[], actor: string, now: Date, source = MERCADO_PAGO): Promise<number> {
  if (!payoutIds.length) return 0;
  const gateway = source.gateway;
  const near = `l.org_id = g.org_id AND l.currency = g.currency AND l.amount = g.amount AND l.direction = 'credit'
    AND COALESCE(l.booking_date, l.value_date) BETWEEN g.arrival_date - 3 AND g.arrival_date + 4`;
  const waiting = await db.query<{ id: string }>(`SELECT DISTINCT l.id FROM gateway_payouts g JOIN statement_lines l ON ${near}
    WHERE g.org_id = $1 AND g.gateway = $2 AND g.payout_id = ANY($3::text[]) AND l.match_state IN ('unmatched', 'review') ORDER BY l.id`, [orgId, gateway, payoutIds]);
  const settled = await settlePayouts(db, orgId, waiting.map((w) => w.id), { actor, now: () => now });
  const tied = await db.transaction(async (tx) => {
    const rows = await tx.query<{ line_id: string; payout_id: string; arrival: string }>(`SELECT DISTINCT ON (g.payout_id) x.line_id, g.payout_id,
        to_char(g.arrival_date, 'YYYY-MM-DD') AS arrival
      FROM gateway_payouts g JOIN statement_lines l ON ${near} JOIN statement_line_payouts x ON x.org_id = l.org_id AND x.line_id = l.id
      WHERE g.org_id = $1 AND g.gateway = $2 AND g.payout_id = ANY($3::text[]) AND l.match_state = 'payout' AND x.status = 'payout'
        AND x.gateway = $2 AND (x.payout_id IS NULL OR ${source.textId ?? 'false'})
        AND NOT EXISTS (SELECT 1 FROM statement_line_payouts t WHERE t.org_id = g.org_id AND t.gateway = g.gateway AND t.payout_id = g.payout_id AND t.status = 'payout')
      ORDER BY g.payout_id, abs(COALESCE(l.booking_date, l.value_date) - g.arrival_date), x.line_id`, [orgId, gateway, payoutIds]);
    const lines = new Set<string>();
    for (const r of rows) {
      if (lines.has(r.line_id)) continue;
      lines.add(r.line_id);
      const reason = `equals the ${source.label} payout ${r.payout_id} its ${source.report} shows on ${r.arrival}`;
      await tx.query(`UPDATE statement_line_payouts SET payout_id = $3, basis = 'reported', reasons = reasons || $4::jsonb WHERE org_id = $1 AND line_id = $2`,
        [orgId, r.line_id, r.payout_id, JSON.stringify([reason])]);
      await recordAudit(tx, { orgId, actor, action: 'statement_line.payout', entity: 'statement_line', entityId: r.line_id,
        data: { gateway: gateway, payout_id: r.payout_id, reasons: [reason], was: 'payout' } }, now);
    }
    return lines.size;
  });
  return settled + tied;
}
