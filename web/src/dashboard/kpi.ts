// The last 30 days' KPI report in one currency (GET /v1/kpi): the parts of it the dashboard shows, over the dashboard's
// period (days of the org's time zone, from GET /v1/dashboard).
import { get } from '../app/api.ts';
import type { BucketKey } from '../aging/buckets.ts';

export interface Kpi {
  from: string; to: string;
  receivables: { currency: string; dso: number | null; count_back_dso: number; best_possible_dso: number | null;
    average_days_delinquent: number | null; cei: number | null; flows: { collected: number }; roll_rates: RollRow[] }[];
  promises: { kept_rate: number | null; promises: number; kept: number; partly_kept: number; broken: number };
  contacts: { contact_rate: number | null; accounts_attempted: number };
  recovery: { attribution_days: number; by_channel: { channel: string | null; messages: number;
    cost: { currency: string; minor: number }[]; recovered: { currency: string; amount: number; payments: number }[] }[] };
}

/** Where one opening bucket's balance was at the end of the period (minor units), and the share that rolled to a later bucket. */
export interface RollRow {
  from: BucketKey; opening: number; to: Record<BucketKey | 'resolved', number>; rolled_forward: number; roll_rate: number | null; resolved_rate: number | null;
}

export function loadKpi(currency: string, period: { from: string; to: string }): Promise<Kpi> {
  // the dashboard shows recovery and cost by channel only: the steps' and templates' breakdowns are not computed for it
  return get<Kpi>('/v1/kpi', { from: period.from, to: period.to, currency, breakdowns: 'channel' });
}
