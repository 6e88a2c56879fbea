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

export interface TrainingSet extends Rows {
  late: Float64Array;
  daysLate: Float64Array;
  censored: Uint8Array;
  recovered: Uint8Array;
}

/** Invoices issued before the cut-off whose outcome was known by then (at most `max` of them, spread over the history), each described as of its issue day. */
export function trainingSet(p: Portfolio, priors: Priors, cutoff: number, undated: UndatedDisputes, max = Number.POSITIVE_INFINITY): TrainingSet {
  let known: { item: Item; outcome: Outcome }[] = [];
  for (const cust of p.customers) {
    for (const inv of cust.invoices) {
      if (inv.issue >= cutoff) break;
      const outcome = outcomeAt(inv, cutoff);
      if (outcome) known.push({ item: { inv, cust, day: inv.issue }, outcome });
    }
  }
  if (known.length > max) {
    // an even spread over the whole history (every k-th by issue day): the latest alone can be all late, still open
    const order = known.map((k, i) => [k.item.inv.issue, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const step = known.length / max;
    const keep = Array.from({ length: max }, (_, j) => order[Math.floor(j * step)]![1]).sort((a, b) => a - b);
    known = keep.map((i) => known[i]!);
  }
  const items = known.map((k) => k.item);
  const outcomes = known.map((k) => k.outcome);
  const rows = featureRows(items, priors, undated);
  return {
    ...rows,
    late: Float64Array.from(outcomes, (o) => (o.late ? 1 : 0)),
    daysLate: Float64Array.from(outcomes, (o) => o.daysLate),
    censored: Uint8Array.from(outcomes, (o) => (o.censored ? 1 : 0)),
    recovered: Uint8Array.from(outcomes, (o) => (o.recovered ? 1 : 0)),
  };
}
