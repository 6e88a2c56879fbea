// The expected value of acting on a task, pure: the past-due balance times the lift in recovery the task's action is
// expected to bring, less the cost of the collector's minutes it takes.
import { z } from 'zod';
import { isCurrency } from '../domain/money.ts';

/** What a task stands for, read from its kind and what made it (see actionOf). */
export const ACTIONS = ['call', 'callback', 'promise_follow_up', 'negotiate', 'review', 'dispute_review', 'handover'] as const;
export type Action = (typeof ACTIONS)[number];

export interface PrioritySettings {
  /** The share of what would not come in without acting that the action brings in: P(recover | act) = p0 + lift × (1 − p0). */
  lift: Record<Action, number>;
  /** Collector minutes the action takes. */
  minutes: Record<Action, number>;
  /** A collector's minute, in minor units of each currency (no entry: the cost is not known in that currency). */
  minute_cost: Record<string, number>;
}

/** Starting guesses, to be replaced by what the org measures: a call closes a tenth of the gap, a negotiation a quarter. */
export const DEFAULT_PRIORITY_SETTINGS: PrioritySettings = {
  lift: { call: 0.1, callback: 0.15, promise_follow_up: 0.2, negotiate: 0.25, review: 0.05, dispute_review: 0.2, handover: 0.15 },
  minutes: { call: 6, callback: 6, promise_follow_up: 5, negotiate: 15, review: 10, dispute_review: 20, handover: 15 },
  // about 30 US dollars an hour with overheads, and rough local equivalents
  minute_cost: { USD: 50, EUR: 45, GBP: 40, CAD: 65, MXN: 500, BRL: 150, COP: 100_000, CLP: 150, PEN: 100 },
};

const byAction = (value: z.ZodNumber) => z.object(Object.fromEntries(ACTIONS.map((a) => [a, value.optional()])) as Record<Action, z.ZodOptional<z.ZodNumber>>).strict();

/** A change to the settings: only the entries named change. */
export const PrioritySettingsPatch = z.object({
  lift: byAction(z.number().min(0).max(1)).optional(),
  minutes: byAction(z.number().min(0).max(480)).optional(),
  minute_cost: z.record(z.string().refine(isCurrency, 'not an ISO 4217 currency cobro knows (USD, MXN, BRL)'), z.number().int().min(0)).optional(),
}).strict();
export type PrioritySettingsPatch = z.infer<typeof PrioritySettingsPatch>;

export function mergeSettings(stored: PrioritySettingsPatch | null | undefined, base: PrioritySettings = DEFAULT_PRIORITY_SETTINGS): PrioritySettings {
  const only = <T>(o: Record<string, T | undefined> | undefined) => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Record<string, T>;
  return { lift: { ...base.lift, ...only(stored?.lift) }, minutes: { ...base.minutes, ...only(stored?.minutes) },
    minute_cost: { ...base.minute_cost, ...only(stored?.minute_cost) } };
}

/** The task's action: a dispute's review, a hand-over, a callback, a broken promise or missed instalment followed up, or its kind. */
export function actionOf(kind: string, actionKey: string): Action {
  if (actionKey.startsWith('dispute:')) return 'dispute_review';
  if (actionKey.startsWith('escalation:') || actionKey.startsWith('agent:handover:')) return 'handover';
  if (actionKey.startsWith('callback:')) return 'callback';
  // the engine's event steps end their key with the occurrence: a promise (prm_) or a plan's instalment (pln_...#n)
  if (/\/(prm|pln)_[^/]+$/.test(actionKey)) return 'promise_follow_up';
  return kind === 'negotiate' ? 'negotiate' : kind === 'review' ? 'review' : 'call';
}

/** actionOf in SQL, over a task row aliased `t` (kept beside it; src/tasks/lift-history.test.ts checks they agree). */
export const ACTION_OF_SQL = `CASE WHEN t.action_key LIKE 'dispute:%' THEN 'dispute_review'
  WHEN t.action_key LIKE 'escalation:%' OR t.action_key LIKE 'agent:handover:%' THEN 'handover'
  WHEN t.action_key LIKE 'callback:%' THEN 'callback'
  WHEN t.action_key ~ '/(prm|pln)_[^/]+$' THEN 'promise_follow_up'
  WHEN t.kind IN ('negotiate', 'review') THEN t.kind ELSE 'call' END`;

/** Recovery expected without acting, by days past due, when the customer has no score: linear between these points. */
export const RECOVERY_BY_DAYS: readonly (readonly [number, number])[] = [[0, 0.9], [30, 0.8], [90, 0.6], [180, 0.4], [365, 0.2]];

export function recoveryByDays(days: number): number {
  const d = Math.max(0, days);
  for (let i = 1; i < RECOVERY_BY_DAYS.length; i++) {
    const [d0, p0] = RECOVERY_BY_DAYS[i - 1]!;
    const [d1, p1] = RECOVERY_BY_DAYS[i]!;
    if (d <= d1) return p0 + ((p1 - p0) * (d - d0)) / (d1 - d0);
  }
  return RECOVERY_BY_DAYS[RECOVERY_BY_DAYS.length - 1]![1];
}

export interface ValueInput {
  action: Action;
  /** Past due, in minor units of `currency` (0 when nothing is). */
  balance: number;
  currency: string;
  daysPastDue: number;
  /** P(recover | no action) from the latest score (expected recovery over balance), or null: the curve by days stands in. */
  scoredRecovery: number | null;
}

export interface Value {
  action: Action; currency: string; balance: number;
  source: 'score' | 'days_past_due';
  recovery_without_action: number; lift: number; recovery_with_action: number;
  /** balance × (recovery_with_action − recovery_without_action), minor units. */
  gain: number;
  minutes: number;
  /** null: no minute cost for the currency, so the cost counts as zero. */
  minute_cost: number | null; cost: number | null;
  /** gain − cost, minor units. */
  expected_value: number;
  /** The expected value in collector minutes (expected_value / minute_cost): comparable across currencies. */
  in_minutes: number | null;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function valueOfActing(i: ValueInput, s: PrioritySettings): Value {
  const p0 = clamp01(i.scoredRecovery ?? recoveryByDays(i.daysPastDue));
  const lift = clamp01(s.lift[i.action]);
  const p1 = p0 + lift * (1 - p0);
  const balance = Math.max(0, i.balance);
  const gain = Math.round(balance * lift * (1 - p0));
  const minutes = Math.max(0, s.minutes[i.action]);
  const minuteCost = s.minute_cost[i.currency] ?? null;
  const cost = minuteCost === null ? null : Math.round(minutes * minuteCost);
  const ev = gain - (cost ?? 0);
  return { action: i.action, currency: i.currency, balance, source: i.scoredRecovery === null ? 'days_past_due' : 'score',
    recovery_without_action: round4(p0), lift, recovery_with_action: round4(p1), gain, minutes, minute_cost: minuteCost, cost,
    expected_value: ev, in_minutes: minuteCost ? Math.round((ev / minuteCost) * 10) / 10 : null };
}
