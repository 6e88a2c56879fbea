// Rows to learn from and rows to score: features as of a day for each invoice, with the outcome known at the cut-off.
import { FEATURE_COUNT, type CustomerFact, type FeatureContext, type InvoiceFact, type Outcome, type Portfolio, type UndatedDisputes } from './types.ts';
import { customerState, invoiceFeatures, type CustomerState } from './features.ts';
import { outcomeAt } from './labels.ts';
import { matrix, type Matrix } from './matrix.ts';
import type { Priors, PriorsAt } from './priors.ts';

export interface Item { inv: InvoiceFact; cust: CustomerFact; day: number }

export interface Rows {
  x: Matrix;
  items: Item[];
  context: FeatureContext[];
}

/** Features for each item as of its own day; customer standings and priors are computed once per (customer, day). */
export function featureRows(items: Item[], priors: Priors, undated: UndatedDisputes): Rows {
  const x = matrix(items.length, FEATURE_COUNT);
  const context: FeatureContext[] = new Array(items.length);
  const priorCache = new Map<number, PriorsAt>();
  let lastCust: CustomerFact | null = null;
  let lastDay = Number.NaN;
  let state: CustomerState | null = null;
  for (let i = 0; i < items.length; i++) {
    const { inv, cust, day } = items[i]!;
    if (cust !== lastCust || day !== lastDay || !state) { state = customerState(cust, day, undated); lastCust = cust; lastDay = day; }
    let p = priorCache.get(day);
    if (!p) { p = priors.at(day); priorCache.set(day, p); }
    context[i] = invoiceFeatures(inv, cust, state, day, p, undated, x.data.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT));
  }
  return { x, items, context };
}

/** Rows to learn from: features as of each invoice's issue day, its issue day (for the held-out latest fifth) and its outcome. */
export interface TrainingSet {
  x: Matrix;
  issue: Float64Array;
  late: Float64Array;
  daysLate: Float64Array;
  censored: Uint8Array;
  recovered: Uint8Array;
}

/** An empty training set of n rows, filled by `setRow`. */
export function emptyTrainingSet(n: number, x = matrix(n, FEATURE_COUNT)): TrainingSet {
  return { x, issue: new Float64Array(n), late: new Float64Array(n), daysLate: new Float64Array(n),
    censored: new Uint8Array(n), recovered: new Uint8Array(n) };
}

export function setRow(ts: TrainingSet, i: number, issue: number, o: Outcome): void {
  ts.issue[i] = issue;
  ts.late[i] = o.late ? 1 : 0;
  ts.daysLate[i] = o.daysLate;
  ts.censored[i] = o.censored ? 1 : 0;
  ts.recovered[i] = o.recovered ? 1 : 0;
}

/** Invoices issued before the cut-off whose outcome was known by then (at most `max` of them, spread over the history), each described as of its issue day. */
export function trainingSet(p: Portfolio, priors: Priors, cutoff: number, undated: UndatedDisputes, max = Number.POSITIVE_INFINITY): TrainingSet & Rows {
  let known: { item: Item; outcome: Outcome }[] = [];
  for (const cust of p.customers) {
    for (const inv of cust.invoices) {
      if (inv.issue >= cutoff) break;
      const outcome = outcomeAt(inv, cutoff);
      if (outcome) known.push({ item: { inv, cust, day: inv.issue }, outcome });
    }
  }
  if (known.length > max) {
    // an even spread over the whole history (every k-th by issue day): the latest alone can be all late, still open;
    // train-db.ts draws the same rows in SQL
    const order = known.map((k, i) => [k.item.inv.issue, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const step = known.length / max;
    const keep = Array.from({ length: max }, (_, j) => order[Math.floor(j * step)]![1]).sort((a, b) => a - b);
    known = keep.map((i) => known[i]!);
  }
  const rows = featureRows(known.map((k) => k.item), priors, undated);
  const ts = emptyTrainingSet(known.length, rows.x);
  known.forEach((k, i) => setRow(ts, i, k.item.inv.issue, k.outcome));
  return { ...rows, ...ts };
}
