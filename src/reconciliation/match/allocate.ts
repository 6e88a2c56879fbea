// Fitting an amount to open invoices: exact, several invoices at once (bounded search), bank fee, over- and partial payment.
import type { MatchSettings, OpenInvoice, ProposedAllocation } from './types.ts';

export type FitKind = 'exact' | 'combination' | 'fee' | 'overpayment' | 'partial';

export interface Fit {
  kind: FitKind;
  allocations: ProposedAllocation[];
  fee: number;
  credit: number;
  /** More than one combination of invoices adds up to the amount; the oldest was taken. */
  ambiguous: boolean;
}

export interface SearchLimits {
  /** Only this many of the oldest invoices take part in the combination search (2^(n/2) sums on each side). */
  maxInvoices: number;
  /** Matching pairs of half-combinations examined before the search settles for the best seen. */
  maxSteps: number;
}

const LIMITS: SearchLimits = { maxInvoices: 24, maxSteps: 100_000 };

export function feeTolerance(owed: number, s: MatchSettings): number {
  return Math.min(Math.floor((owed * s.feeToleranceBps) / 10_000), s.feeToleranceMax);
}

/**
 * Due date, then number. Due dates are ISO dates of one length, which `localeCompare` orders as their characters do: only
 * a tie on the date (rare) pays for comparing the numbers by locale.
 */
const byDue = (a: OpenInvoice, b: OpenInvoice) => (a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1)
  : a.number === b.number ? 0 : a.number.localeCompare(b.number));

/** Sum of every subset of the balances of `items[from..to)`, indexed by bit mask. */
function subsetSums(items: OpenInvoice[], from: number, to: number): Float64Array {
  const sums = new Float64Array(1 << (to - from));
  for (let m = 1; m < sums.length; m++) {
    const low = m & -m;
    sums[m] = sums[m ^ low]! + items[from + 31 - Math.clz32(low)]!.balance;
  }
  return sums;
}

const bitsOf = (mask: number, offset: number): number[] => {
  const out: number[] = [];
  for (let b = 0; mask >> b; b++) if ((mask >> b) & 1) out.push(b + offset);
  return out;
};

/** Fewer invoices first, then the oldest (the smallest positions, compared in order). */
function better(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/**
 * Finds invoices whose balances add up to `target` exactly: meet in the middle over the oldest `maxInvoices`, so
 * nothing is missed among them. Prefers the fewest invoices, then the oldest; says whether another combination fits too.
 */
export function findCombination(target: number, invoices: OpenInvoice[], limits: SearchLimits = LIMITS): { found: OpenInvoice[] | null; several: boolean } {
  // filtered before it is sorted (a stable sort: the same order), so only what takes part is sorted
  const items = invoices.filter((i) => i.balance > 0 && i.balance <= target).sort(byDue).slice(0, limits.maxInvoices);
  const half = Math.floor(items.length / 2);
  const left = subsetSums(items, 0, half);
  const right = subsetSums(items, half, items.length);
  const byLeftSum = new Map<number, number[]>();
  for (let m = 0; m < left.length; m++) {
    const list = byLeftSum.get(left[m]!);
    if (list) list.push(m);
    else byLeftSum.set(left[m]!, [m]);
  }
  let best: number[] | null = null;
  let count = 0;
  for (let m = 0; m < right.length && count < limits.maxSteps; m++) {
    for (const l of byLeftSum.get(target - right[m]!) ?? []) {
      if (l === 0 && m === 0) continue;
      count += 1;
      const picked = [...bitsOf(l, 0), ...bitsOf(m, half)];
      if (!best || better(picked, best)) best = picked;
      if (count >= limits.maxSteps) break;
    }
  }
  return { found: best ? pick(items, best) : null, several: count > 1 };
}

/*
 * The lists below are filled by loops, not made by `map`: a `map` the optimising compiler inlines makes a list of another
 * kind (holey) than the built-in one (packed), and the code reading the lists is compiled again each time it meets the
 * other kind in a fresh process.
 */

/** The items at these positions. */
function pick(items: OpenInvoice[], at: number[]): OpenInvoice[] {
  const out: OpenInvoice[] = [];
  for (let i = 0; i < at.length; i++) out.push(items[at[i]!]!);
  return out;
}

function full(invoices: OpenInvoice[]): ProposedAllocation[] {
  const out: ProposedAllocation[] = [];
  for (let i = 0; i < invoices.length; i++) { const inv = invoices[i]!; out.push({ invoiceId: inv.id, amount: inv.balance, fee: 0 }); }
  return out;
}

/** The last invoice (the newest) carries the fee the bank kept. */
function withFee(invoices: OpenInvoice[], fee: number): ProposedAllocation[] {
  const a = full(invoices);
  // made anew rather than changed: allocations are never written after they are made (see `asOpen` in candidates.ts)
  const last = a[a.length - 1]!;
  a[a.length - 1] = { invoiceId: last.invoiceId, amount: last.amount - fee, fee };
  return a.filter((x) => x.amount > 0 || x.fee > 0);
}

/** Oldest first, until the money runs out. */
function oldestFirst(invoices: OpenInvoice[], amount: number): ProposedAllocation[] {
  const out: ProposedAllocation[] = [];
  let left = amount;
  for (const inv of invoices) {
    if (left <= 0) break;
    const take = Math.min(left, inv.balance);
    out.push({ invoiceId: inv.id, amount: take, fee: 0 });
    left -= take;
  }
  return out;
}

const fitOf = (kind: FitKind, allocations: ProposedAllocation[], ambiguous = false, credit = 0): Fit =>
  ({ kind, allocations, fee: 0, credit, ambiguous });

/** The invoices with a balance, oldest first (a lone invoice without a new list sorted). */
function openByDue(invoices: OpenInvoice[]): OpenInvoice[] {
  if (invoices.length === 1) return invoices[0]!.balance > 0 ? invoices : [];
  return invoices.filter((i) => i.balance > 0).sort(byDue);
}

/** How `amount` best settles `invoices` (all of one customer and currency). */
export function fitAmount(amount: number, invoices: OpenInvoice[], s: MatchSettings, limits: SearchLimits = LIMITS): Fit | null {
  if (amount <= 0) return null;
  const open = openByDue(invoices);
  if (!open.length) return null;
  let owed = 0;
  // the oldest invoice owing exactly the amount, and whether another does too
  let single: OpenInvoice | null = null;
  let singles = 0;
  for (const i of open) {
    owed += i.balance;
    if (i.balance === amount && singles++ === 0) single = i;
  }
  if (owed === amount) return fitOf(open.length === 1 ? 'exact' : 'combination', full(open));
  if (single) return fitOf('exact', full([single]), singles > 1);
  if (amount < owed) {
    const combo = findCombination(amount, open, limits);
    if (combo.found) return fitOf('combination', full(combo.found), combo.several);
    const feeFit = closestWithFee(amount, open, s);
    if (feeFit) return feeFit;
    return fitOf('partial', oldestFirst(open, amount));
  }
  return fitOf('overpayment', full(open), false, amount - owed);
}

/** A single invoice, or all of them, that the amount pays but for a shortfall within the fee tolerance. */
function closestWithFee(amount: number, open: OpenInvoice[], s: MatchSettings): Fit | null {
  const groups: OpenInvoice[][] = [];
  for (let i = 0; i < open.length; i++) groups.push([open[i]!]);
  groups.push(open);
  let best: Fit | null = null;
  for (const g of groups) {
    const owed = g.reduce((t, i) => t + i.balance, 0);
    const fee = owed - amount;
    if (fee <= 0 || fee > feeTolerance(owed, s)) continue;
    if (!best || fee < best.fee) best = { kind: 'fee', allocations: withFee(g, fee), fee, credit: 0, ambiguous: false };
  }
  return best;
}
