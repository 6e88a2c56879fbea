// Risk bands: a customer's band from its latest score run, by the model's probability that its riskiest open invoice is
// paid late, cut at the org's thresholds; stored per customer for the tick's segments and step conditions.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import type { RiskBand } from '../strategy/index.ts';

export interface BandThresholds {
  /** A probability of paying late from this one on is medium risk. */
  medium_from: number;
  /** From this one on, high risk. */
  high_from: number;
}

/** About the late share of B2B invoices in published surveys for medium, twice it for high. */
export const DEFAULT_BANDS: BandThresholds = { medium_from: 0.3, high_from: 0.6 };

export function bandOf(probability: number, t: BandThresholds): RiskBand {
  return probability >= t.high_from ? 'high' : probability >= t.medium_from ? 'medium' : 'low';
}

export async function bandThresholds(q: Queryable, org: string): Promise<BandThresholds> {
  const [row] = await q.query<BandThresholds>('SELECT medium_from::float8 AS medium_from, high_from::float8 AS high_from FROM risk_band_settings WHERE org_id = $1', [org]);
  return row ?? DEFAULT_BANDS;
}

/** Sets the org's thresholds (audited); they apply from the next score run. */
export async function setBandThresholds(q: Queryable, org: string, actor: string, t: Partial<BandThresholds>, now: Date): Promise<Result<BandThresholds>> {
  const next = { ...await bandThresholds(q, org), ...t };
  for (const k of ['medium_from', 'high_from'] as const) {
    const v = next[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 1) return fail('VALIDATION_FAILED', `${k} must be a probability above 0 and at most 1`, k);
  }
  if (next.medium_from > next.high_from) return fail('VALIDATION_FAILED', 'medium_from must not exceed high_from', 'medium_from');
  await q.query(`INSERT INTO risk_band_settings (org_id, medium_from, high_from, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (org_id) DO UPDATE SET medium_from = $2, high_from = $3, updated_at = $4, updated_by = $5`,
  [org, next.medium_from, next.high_from, now.toISOString(), actor]);
  await recordAudit(q, { orgId: org, actor, action: 'risk_bands.updated', entity: 'org', entityId: org, data: { ...next } }, now);
  return ok(next);
}

/** Each scored customer's probability: the highest of its open invoices'. */
export class CustomerRisk {
  ids: string[] = [];
  probabilities: number[] = [];
  add(customerId: string, probability: number): void {
    if (this.ids[this.ids.length - 1] === customerId) {
      const i = this.probabilities.length - 1;
      this.probabilities[i] = Math.max(this.probabilities[i]!, probability);
    } else {
      this.ids.push(customerId);
      this.probabilities.push(probability);
    }
  }
}

/** Writes one slice's bands (a customer's row replaced by this run's), and the run's own copy (score_run_bands, migration 099). */
export async function storeBands(q: Queryable, org: string, runId: string, asOf: string, risk: CustomerRisk, t: BandThresholds): Promise<void> {
  if (!risk.ids.length) return;
  const p = risk.probabilities.map((v) => Math.round(v * 10_000) / 10_000);
  await q.query(`WITH u AS (SELECT * FROM unnest($4::text[], $5::float8[], $6::text[]) AS u(c, p, b)),
      kept AS (INSERT INTO score_run_bands (run_id, org_id, customer_id, band) SELECT $2, $1, c, b FROM u)
    INSERT INTO customer_risk (org_id, customer_id, run_id, as_of, probability_late, band)
    SELECT $1, c, $2, $3, p, b FROM u
    ON CONFLICT (org_id, customer_id) DO UPDATE SET run_id = EXCLUDED.run_id, as_of = EXCLUDED.as_of,
      probability_late = EXCLUDED.probability_late, band = EXCLUDED.band`,
  [org, runId, asOf, risk.ids, p, p.map((v) => bandOf(v, t))]);
}

/** After a finished run: customers it did not score (nothing open any more) keep no band. */
export async function dropStaleBands(q: Queryable, org: string, runId: string): Promise<void> {
  await q.query('DELETE FROM customer_risk WHERE org_id = $1 AND run_id <> $2', [org, runId]);
}
