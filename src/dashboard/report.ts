// The dashboard's own figures in one call: the overdue trend, collected this week and month, and strategy performance.
import type { Queryable } from '../db/index.ts';
import { addDays, dateInZone } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { getOrg } from '../orgs/index.ts';
import { overdueTrend, weekEnds } from './trend.ts';
import { collectedSince } from './collected.ts';
import { strategyPerformance } from './strategies.ts';
import { parseQuery } from './query.ts';
import { periodsOf } from './periods.ts';
import { dashboardQuerySchema, type Dashboard, type DashboardQuery } from './schema.ts';

/**
 * The figures as of the end of `as_of`, by default the day `now` falls on in the org's time zone; the week, month and
 * quarter are those of that day in the org's calendar (src/dashboard/periods.ts), as the web page shows them.
 */
export async function dashboardReport(q: Queryable, orgId: string, query: DashboardQuery, now: Date): Promise<Result<Dashboard>> {
  const parsed = parseQuery(dashboardQuerySchema, query);
  if (!parsed.ok) return parsed;
  const { weeks, days } = parsed.value;
  const currency = parsed.value.currency ?? null;
  const org = await getOrg(q, orgId);
  if (!org) return fail('NOT_FOUND', `no org ${orgId}`, 'org');
  const today = dateInZone(now, org.default_timezone);
  const asOf = parsed.value.as_of ?? today;
  const { weekFrom, monthFrom, quarterFrom } = periodsOf(asOf);
  const from = addDays(asOf, -(days - 1));
  const [trend, collected, strategies] = await Promise.all([
    overdueTrend(q, orgId, weekEnds(asOf, weeks), currency),
    collectedSince(q, orgId, weekFrom, monthFrom, asOf, currency),
    strategyPerformance(q, orgId, from, asOf, org.default_timezone, currency),
  ]);
  return ok({ as_of: asOf, today, week_from: weekFrom, month_from: monthFrom, quarter_from: quarterFrom, period: { from, to: asOf }, time_zone: org.default_timezone,
    overdue_trend: trend, collected: collected.map((c) => ({ ...c, week: Number(c.week), month: Number(c.month) })), strategies });
}
