// Deciding a step's channels for one customer: drop those they cannot be reached on, fill in fallbacks.
import type { StepAction } from '../strategy/index.ts';
import type { CaseCustomer } from './case-state.ts';
import type { PlannedStepAction } from './plan-types.ts';

export interface ResolvedActions {
  actions: PlannedStepAction[];
  /** Sends dropped because no listed or fallback channel is allowed, described for the record. */
  dropped: string[];
}

/** Each unreachable channel is replaced by the first allowed fallback not already used. */
export function resolveActions(actions: readonly StepAction[], customer: CaseCustomer): ResolvedActions {
  const allowed = (c: string) => customer.channels.some((k) => k === c) && !customer.optedOut.some((k) => k === c);
  const out: PlannedStepAction[] = [];
  const dropped: string[] = [];
  for (const action of actions) {
    if (action.type !== 'send') { out.push(action); continue; }
    const { channels, fallback, ...rest } = action;
    const primary = channels.filter(allowed);
    const unreachable = channels.filter((c) => !allowed(c));
    const spare = fallback.filter((c) => allowed(c) && !primary.includes(c)).slice(0, unreachable.length);
    const chosen = [...primary, ...spare];
    if (chosen.length === 0) {
      dropped.push(`${action.template} on ${[...channels, ...fallback].join('/')}: no channel allowed`);
      continue;
    }
    out.push({ ...rest, channels: chosen, unreachable, fallback: fallback.filter((c) => allowed(c) && !chosen.includes(c)) });
  }
  return { actions: out, dropped };
}
