// Gradient-boosted trees on binned features: depth-limited trees grown by second-order gain (as XGBoost and LightGBM do),
// logistic loss for lateness and squared loss for days late. No randomness: the same data gives the same model.
import { sigmoid, type Matrix } from './matrix.ts';

/** One tree as parallel arrays; a node with feature -1 is a leaf. Every node keeps its value, for the reasons. */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface GbtModel {
  kind: 'gbt';
  loss: 'logistic' | 'squared';
  base: number;
  trees: Tree[];
}

export interface GbtOptions {
  loss: 'logistic' | 'squared';
  trees?: number;
  depth?: number;
  learningRate?: number;
  lambda?: number;
  minLeaf?: number;
  bins?: number;
  /** Held-out rows: growing stops once their loss has not improved for `patience` trees, keeping the best count. */
  valid?: { x: Matrix; y: ArrayLike<number> };
  patience?: number;
}

/** Cut points per feature: the midpoints between distinct values, or quantiles when there are more than `bins`. */
export function cutPoints(x: Matrix, bins: number): number[][] {
  const cuts: number[][] = [];
  const col = new Float64Array(x.rows);
  for (let j = 0; j < x.cols; j++) {
    for (let i = 0; i < x.rows; i++) col[i] = x.data[i * x.cols + j]!;
    const sorted = Float64Array.from(col).sort();
    const distinct: number[] = [];
    for (const v of sorted) if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
    const c: number[] = [];
    if (distinct.length <= bins) {
      for (let k = 0; k + 1 < distinct.length; k++) c.push((distinct[k]! + distinct[k + 1]!) / 2);
    } else {
      for (let q = 1; q < bins; q++) {
        const v = sorted[Math.floor((q * sorted.length) / bins)]!;
        const next = distinct.find((d) => d > v);
        const cut = next === undefined ? v : (v + next) / 2;
        if (c.length === 0 || cut > c[c.length - 1]!) c.push(cut);
      }
    }
    cuts.push(c);
  }
  return cuts;
}

/** Bin of every value, column-major (one column of bins per feature), for fast histograms. */
function binned(x: Matrix, cuts: number[][]): Uint8Array[] {
  return cuts.map((c, j) => {
    const out = new Uint8Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      const v = x.data[i * x.cols + j]!;
      let lo = 0;
      let hi = c.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (v <= c[mid]!) hi = mid; else lo = mid + 1; }
      out[i] = lo;
    }
    return out;
  });
}

interface Grow { bins: Uint8Array[]; cuts: number[][]; g: Float64Array; h: Float64Array; depth: number; lambda: number; minLeaf: number; lr: number }

function growTree(o: Grow, rows: Int32Array): Tree {
  const t: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const node = (idx: Int32Array, level: number): number => {
    let G = 0;
    let H = 0;
    for (let k = 0; k < idx.length; k++) { const i = idx[k]!; G += o.g[i]!; H += o.h[i]!; }
    const id = t.feature.length;
    t.feature.push(-1); t.threshold.push(0); t.left.push(-1); t.right.push(-1); t.value.push((-G / (H + o.lambda)) * o.lr);
    if (level >= o.depth || idx.length < 2 * o.minLeaf) return id;
    const parent = (G * G) / (H + o.lambda);
    let best = { gain: 1e-9, feature: -1, bin: -1 };
    for (let j = 0; j < o.bins.length; j++) {
      const nb = o.cuts[j]!.length + 1;
      if (nb < 2) continue;
      const hg = new Float64Array(nb);
      const hh = new Float64Array(nb);
      const hc = new Int32Array(nb);
      const col = o.bins[j]!;
      for (let k = 0; k < idx.length; k++) { const i = idx[k]!; const b = col[i]!; hg[b]! += o.g[i]!; hh[b]! += o.h[i]!; hc[b]!++; }
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < nb - 1; b++) {
        gl += hg[b]!; hl += hh[b]!; cl += hc[b]!;
        const cr = idx.length - cl;
        if (cl < o.minLeaf) continue;
        if (cr < o.minLeaf) break;
        const gr = G - gl;
        const hr = H - hl;
        const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parent;
        if (gain > best.gain) best = { gain, feature: j, bin: b };
      }
    }
    if (best.feature < 0) return id;
    const col = o.bins[best.feature]!;
    const leftRows: number[] = [];
    const rightRows: number[] = [];
    for (let k = 0; k < idx.length; k++) { const i = idx[k]!; (col[i]! <= best.bin ? leftRows : rightRows).push(i); }
    t.feature[id] = best.feature;
    t.threshold[id] = o.cuts[best.feature]![best.bin]!;
    t.left[id] = node(Int32Array.from(leftRows), level + 1);
    t.right[id] = node(Int32Array.from(rightRows), level + 1);
    return id;
  };
  node(rows, 0);
  return t;
}

export function treeValue(t: Tree, x: ArrayLike<number>, offset = 0): number {
  let n = 0;
  while (t.feature[n]! >= 0) n = x[offset + t.feature[n]!]! <= t.threshold[n]! ? t.left[n]! : t.right[n]!;
  return t.value[n]!;
}

export function gbtMargin(m: GbtModel, x: ArrayLike<number>): number {
  let s = m.base;
  for (const t of m.trees) s += treeValue(t, x);
  return s;
}

/** Each feature's share of the margin (the change in node value along each tree's path, given to the split's feature),
 * added into out; returns the margin, which is the roots' values plus these shares. */
export function gbtExplain(m: GbtModel, x: ArrayLike<number>, out: Float64Array): number {
  let margin = m.base;
  for (const t of m.trees) {
    let n = 0;
    margin += t.value[0]!;
    while (t.feature[n]! >= 0) {
      const f = t.feature[n]!;
      const next = x[f]! <= t.threshold[n]! ? t.left[n]! : t.right[n]!;
      const d = t.value[next]! - t.value[n]!;
      out[f]! += d;
      margin += d;
      n = next;
    }
  }
  return margin;
}

export function gbtContributions(m: GbtModel, x: ArrayLike<number>, features: number): Float64Array {
  const out = new Float64Array(features);
  gbtExplain(m, x, out);
  return out;
}

function lossOf(loss: GbtOptions['loss'], margin: number, y: number): number {
  if (loss === 'squared') return (margin - y) ** 2;
  const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(margin)));
  return y ? -Math.log(p) : -Math.log(1 - p);
}

export function fitGbt(x: Matrix, y: ArrayLike<number>, opts: GbtOptions): GbtModel {
  const n = x.rows;
  const lr = opts.learningRate ?? 0.05;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]! / n;
  const base = opts.loss === 'squared' ? mean : Math.log(Math.max(mean, 1e-6) / Math.max(1 - mean, 1e-6));
  const cuts = cutPoints(x, opts.bins ?? 32);
  const grow: Grow = { bins: binned(x, cuts), cuts, g: new Float64Array(n), h: new Float64Array(n), depth: opts.depth ?? 3,
    lambda: opts.lambda ?? 1, minLeaf: opts.minLeaf ?? 20, lr };
  const model: GbtModel = { kind: 'gbt', loss: opts.loss, base, trees: [] };
  const margin = new Float64Array(n).fill(base);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const valid = opts.valid;
  const validMargin = valid ? new Float64Array(valid.x.rows).fill(base) : null;
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestCount = 0;
  for (let k = 0; k < (opts.trees ?? 300); k++) {
    for (let i = 0; i < n; i++) {
      if (opts.loss === 'squared') { grow.g[i] = margin[i]! - y[i]!; grow.h[i] = 1; } else {
        const p = sigmoid(margin[i]!);
        grow.g[i] = p - y[i]!;
        grow.h[i] = Math.max(p * (1 - p), 1e-6);
      }
    }
    const tree = growTree(grow, all);
    model.trees.push(tree);
    for (let i = 0; i < n; i++) margin[i]! += treeValue(tree, x.data, i * x.cols);
    if (valid && validMargin) {
      let loss = 0;
      for (let i = 0; i < valid.x.rows; i++) { validMargin[i]! += treeValue(tree, valid.x.data, i * valid.x.cols); loss += lossOf(opts.loss, validMargin[i]!, valid.y[i]!); }
      if (loss < bestLoss - 1e-9) { bestLoss = loss; bestCount = model.trees.length; } else if (model.trees.length - bestCount >= (opts.patience ?? 50)) break;
    }
  }
  if (valid) model.trees.length = Math.max(1, bestCount);
  return model;
}

export function gbtMatrix(m: GbtModel, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let z = m.base;
    for (const t of m.trees) z += treeValue(t, x.data, i * x.cols);
    out[i] = m.loss === 'logistic' ? sigmoid(z) : z;
  }
  return out;
}
