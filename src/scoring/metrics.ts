// How good probabilities are: AUC (ties count half), Brier score, log loss and calibration by decile.

/** Area under the ROC curve: the chance a random late invoice scores above a random on-time one, ties counting half. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = (i + j) / 2 + 1; // average rank of the tied run, 1-based
    for (let k = i; k <= j; k++) if (labels[order[k]!]) { positives++; rankSum += rank; }
    i = j + 1;
  }
  const negatives = n - positives;
  if (!positives || !negatives) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared difference between the probability and what happened (0 is perfect, 0.25 is a coin). */
export function brier(probabilities: ArrayLike<number>, labels: ArrayLike<boolean | number>): number {
  let s = 0;
  for (let i = 0; i < probabilities.length; i++) s += (probabilities[i]! - (labels[i] ? 1 : 0)) ** 2;
  return s / probabilities.length;
}

export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<boolean | number>): number {
  let s = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]!));
    s -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return s / probabilities.length;
}

export interface CalibrationBin { decile: number; count: number; predicted: number; observed: number; min: number; max: number }

/** Invoices sorted by probability and cut into ten groups of (nearly) equal size: mean predicted beside share observed late. */
export function calibrationByDecile(probabilities: ArrayLike<number>, labels: ArrayLike<boolean | number>): CalibrationBin[] {
  const n = probabilities.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[a]! - probabilities[b]! || a - b);
  const bins: CalibrationBin[] = [];
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10);
    const to = Math.floor(((d + 1) * n) / 10);
    if (to <= from) continue;
    let p = 0;
    let y = 0;
    for (let k = from; k < to; k++) { p += probabilities[order[k]!]!; y += labels[order[k]!] ? 1 : 0; }
    bins.push({ decile: d + 1, count: to - from, predicted: p / (to - from), observed: y / (to - from),
      min: probabilities[order[from]!]!, max: probabilities[order[to - 1]!]! });
  }
  return bins;
}

export function meanAbsoluteError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < predicted.length; i++) s += Math.abs(predicted[i]! - actual[i]!);
  return s / predicted.length;
}
