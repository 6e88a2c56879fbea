// The Prometheus text exposition format (version 0.0.4): # HELP and # TYPE lines, then one line per sample.
import type { Labels, MetricFamily } from '../domain/metrics.ts';

export interface GaugeFamily { name: string; help: string; type: 'gauge'; samples: { labels: Labels; value: number }[] }
export type Family = MetricFamily | GaugeFamily;

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const escapeHelp = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeValue = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${escapeValue(v)}"`).join(',')}}` : '';
}

function number(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export function gauge(name: string, help: string, samples: GaugeFamily['samples']): GaugeFamily {
  return { name, help, type: 'gauge', samples };
}

/** Every family as text; a family without samples still says what it is, so a dashboard can tell "none yet" from "unknown". */
export function expose(families: readonly Family[]): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    if (f.type === 'histogram') {
      for (const s of f.samples) {
        s.buckets.forEach((le, i) => out.push(`${f.name}_bucket${labelText(s.labels, ['le', number(le)])} ${s.counts[i] ?? 0}`));
        out.push(`${f.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
        out.push(`${f.name}_sum${labelText(s.labels)} ${number(s.sum)}`, `${f.name}_count${labelText(s.labels)} ${s.count}`);
      }
    } else {
      for (const s of f.samples) out.push(`${f.name}${labelText(s.labels)} ${number(s.value)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
