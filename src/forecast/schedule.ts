// Forecasts stored on a schedule by the worker (weekly unless the org says daily or off), and the unscored heuristic
// learned again each day, so the forecast-vs-actual comparison has stored forecasts without cron.
import type { Queryable } from '../db/index.ts';
import { addDays, dateInZone, weekday, type CalendarDate } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { makeForecast, saveForecast, type Forecast } from './forecast.ts';
import { learnHeuristic, saveHeuristic, type HeuristicTable } from './heuristic.ts';

export const SCHEDULES = ['off', 'daily', 'weekly'] as const;
export type ForecastSchedule = typeof SCHEDULES[number];
export const DEFAULT_SCHEDULE: ForecastSchedule = 'weekly';

export interface ForecastSettings { schedule: ForecastSchedule; schedule_default: boolean; heuristic_learned_as_of: CalendarDate | null }

export async function getForecastSettings(q: Queryable, org: string): Promise<ForecastSettings> {
  const [row] = await q.query<{ schedule: ForecastSchedule | null; learned: string | null }>(
    `SELECT (SELECT schedule FROM forecast_settings WHERE org_id = $1) AS schedule,
            (SELECT as_of::text FROM forecast_heuristics WHERE org_id = $1) AS learned`, [org]);
  return { schedule: row?.schedule ?? DEFAULT_SCHEDULE, schedule_default: !row?.schedule, heuristic_learned_as_of: row?.learned ?? null };
}

/** Sets how often the worker stores a forecast; a value other than off, daily or weekly is refused, naming the field. Audited. */
export async function setForecastSchedule(q: Queryable, org: string, actor: string, schedule: string, now: Date): Promise<Result<ForecastSettings>> {
  if (!(SCHEDULES as readonly string[]).includes(schedule)) return fail('VALIDATION_FAILED', `must be one of ${SCHEDULES.join(', ')}`, 'schedule');
  await q.query(`INSERT INTO forecast_settings (org_id, schedule, updated_at, updated_by) VALUES ($1, $2, $3, $4)
    ON CONFLICT (org_id) DO UPDATE SET schedule = EXCLUDED.schedule, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
  [org, schedule, now.toISOString(), actor]);
  await recordAudit(q, { orgId: org, actor, action: 'forecast.schedule_changed', entity: 'org', entityId: org, data: { schedule } }, now);
  return ok(await getForecastSettings(q, org));
}

/**
 * The period a scheduled forecast stands for on `today` (the org's calendar), and its as-of date: daily, today's, as of
 * yesterday; weekly, the week from Monday, as of the Sunday before (so its week 1 is the dashboard's this week). Null when off.
 */
export function scheduledPeriod(schedule: ForecastSchedule, today: CalendarDate): { period: string; asOf: CalendarDate } | null {
  if (schedule === 'off') return null;
  const start = schedule === 'daily' ? today : addDays(today, 1 - weekday(today));
  return { period: `${schedule} ${start}`, asOf: addDays(start, -1) };
}

/**
 * Every period the schedule stores on `today`: the one above and, weekly, the month's too when it began on another day
 * than Monday (as of the month's eve, the last day of the month before), so the dashboard's this month is set beside a
 * stored forecast as its this week is. A month beginning on a Monday has its eve's forecast already (the week's).
 */
export function scheduledPeriods(schedule: ForecastSchedule, today: CalendarDate): { period: string; asOf: CalendarDate }[] {
  const one = scheduledPeriod(schedule, today);
  if (!one) return [];
  const first = `${today.slice(0, 8)}01`;
  return schedule === 'weekly' && weekday(first) !== 1 ? [one, { period: `monthly ${first}`, asOf: addDays(first, -1) }] : [one];
}

/**
 * Learns the unscored heuristic now rather than waiting for the worker's daily round (`cobro forecast --learn`, POST
 * /v1/forecast/learn): as of yesterday in the org's calendar unless a day is given (not after today: the history read
 * ends there). Stored as the worker stores it, so the next forecast uses it; audited.
 */
export async function learnHeuristicNow(q: Queryable, org: { id: string; default_timezone: string }, actor: string, asOf: CalendarDate | undefined, now: Date): Promise<Result<HeuristicTable>> {
  const today = dateInZone(now, org.default_timezone);
  const day = asOf ?? addDays(today, -1);
  if (day > today) return fail('VALIDATION_FAILED', `must not be after today (${today}): the history read ends on it`, 'as_of');
  const table = await learnHeuristic(q, org.id, day, now);
  await saveHeuristic(q, org.id, table);
  await recordAudit(q, { orgId: org.id, actor, action: 'forecast.heuristic_learned', entity: 'org', entityId: org.id,
    data: { as_of: day, learned: table.buckets.filter((b) => b.learned).map((b) => b.bucket) } }, now);
  return ok(table);
}

export interface ForecastRound { learned: boolean; stored: Forecast | null; period: string | null }

/**
 * The worker's forecast step for one org: the heuristic learned again once a day (as of yesterday), then, for each of
 * the schedule's periods with no stored forecast yet, one made and stored for it (`stored` and `period`: the first). Idempotent per period: a second round in
 * the same period, or another worker at the same moment, stores nothing more (the unique period keeps one).
 */
export async function forecastRound(q: Queryable, org: { id: string; default_timezone: string }, now: Date): Promise<ForecastRound> {
  const today = dateInZone(now, org.default_timezone);
  const settings = await getForecastSettings(q, org.id);
  let learned = false;
  const yesterday = addDays(today, -1);
  if (settings.heuristic_learned_as_of === null || settings.heuristic_learned_as_of < yesterday) {
    await saveHeuristic(q, org.id, await learnHeuristic(q, org.id, yesterday, now));
    learned = true;
  }
  const due = scheduledPeriods(settings.schedule, today);
  const round: ForecastRound = { learned, stored: null, period: due[0]?.period ?? null };
  for (const d of due) {
    const [have] = await q.query('SELECT 1 FROM forecasts WHERE org_id = $1 AND period = $2', [org.id, d.period]);
    if (have) continue;
    const stored = await saveForecast(q, org.id, await makeForecast(q, org.id, d.asOf, now), d.period);
    if (stored && !round.stored) Object.assign(round, { stored, period: d.period });
  }
  return round;
}
