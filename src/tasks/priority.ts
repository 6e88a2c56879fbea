// The worklist's order, pure: what is owed past due (ranked among the list's balances in the same currency) and the risk
// of paying late from the latest score; with no score, days past due stand in for risk and the reason says so.
import { formatMinor } from '../domain/money.ts';

export interface RankInput {
  id: string;
  priority: string;
  /** A callback's instant: before it comes, the task waits at the end of the list. */
  dueAt: Date | null;
  /** What the customer owes past due in the currency most is owed in; null when nothing is past due. */
  overdue: { currency: string; amount: number; invoices: number } | null;
  daysPastDue: number;
  /** The latest score's probability of paying late (balance-weighted over the customer's invoices), with its main reason. */
  risk: { probabilityLate: number; reason: string | null } | null;
}

export type Basis = 'score' | 'balance_and_days';

export interface Ranked {
  id: string;
  /** 0 to 100: 45% amount, 45% risk (or days past due), 10% the task's own priority. */
  score: number;
  basis: Basis;
  /** Where the balance stands among the list's balances in its currency. */
  amount: AmountRank;
  /** Risk as used: the score's probability, or days past due over DAYS_FOR_FULL_RISK. */
  risk: number;
  waiting: boolean;
  reason: string;
}

/** Days past due at which a customer with no score counts as certain to pay late. */
export const DAYS_FOR_FULL_RISK = 120;
const LABEL: Record<string, number> = { urgent: 1, high: 2 / 3, normal: 1 / 3, low: 0 };
const WEIGHTS = { amount: 0.45, risk: 0.45, label: 0.1 };

export interface AmountRank {
  /** The share of the list's balances in the same currency at or below this one: 1 for the largest, 0 with nothing past due. */
  share: number;
  /** 1 for the largest balance in its currency on the list. */
  position: number;
  of: number;
}

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

function reasonOf(i: RankInput, basis: Basis, rank: AmountRank, waiting: boolean): string {
  const parts: string[] = [];
  if (i.dueAt) parts.push(`${waiting ? 'callback set for' : 'callback due since'} ${i.dueAt.toISOString()}`);
  if (i.overdue && i.overdue.amount > 0) {
    parts.push(`${formatMinor(i.overdue.amount, i.overdue.currency)} ${i.overdue.currency} past due on ${i.overdue.invoices} invoice${i.overdue.invoices === 1 ? '' : 's'}, `
      + `the oldest ${i.daysPastDue} days (${ordinal(rank.position)} largest of ${rank.of} ${i.overdue.currency} balances on this list)`);
  } else parts.push('nothing past due yet');
  if (basis === 'score' && i.risk) {
    parts.push(`${Math.round(i.risk.probabilityLate * 100)}% likely to pay late${i.risk.reason ? ` (${i.risk.reason})` : ''}`);
  } else parts.push('no risk score yet: ranked by balance and days past due');
  parts.push(`${i.priority} priority task`);
  return parts.join('; ');
}

/** The list in working order: tasks whose time has come by score (then days past due, then id), then callbacks still ahead by their time. */
export function rankWorklist(items: readonly RankInput[], now: Date): Ranked[] {
  const ranks = amountRanks(items);
  const ranked = items.map((i) => {
    const basis: Basis = i.risk ? 'score' : 'balance_and_days';
    const risk = i.risk ? Math.min(1, Math.max(0, i.risk.probabilityLate)) : Math.min(Math.max(i.daysPastDue, 0), DAYS_FOR_FULL_RISK) / DAYS_FOR_FULL_RISK;
    const amount = ranks.get(i.id) ?? { share: 0, position: 0, of: 0 };
    const score = Math.round(100 * (WEIGHTS.amount * amount.share + WEIGHTS.risk * risk + WEIGHTS.label * (LABEL[i.priority] ?? 0)));
    const waiting = i.dueAt !== null && i.dueAt > now;
    return { input: i, out: { id: i.id, score, basis, amount, risk, waiting, reason: reasonOf(i, basis, amount, waiting) } };
  });
  ranked.sort((a, b) => {
    if (a.out.waiting !== b.out.waiting) return a.out.waiting ? 1 : -1;
    if (a.out.waiting) return a.input.dueAt!.getTime() - b.input.dueAt!.getTime() || a.out.id.localeCompare(b.out.id);
    return b.out.score - a.out.score || b.input.daysPastDue - a.input.daysPastDue || a.out.id.localeCompare(b.out.id);
  });
  return ranked.map((r) => r.out);
}
