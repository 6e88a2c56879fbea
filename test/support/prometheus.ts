// A strict little reader of Prometheus's text format, for tests: it throws, naming the line, on anything a scraper would refuse.

export interface Sample { name: string; labels: Record<string, string>; value: number }
export interface Scrape { types: Map<string, string>; help: Map<string, string>; samples: Sample[] }

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/;

function parseLabels(text: string, line: number): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = text;
  while (rest.length) {
    const m = LABEL.exec(rest);
    if (!m) throw new Error(`line ${line}: bad labels {${text}}`);
    if (m[1]! in out) throw new Error(`line ${line}: label ${m[1]} twice`);
    out[m[1]!] = m[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    rest = rest.slice(m[0].length);
  }
  return out;
}

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return types.get(base) === 'histogram' || types.get(base) === 'summary' ? base : undefined;
}

export function parsePrometheus(text: string): Scrape {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  const seen = new Set<string>();
  text.slice(0, -1).split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.startsWith('# HELP ') || raw.startsWith('# TYPE ')) {
      const [, kind, name, ...rest] = raw.split(' ');
      if (!name || !NAME.test(name)) throw new Error(`line ${line}: bad metric name in ${raw}`);
      if (kind === 'TYPE') {
        if (types.has(name)) throw new Error(`line ${line}: TYPE of ${name} given twice`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest[0] ?? '')) throw new Error(`line ${line}: unknown type ${rest[0]}`);
        types.set(name, rest[0]!);
      } else help.set(name, rest.join(' '));
      return;
    }
    if (raw.startsWith('#') || raw === '') return;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(raw);
    if (!m) throw new Error(`line ${line}: not a sample: ${raw}`);
    const family = familyOf(m[1]!, types);
    if (!family) throw new Error(`line ${line}: ${m[1]} has no TYPE before it`);
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]);
    if (Number.isNaN(value) && m[3] !== 'NaN') throw new Error(`line ${line}: bad value ${m[3]}`);
    const labels = parseLabels(m[2] ?? '', line);
    const id = `${m[1]}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(id)) throw new Error(`line ${line}: sample ${id} twice`);
    seen.add(id);
    if (types.get(family) === 'counter' && value < 0) throw new Error(`line ${line}: negative counter`);
    samples.push({ name: m[1]!, labels, value });
  });
  checkHistograms(types, samples);
  return { types, help, samples };
}

/** Buckets never fall as `le` grows, and the +Inf bucket equals the count. */
function checkHistograms(types: Map<string, string>, samples: Sample[]): void {
  for (const [name, type] of types) {
    if (type !== 'histogram') continue;
    const groups = new Map<string, Sample[]>();
    for (const s of samples.filter((x) => x.name === `${name}_bucket`)) {
      const { le, ...rest } = s.labels;
      if (le === undefined) throw new Error(`${name}_bucket without le`);
      const k = JSON.stringify(rest);
      groups.set(k, [...(groups.get(k) ?? []), s]);
    }
    for (const [k, buckets] of groups) {
      const sorted = [...buckets].sort((a, b) => Number(a.labels.le === '+Inf' ? Infinity : a.labels.le) - Number(b.labels.le === '+Inf' ? Infinity : b.labels.le));
      sorted.forEach((b, i) => { if (i > 0 && b.value < sorted[i - 1]!.value) throw new Error(`${name}${k}: bucket le=${b.labels.le} below the one before`); });
      const count = samples.find((s) => s.name === `${name}_count` && JSON.stringify(s.labels) === k);
      if (sorted.at(-1)?.labels.le !== '+Inf' || sorted.at(-1)?.value !== count?.value) throw new Error(`${name}${k}: +Inf bucket differs from the count`);
    }
  }
}

/** The value of one sample, or of the sum of those matching the labels given; 0 when none. */
export function value(s: Scrape, name: string, labels: Record<string, string> = {}): number {
  return s.samples.filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v)).reduce((t, x) => t + x.value, 0);
}
