// The worklist's order, pure: the expected value of acting on each task (see value.ts), measured in collector minutes so
// currencies compare; callbacks whose time has not come wait at the end. The reason spells out the value and its parts.
import { formatMinor } from '../domain/money.ts';
import { valueOfActing, type Action, type PrioritySettings, type Value } from './value.ts';

export interface RankInput {
  id: string;
  priority: string;
  action: Action;
  /** A callback's instant: before it comes, the task waits at the end of the list. */
  dueAt: Date | null;
  /** What the customer owes past due in the currency most is owed in; null when nothing is past due. */
  overdue: { currency: string; amount: number; invoices: number } | null;
  /** The currency the value is counted in when nothing is past due (the org's). */
  fallbackCurrency: string;
  daysPastDue: number;
  /**
   * From the latest score: the probability of paying late (balance-weighted over the customer's invoices) with its main
   * reason, and the recovery expected without acting on the past-due balance (null when none of it was scored).
   */
  risk: { probabilityLate: number; recovery: number | null; reason: string | null } | null;
}

export type Basis = 'score' | 'balance_and_days';

export interface Ranked {
  id: string;
  /** 0 to 100: the task's expected value against the best on the list (100); 0 when acting is not expected to pay. */
  score: number;
  basis: Basis;
  /** Where the balance stands among the list's balances in its currency. */
  amount: AmountRank;
  value: Value;
  waiting: boolean;
  reason: string;
}

export interface AmountRank {
  /** The share of the list's balances in the same currency at or below this one: 1 for the largest, 0 with nothing past due. */
  share: number;
  /** 1 for the largest balance in its currency on the list. */
  position: number;
  of: number;
}

const LABEL: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export function amountRanks(items: readonly RankInput[]): Map<string, AmountRank> {
  const byCurrency = new Map<string, number[]>();
  for (const i of items) if (i.overdue && i.overdue.amount > 0) byCurrency.set(i.overdue.currency, [...(byCurrency.get(i.overdue.currency) ?? []), i.overdue.amount]);
  const out = new Map<string, AmountRank>();
  for (const i of items) {
    const amounts = i.overdue ? byCurrency.get(i.overdue.currency) : undefined;
    if (!i.overdue || !amounts || i.overdue.amount <= 0) { out.set(i.id, { share: 0, position: 0, of: 0 }); continue; }
    const amount = i.overdue.amount;
    out.set(i.id, { share: amounts.filter((a) => a <= amount).length / amounts.length, position: amounts.filter((a) => a > amount).length + 1, of: amounts.length });
  }
  return out;
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const ACTION_WORDS: Record<Action, string> = { call: 'a call', callback: 'the callback', promise_follow_up: 'following up the promise',
  negotiate: 'negotiating', review: 'a review', dispute_review: 'reviewing the dispute', handover: 'taking the hand-over' };

/** "value of a call: 45000.00 MXN × 3.8 points more recovery (62.0% without it, 65.8% with it) = 1710.00, less 6 minutes at 5.00 = 30.00: 1680.00 MXN" */
export function valueWords(v: Value): string {
  const m = (n: number) => formatMinor(n, v.currency);
  const cost = v.minute_cost === null ? `less ${v.minutes} minutes at no known cost in ${v.currency} (counted as 0: set minute_cost.${v.currency})`
    : `less ${v.minutes} minutes at ${m(v.minute_cost)} = ${m(v.cost ?? 0)}`;
  return `value of ${ACTION_WORDS[v.action]}: ${m(v.balance)} ${v.currency} × ${(Math.round((v.recovery_with_action - v.recovery_without_action) * 1000) / 10).toFixed(1)} points more recovery `
    + `(${pct(v.recovery_without_action)} without it${v.source === 'score' ? ', from the latest score' : ', by days past due'}, ${pct(v.recovery_with_action)} with it: `
    + `a lift of ${pct(v.lift)} of the rest) = ${m(v.gain)}, ${cost}: ${m(v.expected_value)} ${v.currency} expected`;
}

function reasonOf(i: RankInput, basis: Basis, rank: AmountRank, value: Value, waiting: boolean): string {
  const parts: string[] = [];
  if (i.dueAt) parts.push(`${waiting ? 'callback set for' : 'callback due since'} ${i.dueAt.toISOString()}`);
  if (i.overdue && i.overdue.amount > 0) {
    parts.push(`${formatMinor(i.overdue.amount, i.overdue.currency)} ${i.overdue.currency} past due on ${i.overdue.invoices} invoice${i.overdue.invoices === 1 ? '' : 's'}, `
      + `the oldest ${i.daysPastDue} days (${ordinal(rank.position)} largest of ${rank.of} ${i.overdue.currency} balances on this list)`);
  } else parts.push('nothing past due yet');
  if (basis === 'score' && i.risk) {
    parts.push(`${Math.round(i.risk.probabilityLate * 100)}% likely to pay late${i.risk.reason ? ` (${i.risk.reason})` : ''}`);
  } else parts.push('no risk score yet: ranked by balance and days past due');
  parts.push(valueWords(value));
  parts.push(`${i.priority} priority task`);
  return parts.join('; ');
}

/** What the list is ordered by: value in collector minutes when the currency has a minute cost, else the value in its currency after them. */
const sortKey = (v: Value): { group: number; key: number } => (v.in_minutes !== null ? { group: 0, key: v.in_minutes } : { group: 1, key: v.expected_value });

/**
 * The list in working order: tasks whose time has come by expected value (then priority, balance, days past due, id),
 * then callbacks still ahead by their time.
 */
export function rankWorklist(items: readonly RankInput[], settings: PrioritySettings, now: Date): Ranked[] {
  const ranks = amountRanks(items);
  const ranked = items.map((i) => {
    const recovery = i.risk?.recovery ?? null;
    const value = valueOfActing({ action: i.action, balance: i.overdue?.amount ?? 0, currency: i.overdue?.currency ?? i.fallbackCurrency,
      daysPastDue: i.daysPastDue, scoredRecovery: i.overdue ? recovery : null }, settings);
    const basis: Basis = i.risk ? 'score' : 'balance_and_days';
    const amount = ranks.get(i.id) ?? { share: 0, position: 0, of: 0 };
    const waiting = i.dueAt !== null && i.dueAt > now;
    return { input: i, sort: sortKey(value), out: { id: i.id, score: 0, basis, amount, value, waiting, reason: reasonOf(i, basis, amount, value, waiting) } };
  });
  // the score: the value against the best of its kind (minutes, or the same currency when it has no minute cost)
  const best = new Map<string, number>();
  const bestKey = (r: (typeof ranked)[number]) => (r.sort.group === 0 ? 'minutes' : r.out.value.currency);
  for (const r of ranked) best.set(bestKey(r), Math.max(best.get(bestKey(r)) ?? 0, r.sort.key));
  for (const r of ranked) { const top = best.get(bestKey(r)) ?? 0; r.out.score = top > 0 ? Math.max(0, Math.round((100 * r.sort.key) / top)) : 0; }
  ranked.sort((a, b) => {
    if (a.out.waiting !== b.out.waiting) return a.out.waiting ? 1 : -1;
    if (a.out.waiting) return a.input.dueAt!.getTime() - b.input.dueAt!.getTime() || a.out.id.localeCompare(b.out.id);
    return a.sort.group - b.sort.group || b.sort.key - a.sort.key || (LABEL[a.input.priority] ?? 9) - (LABEL[b.input.priority] ?? 9)
      || b.out.value.balance - a.out.value.balance || b.input.daysPastDue - a.input.daysPastDue || a.out.id.localeCompare(b.out.id);
  });
  return ranked.map((r) => r.out);
}
