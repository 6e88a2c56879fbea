// A node:test reporter that writes one line per test file run: its wall time in ms, a tab, ok or fail, a tab, its path
// (scripts/test.mjs passes it as a second reporter and prints the slowest files from what it wrote when the run ends).
export default async function* durations(source) {
  const seen = new Set();
  // where a file is not reported as a test of its own (newer nodes), the sum of its top-level tests stands in
  const summed = new Map();
  for await (const event of source) {
    if (event.type !== 'test:complete' && event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, file, nesting, details } = event.data;
    if (nesting !== 0 || !file) continue;
    const failed = event.type === 'test:fail' || Boolean(details?.error);
    if (name !== file) {
      const s = summed.get(file) ?? { ms: 0, failed: false, names: new Set() };
      if (!s.names.has(name)) { s.names.add(name); s.ms += details?.duration_ms ?? 0; s.failed ||= failed; }
      summed.set(file, s);
      continue;
    }
    if (seen.has(file)) continue;
    seen.add(file);
    yield `${Math.round(details?.duration_ms ?? 0)}\t${failed ? 'fail' : 'ok'}\t${file}\n`;
  }
  for (const [file, s] of summed) if (!seen.has(file)) yield `${Math.round(s.ms)}\t${s.failed ? 'fail' : 'ok'}\t${file}\n`;
}
