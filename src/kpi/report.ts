// The KPI report over a period and as of its end: receivables per currency, contact, promises, recovery and cost.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { getOrg } from '../orgs/index.ts';
import { openingDate, periodDays } from './period.ts';
import { receivablesKpis } from './receivables.ts';
import { contactKpis } from './contact.ts';
import { promiseKpis } from './promises.ts';
import { recoveryKpis } from './recovery.ts';
import { kpiQuerySchema, type KpiQuery, type KpiReport } from './schema.ts';

/**
 * Every figure of the period `from`..`to` (both included), point-in-time ones as of the end of `to`, in the org's time
 * zone. Money figures are per currency; a bad query is a failure naming the field.
 */
export async function kpiReport(q: Queryable, orgId: string, query: KpiQuery): Promise<Result<KpiReport>> {
  const parsed = kpiQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'query';
    return fail('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'is not valid'}`, field);
  }
  const { from, to, attribution_days, breakdowns } = parsed.data;
  const currency = parsed.data.currency ?? null;
  const org = await getOrg(q, orgId);
  if (!org) return fail('NOT_FOUND', `no org ${orgId}`, 'org');
  const tz = org.default_timezone;
  const period = { from, to };
  // independent reads: on PostgreSQL each takes a pooled connection of its own, so they run side by side
  const [receivables, contacts, promises, recovery] = await Promise.all([
    receivablesKpis(q, { orgId, currency, timeZone: tz }, period),
    contactKpis(q, orgId, period, tz),
    promiseKpis(q, orgId, period, currency, tz),
    recoveryKpis(q, orgId, period, tz, currency, attribution_days, breakdowns === 'all')]);
  return ok({ from, to, days: periodDays(period), opening_date: openingDate(period), currency, time_zone: tz,
    receivables, contacts, promises, recovery });
}
