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
  rules(ctx: GateContext): readonly Rule[];
}
