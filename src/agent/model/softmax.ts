// Multinomial logistic regression over hashed binary features, trained by AdaGrad in a fixed order, with temperature scaling.
import { random } from '../../domain/random.ts';

export interface SoftmaxModel {
  classes: readonly string[];
  /** Hashed feature -> row of `weights`; features never seen in training have no row and are ignored. */
  rows: ReadonlyMap<number, number>;
  /** rows.size x classes.length, row-major: dense, so training and reading stay in cache. */
  weights: Float32Array;
  bias: Float64Array;
  /** Logits are divided by it before the softmax: fitted on held-out data so confidences match accuracy. */
  temperature: number;
}

/** One training message: its distinct hashed features and its class. */
export interface Example {
  features: Int32Array;
  label: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainOptions = { epochs: 7, learningRate: 0.3, l2: 1e-5, seed: 7 };
/** Gradients smaller than this are skipped: the example is already scored right for that class. */
const SKIP = 5e-3;

/** Each class weighs the same in training whatever its number of examples: a common intent does not pull the rest. */
function classWeights(examples: readonly Example[], k: number): Float64Array {
  const counts = new Float64Array(k);
  for (const e of examples) counts[e.label]! += 1;
  return counts.map((n) => (n === 0 ? 0 : examples.length / (k * n)));
}

/** Features are binary and scaled so each message has length one. */
const scale = (x: Int32Array) => (x.length > 0 ? 1 / Math.sqrt(x.length) : 0);

/** The weight rows of a message's features (unknown features dropped). */
function encode(features: Int32Array, rows: ReadonlyMap<number, number>): Int32Array {
  const out = new Int32Array(features.length);
  let n = 0;
  for (let i = 0; i < features.length; i++) {
    const r = rows.get(features[i]!);
    if (r !== undefined) out[n++] = r;
  }
  return n === out.length ? out : out.slice(0, n);
}

function logitsOf(x: Int32Array, weights: Float32Array, bias: Float64Array, k: number, out: Float64Array): Float64Array {
  const v = scale(x);
  for (let c = 0; c < k; c++) out[c] = bias[c]!;
  for (let q = 0; q < x.length; q++) {
    const base = x[q]! * k;
    for (let c = 0; c < k; c++) out[c]! += weights[base + c]! * v;
  }
  return out;
}

export function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v / temperature);
  let sum = 0;
  for (let i = 0; i < z.length; i++) { z[i] = Math.exp(z[i]! / temperature - max); sum += z[i]!; }
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
  return z;
}

export function trainSoftmax(examples: readonly Example[], classes: readonly string[], options: TrainOptions = DEFAULT_TRAINING): SoftmaxModel {
  const k = classes.length;
  const rows = new Map<number, number>();
  for (const e of examples) for (const f of e.features) if (!rows.has(f)) rows.set(f, rows.size);
  const encoded = examples.map((e) => ({ features: encode(e.features, rows), label: e.label }));
  const weights = new Float32Array(rows.size * k);
  const squares = new Float32Array(rows.size * k);
  const bias = new Float64Array(k);
  const biasSquares = new Float64Array(k);
  const order = examples.map((_, i) => i);
  const next = random(options.seed);
  const weightOf = classWeights(examples, k);
  const p = new Float64Array(k);
  const g = new Float64Array(k);
  const active = new Int32Array(k);
  const { learningRate: rate, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const at of order) {
      const { features: x, label } = encoded[at]!;
      const v = scale(x);
      softmaxInPlace(logitsOf(x, weights, bias, k, p));
      let n = 0;
      for (let c = 0; c < k; c++) {
        g[c] = (p[c]! - (c === label ? 1 : 0)) * weightOf[label]!;
        if (g[c]! <= -SKIP || g[c]! >= SKIP) active[n++] = c;
      }
      for (let a = 0; a < n; a++) {
        const c = active[a]!;
        biasSquares[c]! += g[c]! * g[c]!;
        bias[c]! -= (rate * g[c]!) / (Math.sqrt(biasSquares[c]!) + 1e-8);
      }
      for (let q = 0; q < x.length; q++) {
        const base = x[q]! * k;
        for (let a = 0; a < n; a++) {
          const w = base + active[a]!;
          const gw = g[active[a]!]! * v + l2 * weights[w]!;
          squares[w]! += gw * gw;
          weights[w]! -= (rate * gw) / (Math.sqrt(squares[w]!) + 1e-8);
        }
      }
    }
  }
  return { classes, rows, weights, bias, temperature: 1 };
}

/** The raw logits of one message (before temperature). */
export function logits(model: SoftmaxModel, features: Int32Array): Float64Array {
  return logitsOf(encode(features, model.rows), model.weights, model.bias, model.classes.length, new Float64Array(model.classes.length));
}

/** Class probabilities, temperature applied. */
export function probabilities(model: SoftmaxModel, features: Int32Array): Float64Array {
  return softmaxInPlace(logits(model, features), model.temperature);
}

/** The temperature that minimises the negative log-likelihood of held-out examples (a search over 0.25 to 8). */
export function fitTemperature(held: ReadonlyArray<{ z: Float64Array; label: number }>): number {
  const nll = (t: number) => {
    let sum = 0;
    for (const { z, label } of held) sum -= Math.log(Math.max(softmaxInPlace(Float64Array.from(z), t)[label]!, 1e-12));
    return sum;
  };
  let lo = Math.log(0.25), hi = Math.log(8);
  for (let i = 0; i < 40; i++) {
    const a = lo + (hi - lo) / 3, b = hi - (hi - lo) / 3;
    if (nll(Math.exp(a)) < nll(Math.exp(b))) hi = b; else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
