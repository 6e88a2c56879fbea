// Logistic regression with an L2 penalty on standardised features, fitted by Newton's method (deterministic, no step size).
import { row, sigmoid, type Matrix } from './matrix.ts';

export interface LogisticModel {
  kind: 'logistic';
  mean: number[];
  scale: number[];
  weights: number[];
  intercept: number;
  lambda: number;
}

/** Solves A x = b for a symmetric positive definite A (n x n, row-major) by Cholesky. */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(s, 1e-12));
      else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

export function fitLogistic(x: Matrix, y: ArrayLike<number>, opts: { lambda?: number; maxIter?: number } = {}): LogisticModel {
  const lambda = opts.lambda ?? 1;
  const { rows: n, cols: d } = x;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x.data[i * d + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j]! += (x.data[i * d + j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const m = d + 1; // the intercept is the last coefficient and carries no penalty
  const w = new Float64Array(m);
  const z = new Float64Array(m);
  z[d] = 1;
  for (let iter = 0; iter < (opts.maxIter ?? 50); iter++) {
    const grad = new Float64Array(m);
    const hess = new Float64Array(m * m);
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < d; j++) { z[j] = (x.data[i * d + j]! - mean[j]!) / scale[j]!; eta += w[j]! * z[j]!; }
      eta += w[d]!;
      const p = sigmoid(eta);
      const r = p - y[i]!;
      const h = Math.max(p * (1 - p), 1e-10);
      for (let a = 0; a < m; a++) {
        grad[a]! += r * z[a]!;
        for (let b = 0; b <= a; b++) hess[a * m + b]! += h * z[a]! * z[b]!;
      }
    }
    for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) hess[b * m + a] = hess[a * m + b]!;
    for (let j = 0; j < d; j++) { grad[j]! += lambda * w[j]!; hess[j * m + j]! += lambda; }
    const step = solveSpd(hess, grad, m);
    let largest = 0;
    for (let a = 0; a < m; a++) { w[a]! -= step[a]!; largest = Math.max(largest, Math.abs(step[a]!)); }
    if (largest < 1e-9) break;
  }
  return { kind: 'logistic', mean, scale, weights: Array.from(w.subarray(0, d)), intercept: w[d]!, lambda };
}

/** Each feature's push on the log-odds, measured from the training average (positive raises the probability). */
export function logisticContributions(m: LogisticModel, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(m.weights.length);
  for (let j = 0; j < out.length; j++) out[j] = (m.weights[j]! * (x[j]! - m.mean[j]!)) / m.scale[j]!;
  return out;
}

export function logisticMargin(m: LogisticModel, x: ArrayLike<number>): number {
  let eta = m.intercept;
  for (let j = 0; j < m.weights.length; j++) eta += (m.weights[j]! * (x[j]! - m.mean[j]!)) / m.scale[j]!;
  return eta;
}

export function logisticMatrix(m: LogisticModel, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = sigmoid(logisticMargin(m, row(x, i)));
  return out;
}
