// decideContact: applies every pack that covers the debtor and finds the first instant all of them allow.
import { ALLOW, type ContactDecision, type Reason, type Verdict } from './decision.ts';
import { isTimeZone } from '../domain/dates.ts';
import { resolveJurisdiction } from './jurisdiction.ts';
import { DEFAULT_POLICY, type GatePolicy } from './policy.ts';
import type { GateContext, Rule } from './rules/context.ts';
import type { ChannelTarget, ContactHistory, Debt, Debtor, Purpose } from './types.ts';

const DAY_MS = 86_400_000;
/** Every step moves to a later instant, so this only guards against a rule that breaks its contract. */
const MAX_STEPS = 2_000;

/**
 * Decides whether one contact may happen at `now`: allow, defer to the first instant every applicable
 * rule allows (in the debtor's time zone), or block. Fails closed on an unknown time zone or country.
 */
export function decideContact(
  debtor: Debtor,
  debt: Debt,
  channel: ChannelTarget,
  purpose: Purpose,
  history: ContactHistory,
  now: Date,
  policy: GatePolicy = DEFAULT_POLICY,
): ContactDecision {
  if (!isTimeZone(debtor.timeZone)) return unknownZone(debtor.timeZone);
  for (const zone of debtor.otherTimeZones ?? []) if (!isTimeZone(zone)) return unknownZone(zone);
  const jurisdiction = resolveJurisdiction(debtor, debt, policy);
  if (!jurisdiction.ok) return { kind: 'block', packs: [], reason: { ...jurisdiction.reason } };
  const { country, region, packs, ids } = jurisdiction;
  const ctx: GateContext = { debtor, debt, channel, purpose, history, policy, country, region, now };
  const rules: Rule[] = [];
  for (const p of packs) p.rules(ctx, rules);
  const outcome = firstAllowed(rules, now, policy.horizonDays);
  switch (outcome.kind) {
    case 'allow': return { kind: 'allow', packs: ids };
    case 'defer': return { kind: 'defer', until: outcome.until, reason: outcome.reason, reasons: outcome.reasons, packs: ids };
    case 'block': return { kind: 'block', reason: outcome.reason, packs: ids };
  }
}

function unknownZone(zone: string): ContactDecision {
  return { kind: 'block', packs: [], reason: {
    code: 'TIME_ZONE_UNKNOWN', rule: 'PREMISE', message: `"${zone}" is not a known time zone; no contact until it is corrected.`,
  } };
}

type Outcome =
  | { kind: 'allow' }
  | { kind: 'defer'; until: Date; reason: Reason; reasons: Reason[] }
  | { kind: 'block'; reason: Reason };

/**
 * Evaluates every rule at `now`; while some defer, moves to the latest of their deferrals and
 * evaluates again. Each rule disallows everything before its own deferral, so the instant where
 * all allow is the first allowed one.
 */
export function firstAllowed(rules: readonly Rule[], now: Date, horizonDays: number): Outcome {
  const limit = now.getTime() + horizonDays * DAY_MS;
  let at = now;
  let reasonsNow: Reason[] | undefined;
  for (let step = 0; step < MAX_STEPS; step++) {
    // one pass, no arrays: a block ends it; the latest deferral is where to look next
    let next = -Infinity;
    let deferrals: Reason[] | null = null;
    for (const r of rules) {
      const v = r.check(at);
      if (v.kind === 'block') return { kind: 'block', reason: v.reason };
      if (v.kind === 'defer') {
        if (reasonsNow === undefined) (deferrals ??= []).push(v.reason);
        if (v.until.getTime() > next) next = v.until.getTime();
      }
    }
    reasonsNow ??= deferrals ?? [];
    if (next === -Infinity) {
      const first = reasonsNow[0];
      return first ? { kind: 'defer', until: at, reason: first, reasons: reasonsNow } : ALLOW;
    }
    if (next <= at.getTime()) throw new Error(`a rule deferred to ${new Date(next).toISOString()}, not after ${at.toISOString()}`);
    if (next > limit) break;
    at = new Date(next);
  }
  return {
    kind: 'block',
    reason: { code: 'NO_ALLOWED_TIME', rule: 'PREMISE', message: `No instant in the next ${horizonDays} days satisfies every rule.` },
  };
}
