// Process-wide counters and histograms, with no IO: capabilities count what they do here, src/ops writes it out for Prometheus.

export type Labels = Readonly<Record<string, string>>;

interface Family { name: string; help: string; type: 'counter' | 'histogram' }

export interface CounterSample { labels: Labels; value: number }
export interface HistogramSample { labels: Labels; buckets: readonly number[]; counts: number[]; sum: number; count: number }

export interface CounterFamily extends Family { type: 'counter'; samples: CounterSample[] }
export interface HistogramFamily extends Family { type: 'histogram'; samples: HistogramSample[] }
export type MetricFamily = CounterFamily | HistogramFamily;

// a series' key: its labels in name order (code units: a locale's collation, asked per observation, cost the gate ~2 µs a decision)
const key = (labels: Labels) => {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let k = '';
  for (const n of names) k += `${JSON.stringify(n)}:${JSON.stringify(labels[n])},`;
  return k;
};

/** A counter only goes up; each distinct set of labels is its own series. */
export class Counter {
  private readonly series = new Map<string, CounterSample>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    const s = this.series.get(k);
    if (s) s.value += by;
    else this.series.set(k, { labels: { ...labels }, value: by });
  }
  family(): CounterFamily {
    return { name: this.name, help: this.help, type: 'counter', samples: [...this.series.values()].map((s) => ({ ...s })) };
  }
}

/** Observations counted into cumulative buckets (upper bounds in the metric's unit), with their sum and count. */
export class Histogram {
  private readonly series = new Map<string, HistogramSample>();
  constructor(readonly name: string, readonly help: string, readonly buckets: readonly number[]) {}
  observe(value: number, labels: Labels = {}): void {
    const k = key(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { labels: { ...labels }, buckets: this.buckets, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    this.buckets.forEach((le, i) => { if (value <= le) s.counts[i]! += 1; });
    s.sum += value;
    s.count += 1;
  }
  family(): HistogramFamily {
    return { name: this.name, help: this.help, type: 'histogram', samples: [...this.series.values()].map((s) => ({ ...s, counts: [...s.counts] })) };
  }
}

const registry = new Map<string, Counter | Histogram>();

function register<T extends Counter | Histogram>(m: T): T {
  const known = registry.get(m.name);
  if (known) return known as T;
  registry.set(m.name, m);
  return m;
}

/** The process's metrics, in the order they were first made. */
export function processMetrics(): MetricFamily[] {
  return [...registry.values()].map((m) => m.family());
}

export const metrics = {
  gateDecisions: register(new Counter('cobro_gate_decisions_total', 'Compliance gate decisions made by this process, by decision and reason code')),
  tickSeconds: register(new Histogram('cobro_tick_duration_seconds', 'Duration of one tick (planning the due cases) in this process',
    [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120])),
  errors: register(new Counter('cobro_errors_total', 'Errors logged by this process: HTTP 5xx answers (source=http) and failed worker steps (source=worker)')),
  httpRequests: register(new Counter('cobro_http_requests_total', 'HTTP requests answered by this process, by route group and status class')),
  rateLimited: register(new Counter('cobro_rate_limited_total', 'Requests refused with 429 by this process, by limit')),
  webhooksReceived: register(new Counter('cobro_webhooks_received_total', 'Inbound provider webhooks answered by this process, by provider and status')),
};
