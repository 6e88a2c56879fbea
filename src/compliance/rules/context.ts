// What every rule sees: the inputs of one decision, and the shape of a rule and of a jurisdiction pack.
import type { Verdict } from '../decision.ts';
import type { GatePolicy } from '../policy.ts';
import type { ChannelTarget, ContactHistory, Debt, Debtor, Purpose } from '../types.ts';

export interface GateContext {
  debtor: Debtor;
  debt: Debt;
  channel: ChannelTarget;
  purpose: Purpose;
  history: ContactHistory;
  policy: GatePolicy;
  /** Upper-case ISO country and region, as resolved from the debtor. */
  country: string;
  region: string | undefined;
  /** The instant decided on: rules are only ever asked about it and later instants. */
  now: Date;
  /** Each history event's local day number in the debtor's zone, filled by the first cap that needs it (see caps.ts). */
  eventDays?: Array<number | undefined>;
}

/**
 * One rule: its answer at an instant. A deferral must name the first instant at which this rule
 * itself would allow, and the rule must disallow everything before it; the gate relies on that to
 * find the first instant every rule allows.
 */
export interface Rule {
  rule: string;
  check(at: Date): Verdict;
}

export interface Pack {
  /** 'US', 'EU', 'IE', 'CO' ... or 'COMMON' and 'ORG'. */
  id: string;
  /**
   * Adds the pack's rules to `out`, in the order their reasons rank. A rule that allows at `ctx.now` and at every later
   * instant changes no decision, so a pack leaves it out rather than build it (the gate's hot path builds few objects).
   */
  rules(ctx: GateContext, out: Rule[]): void;
}

/** Adds a rule a builder returned; a builder returns nothing for a rule that would allow from now on. */
export function addRule(out: Rule[], rule: Rule | undefined): void {
  if (rule) out.push(rule);
}
