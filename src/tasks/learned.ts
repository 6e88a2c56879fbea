// The lifts learned from the org's own history beside the ones set, and applying those with enough data as a settings
// change (audited as any other, saying where the figures came from).
import type { Queryable } from '../db/index.ts';
import { addDays, dateInZone, type CalendarDate } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { getOrg } from '../orgs/index.ts';
import { estimateLifts, type LearnedLift } from './lift-estimate.ts';
import { liftHistory } from './lift-history.ts';
import { getPrioritySettings, setPrioritySettings } from './settings.ts';
import type { Action, PrioritySettings } from './value.ts';

export const LEARN_DEFAULTS = { lookbackDays: 180, days: 14, share: 0.5, minActions: 30 } as const;

export interface LearnRequest {
  /** First day looked at (default: 180 days before today in the org's time zone). */
  since?: CalendarDate;
  /** Days after an action a payment counts in (default 14). */
  days?: number;
  /** The share of what was past due that counts as paying (default 0.5). */
  share?: number;
}

export interface LearnedLifts {
  since: CalendarDate; until: CalendarDate; days: number; share: number; min_actions: number;
  basis: 'observational';
  note: string;
  /** Customer-days with no one acting that the actions were compared with. */
  comparison_days: number;
  lifts: (LearnedLift & { current: number })[];
  minutes: { recorded: false; note: string };
}

const NOTE = 'observational, not randomised: people chose whom to act on, so a lift may carry what made them choose that customer '
  + 'beyond days past due, risk band and balance; a champion/challenger experiment measures without that bias';
const MINUTES_NOTE = 'cobro records no duration for a call or task a person works, so the minutes stay as the org set them';

export async function learnedLifts(q: Queryable, orgId: string, r: LearnRequest, now: Date): Promise<Result<LearnedLifts>> {
  const tz = (await getOrg(q, orgId))?.default_timezone ?? 'UTC';
  const today = dateInZone(now, tz);
  const days = r.days ?? LEARN_DEFAULTS.days;
  const share = r.share ?? LEARN_DEFAULTS.share;
  const since = r.since ?? addDays(today, -LEARN_DEFAULTS.lookbackDays);
  // the last day whose window of `days` has passed in full
  const until = addDays(today, -days);
  if (since > until) return fail('VALIDATION_FAILED', `since must be on or before ${until} (today less the ${days}-day window)`, 'since');
  const history = await liftHistory(q, orgId, { since, until, days, share, timeZone: tz });
  const current = (await getPrioritySettings(q, orgId)).lift;
  const lifts = estimateLifts(history, { minActions: LEARN_DEFAULTS.minActions }).map((l) => ({ ...l, current: current[l.action] }));
  return ok({ since, until, days, share, min_actions: LEARN_DEFAULTS.minActions, basis: 'observational', note: NOTE,
    comparison_days: history.untouched.reduce((s, u) => s + u.n, 0), lifts, minutes: { recorded: false, note: MINUTES_NOTE } });
}

export interface AppliedLifts { learned: LearnedLifts; applied: Partial<Record<Action, number>>; settings: PrioritySettings }

/** Sets the lifts estimated with enough data; the others keep their values. Nothing estimated: nothing changes, nothing is audited. */
export async function applyLearnedLifts(q: Queryable, orgId: string, actor: string, r: LearnRequest, now: Date): Promise<Result<AppliedLifts>> {
  const learned = await learnedLifts(q, orgId, r, now);
  if (!learned.ok) return learned;
  const applied = Object.fromEntries(learned.value.lifts.filter((l) => l.status === 'estimated' && l.lift !== null).map((l) => [l.action, l.lift!])) as Partial<Record<Action, number>>;
  if (Object.keys(applied).length === 0) return ok({ learned: learned.value, applied, settings: await getPrioritySettings(q, orgId) });
  const { since, until, days, share } = learned.value;
  const set = await setPrioritySettings(q, orgId, actor, { lift: applied }, now, false, { learned: { since, until, days, share, basis: 'observational' } });
  return set.ok ? ok({ learned: learned.value, applied, settings: set.value }) : set;
}
