// The lift each worklist action brought, estimated from the org's history, pure: customer-days after a person acted
// against comparable customer-days with no one acting, matched by stratum (days past due, risk band, balance), as the
// value of acting defines the lift: (p_act − p_none) / (1 − p_none). Observational: who was acted on was not drawn at random.
import { ratioInterval, wilson } from './lift-interval.ts';
import { ACTIONS, type Action } from './value.ts';

/** Customer-days of one stratum: how many, and in how many the customer paid within the window. */
export interface StratumCount { stratum: string; n: number; paid: number }
/** Customer-days after an action of `action`. */
export interface ActedCount extends StratumCount { action: Action }

export interface LiftHistory { acted: ActedCount[]; untouched: StratumCount[] }

export interface LiftOptions {
  /** Fewer matched actions than this: not enough data (30 by default). */
  minActions?: number;
  /** A stratum with fewer customer-days without action than this cannot serve as a comparison (5 by default). */
  minComparisons?: number;
}

export type LiftStatus = 'estimated' | 'not_enough_data' | 'no_baseline';

export interface LearnedLift {
  action: Action;
  status: LiftStatus;
  /** Customer-days after the action, all, and those in strata with enough comparisons. */
  actions: number; matched: number;
  /** Customer-days with no action in the matched strata. */
  comparisons: number;
  /** The share of the matched action days followed by a payment. */
  paid_after_action: number | null;
  /** The share of comparable days without action followed by one, weighted to the action days' strata. */
  paid_without_action: number | null;
  /** (p_act − p_none) / (1 − p_none), bounded by [0, 1] as the settings take it; null unless estimated. */
  lift: number | null;
  /** Its 95% interval, bounded by [0, 1]. */
  low: number | null; high: number | null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function byStratum(rows: readonly StratumCount[]): Map<string, StratumCount> {
  const out = new Map<string, StratumCount>();
  for (const r of rows) {
    const prev = out.get(r.stratum);
    out.set(r.stratum, { stratum: r.stratum, n: (prev?.n ?? 0) + r.n, paid: (prev?.paid ?? 0) + r.paid });
  }
  return out;
}

function estimateOne(action: Action, acted: StratumCount[], untouched: Map<string, StratumCount>, minActions: number, minComparisons: number): LearnedLift {
  const actions = acted.reduce((s, c) => s + c.n, 0);
  const matchedRows = acted.filter((c) => c.n > 0 && (untouched.get(c.stratum)?.n ?? 0) >= minComparisons);
  const matched = matchedRows.reduce((s, c) => s + c.n, 0);
  const paidActed = matchedRows.reduce((s, c) => s + c.paid, 0);
  const comparisons = matchedRows.reduce((s, c) => s + untouched.get(c.stratum)!.n, 0);
  const none: LearnedLift = { action, status: 'not_enough_data', actions, matched, comparisons, paid_after_action: null, paid_without_action: null, lift: null, low: null, high: null };
  if (matched === 0) return none;
  const pAct = paidActed / matched;
  // the days without action standardised to the action days' strata; Kish's effective size for the weighted share
  let pNone = 0;
  let sumW2OverM = 0;
  for (const c of matchedRows) {
    const u = untouched.get(c.stratum)!;
    const w = c.n / matched;
    pNone += (w * u.paid) / u.n;
    sumW2OverM += (w * w) / u.n;
  }
  const shown = { ...none, paid_after_action: round4(pAct), paid_without_action: round4(pNone) };
  if (matched < minActions) return shown;
  if (pNone >= 1) return { ...shown, status: 'no_baseline' };
  // 1 − lift = (1 − p_act) / (1 − p_none): the ratio of the shares not paid, with its interval from theirs
  const qAct = 1 - pAct;
  const qNone = 1 - pNone;
  const nEff = 1 / sumW2OverM;
  const ratio = ratioInterval(qAct, wilson(matched - paidActed, matched), qNone, wilson(qNone * nEff, nEff));
  return { ...shown, status: 'estimated', lift: round4(clamp01(1 - qAct / qNone)), low: round4(clamp01(1 - ratio.high)), high: round4(clamp01(1 - ratio.low)) };
}

/** One figure per worklist action, in the order of ACTIONS. */
export function estimateLifts(h: LiftHistory, o: LiftOptions = {}): LearnedLift[] {
  const minActions = o.minActions ?? 30;
  const minComparisons = o.minComparisons ?? 5;
  const untouched = byStratum(h.untouched);
  return ACTIONS.map((a) => estimateOne(a, [...byStratum(h.acted.filter((c) => c.action === a)).values()], untouched, minActions, minComparisons));
}
