// The dashboard's risk tile: today's open balance by the latest score run's risk bands, with expected recovery and moves.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import { ok, type Result } from '../domain/result.ts';
import { balancesByBand, bandThresholds, type BandBalances } from '../scoring/index.ts';
import { parseQuery } from './query.ts';
import { RISK_BANDS, riskQuerySchema, type DashboardRisk, type RiskQuery } from './risk-schema.ts';

export const NO_RUN_NOTE = 'No score run yet: risk bands and expected recovery appear after the first one (`cobro score run`, POST /v1/scores/runs, or the worker\'s daily turn).';

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** The bands in order, each with every currency present (zero where the band has none of it), shares of each currency's total. */
export function shapeBands(b: BandBalances): Pick<DashboardRisk, 'totals' | 'bands'> {
  const currencies = [...new Set(b.byCurrency.map((r) => r.currency))].sort();
  const totals = currencies.map((currency) => {
    const rows = b.byCurrency.filter((r) => r.currency === currency);
    return { currency, customers: rows.reduce((n, r) => n + r.customers, 0), amount: rows.reduce((n, r) => n + r.amount, 0) };
  });
  if (!b.run) return { totals, bands: [] };
  const bands = RISK_BANDS.map((band) => {
    const whole = b.byBand.find((r) => r.band === band);
    const movement = b.previous && band !== 'unscored' ? { up: whole?.up ?? 0, down: whole?.down ?? 0, same: whole?.same ?? 0, new: whole?.new ?? 0 } : null;
    return {
      band, customers: whole?.customers ?? 0, movement,
      balances: totals.map((t) => {
        const r = b.byCurrency.find((x) => x.band === band && x.currency === t.currency);
        return { currency: t.currency, customers: r?.customers ?? 0, amount: r?.amount ?? 0, share: share(r?.amount ?? 0, t.amount),
          scored: r?.scored ?? 0, expected_recovery: band === 'unscored' ? null : r?.expected_recovery ?? 0 };
      }),
    };
  });
  return { totals, bands };
}

export async function riskByBand(q: Queryable, orgId: string, query: RiskQuery, today: CalendarDate): Promise<Result<DashboardRisk>> {
  const parsed = parseQuery(riskQuerySchema, query);
  if (!parsed.ok) return parsed;
  const currency = parsed.value.currency ?? null;
  const [b, thresholds] = await Promise.all([balancesByBand(q, orgId, currency, today), bandThresholds(q, orgId)]);
  const run = b.run ? { id: b.run.id, as_of: b.run.as_of, finished_at: b.run.finished_at ? new Date(b.run.finished_at).toISOString() : null } : null;
  return ok({ as_of: today, currency, run, previous_run: b.previous, note: b.run ? null : NO_RUN_NOTE, thresholds, ...shapeBands(b) });
}
