// A reported payout read again from its gateway on demand, each gateway its own way: a Stripe payout's balance
// transactions are listed by payout (payout-transactions.ts); Mercado Pago lists nothing by payout, so a new release
// report is asked for, covering the payout's dates from the payout before it (mp-release.ts): the payout is replaced
// once that report is read (at once when Mercado Pago has it ready, else by the worker), and nothing is recorded on
// the payout meanwhile. Any other gateway is INVALID_STATE (field id).
import type { Db, Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { GatewayAccess } from './gateways/index.ts';
import { requestReleaseReport, type ReleaseReport, type ReleaseTrigger } from './mp-release.ts';
import { fetchPayoutTransactions, reportedPayoutBreakdown, type ReportedPayoutBreakdown } from './payout-transactions.ts';
import type { ReportedPayout } from '../reconciliation/index.ts';

const DAY_MS = 86_400_000;
/** Mercado Pago's reports cover at most 60 days. */
const MAX_SPAN_MS = 59 * DAY_MS;
/** How far back a report reaches for a payout with no earlier Mercado Pago payout known. */
const NO_EARLIER_SPAN_MS = 30 * DAY_MS;

export type RefetchedPayout = ReportedPayoutBreakdown & {
  /** Mercado Pago: the release report asked for to read the payout again (requested: read by the worker once generated). */
  release_report?: ReleaseReport;
};

const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

/**
 * The period of a release report that holds the payout whole: from the payout before it (a report's first payout is
 * read as incomplete and never replaces one kept), or 30 days back when none is known, to a day after the payout's own
 * time (its arrival date's end when the report gave none); never past now, 60 days at most.
 */
export async function releasePeriodFor(q: Queryable, orgId: string, p: Pick<ReportedPayout, 'payout_id' | 'status_at' | 'arrival_date'>, now: Date): Promise<{ begin: Date; end: Date }> {
  const at = p.status_at ? Date.parse(p.status_at) : Date.parse(`${p.arrival_date}T23:59:59Z`);
  const end = second(Math.min(now.getTime(), at + DAY_MS));
  const [before] = await q.query<{ at: string }>(`SELECT status_at::text AS at FROM gateway_payouts WHERE org_id = $1 AND gateway = 'mercadopago'
      AND payout_id <> $2 AND status_at < $3 ORDER BY status_at DESC LIMIT 1`, [orgId, p.payout_id, new Date(at)]);
  const from = before ? Date.parse(before.at) - 1000 : at - NO_EARLIER_SPAN_MS;
  return { begin: second(Math.max(from, end.getTime() - MAX_SPAN_MS)), end };
}

/**
 * Reads the payout from its gateway again now, then shows it: Stripe's a failed read is in `breakdown.fetch`; Mercado
 * Pago's with the release report asked for (`release_report`; Mercado Pago not connected is INVALID_STATE, field provider).
 */
export async function refetchReportedPayout(ctx: GatewayAccess & { db: Db }, orgId: string, id: string, now: Date,
  trigger: Exclude<ReleaseTrigger, 'worker'> = 'api'): Promise<Result<RefetchedPayout>> {
  const found = await reportedPayoutBreakdown(ctx.db, orgId, id);
  if (!found.ok) return found;
  const { gateway, payout_id: payoutId } = found.value;
  if (gateway === 'stripe') {
    const r = await fetchPayoutTransactions(ctx, orgId, gateway, payoutId, now);
    return r.ok ? reportedPayoutBreakdown(ctx.db, orgId, id) : r;
  }
  if (gateway !== 'mercadopago') return fail('INVALID_STATE', `${id}: cobro reads payouts again from Stripe and Mercado Pago only, not ${gateway}`, 'id');
  const report = await requestReleaseReport(ctx, orgId, await releasePeriodFor(ctx.db, orgId, found.value, now), now, trigger);
  // a period cobro worked out itself that Mercado Pago would refuse is not the caller's field to fix
  if (!report.ok) return report.error.code === 'VALIDATION_FAILED' ? fail('INVALID_STATE', `${id}: no release report can be asked for: ${report.error.message}`, 'id') : report;
  const shown = await reportedPayoutBreakdown(ctx.db, orgId, id);
  return shown.ok ? ok({ ...shown.value, release_report: report.value }) : shown;
}
