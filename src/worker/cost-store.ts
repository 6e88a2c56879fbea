// The org's message cost rates (stored as changes over the defaults, audited) and the cost per customer for reporting
// (the provider's billed price where known, the estimate otherwise).
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { CostRatesInput, DEFAULT_COST_RATES, mergeRates, microsToMinor, type CostRates } from './costs.ts';

export async function getCostRates(q: Queryable, orgId: string): Promise<CostRates> {
  const [row] = await q.query<{ rates: unknown }>('SELECT rates FROM message_cost_rates WHERE org_id = $1', [orgId]);
  return mergeRates(row?.rates);
}

const cached = new Map<string, { at: number; rates: Promise<CostRates>; read?: CostRates }>();

/** The rates the dispatcher prices each send with, read at most every few seconds per org. */
export function cachedCostRates(q: Queryable, orgId: string, ttlMs = 5_000): Promise<CostRates> {
  const hit = cached.get(orgId);
  if (hit && Date.now() - hit.at < ttlMs) return hit.rates;
  const entry: { at: number; rates: Promise<CostRates>; read?: CostRates } = { at: Date.now(), rates: getCostRates(q, orgId) };
  cached.set(orgId, entry);
  entry.rates.then((r) => { entry.read = r; }, () => cached.delete(orgId));
  return entry.rates;
}

/** cachedCostRates as a value once read (no promise to wait on per send), the promise while it is being read. */
export function costRatesNow(q: Queryable, orgId: string, ttlMs = 5_000): CostRates | Promise<CostRates> {
  const hit = cached.get(orgId);
  return hit?.read && Date.now() - hit.at < ttlMs ? hit.read : cachedCostRates(q, orgId, ttlMs);
}

/** Changes the rates named (country by country); `replace` starts again from the defaults. A bad value refuses the change, naming it. */
export async function setCostRates(q: Queryable, orgId: string, actor: string, input: unknown, now: Date, replace = false): Promise<Result<CostRates>> {
  const parsed = CostRatesInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'rates';
    return fail('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'is not valid'}`, field);
  }
  const [row] = await q.query<{ rates: CostRatesInput }>('SELECT rates FROM message_cost_rates WHERE org_id = $1', [orgId]);
  const before: CostRatesInput = replace ? {} : row?.rates ?? {};
  const rates: CostRatesInput['rates'] = { ...(before.rates ?? {}) };
  for (const [channel, byCountry] of Object.entries(parsed.data.rates ?? {}) as [keyof NonNullable<CostRatesInput['rates']>, Record<string, number>][]) {
    rates[channel] = { ...(rates[channel] ?? {}), ...byCountry };
  }
  const currency = parsed.data.currency ?? before.currency;
  const stored: CostRatesInput = { ...(currency && currency !== DEFAULT_COST_RATES.currency ? { currency } : {}), rates };
  await q.query(
    `INSERT INTO message_cost_rates (org_id, rates, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET rates = EXCLUDED.rates, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, JSON.stringify(stored), now.toISOString(), actor]);
  cached.delete(orgId);
  await recordAudit(q, { orgId, actor, action: 'message_costs.changed', entity: 'org', entityId: orgId, data: { changed: parsed.data, replace } }, now);
  return ok(mergeRates(stored));
}

export interface CustomerCost {
  customer_id: string; customer_name: string; currency: string; messages: number;
  /** Of `messages`, how many are counted at the price the provider billed, and how many at the estimate from the org's rates. */
  billed: number; estimated: number;
  by_channel: Record<string, number>;
  /** The sum in micro-units (millionths of the major unit), and rounded to the currency's minor units. */
  cost_micros: number; cost_minor: number;
}

/** `customerId` takes the customer's id or external id. */
export interface CostFilter { customerId?: string; from?: Date; to?: Date; limit?: number }

/**
 * Cost per customer (and currency) of the messages sent in the period, most expensive first: the cost-per-account report.
 * A message counts at the price its provider billed when known (message_billed_costs, in the provider's currency), at
 * its estimate otherwise.
 */
export async function costReport(q: Queryable, orgId: string, f: CostFilter = {}): Promise<CustomerCost[]> {
  const rows = await q.query<{ customer_id: string; customer_name: string; currency: string; messages: number; billed: number; cost: string; by_channel: Record<string, string> }>(
    `SELECT t.customer_id, c.name AS customer_name, t.currency, sum(t.n)::int AS messages, sum(t.billed)::int AS billed, sum(t.cost)::text AS cost,
            jsonb_object_agg(t.channel, t.cost::text) AS by_channel
     FROM (SELECT m.customer_id, COALESCE(b.billed_currency, m.cost_currency) AS currency, m.channel, count(*) AS n, count(b.billed_micros) AS billed,
                  sum(COALESCE(b.billed_micros, m.cost_micros)) AS cost
           FROM messages m LEFT JOIN message_billed_costs b ON b.org_id = m.org_id AND b.message_id = m.id AND b.status = 'billed'
           WHERE m.org_id = $1 AND (m.cost_micros IS NOT NULL OR b.billed_micros IS NOT NULL)
             AND ($2::text IS NULL OR m.customer_id IN (SELECT id FROM customers WHERE org_id = $1 AND (id = $2 OR external_id = $2)))
             AND ($3::timestamptz IS NULL OR m.sent_at >= $3) AND ($4::timestamptz IS NULL OR m.sent_at < $4)
           GROUP BY m.customer_id, COALESCE(b.billed_currency, m.cost_currency), m.channel) t
     JOIN customers c ON c.org_id = $1 AND c.id = t.customer_id
     GROUP BY t.customer_id, c.name, t.currency ORDER BY sum(t.cost) DESC, t.customer_id LIMIT $5`,
    [orgId, f.customerId ?? null, f.from ?? null, f.to ?? null, Math.min(f.limit ?? 100, 10_000)]);
  return rows.map((r) => ({
    customer_id: r.customer_id, customer_name: r.customer_name, currency: r.currency, messages: r.messages, billed: r.billed, estimated: r.messages - r.billed,
    by_channel: Object.fromEntries(Object.entries(r.by_channel).map(([k, v]) => [k, Number(v)])),
    cost_micros: Number(r.cost), cost_minor: microsToMinor(Number(r.cost), r.currency),
  }));
}
