// A node:test reporter that writes one line per test file run: its wall time in ms, a tab, ok or fail, a tab, its path
// (scripts/test.mjs passes it as a second reporter and prints the slowest files from what it wrote when the run ends).
const GROUP = /[\\/]group-\d+\.mjs$/;
const CHUNK = /[\\/]chunks[\\/][^\\/]+\.mjs$/;

export default async function* durations(source) {
  const seen = new Set();
  // where a file is not reported as a test of its own (newer nodes), the sum of its top-level tests stands in
  const summed = new Map();
  for await (const event of source) {
    if (event.type !== 'test:complete' && event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, file, nesting, details } = event.data;
    if (!file) continue;
    const failed = event.type === 'test:fail' || Boolean(details?.error);
    // a group of files in one process (scripts/test.mjs): each file's tests sit in a describe named for its path, declared
    // in test/support/test-groups.ts (in a shared chunk of the bundles)
    if (nesting === 0 && details?.type === 'suite' && name.endsWith('.test.ts') && CHUNK.test(file)) {
      if (seen.has(name)) continue;
      seen.add(name);
      yield `${Math.round(details?.duration_ms ?? 0)}\t${failed ? 'fail' : 'ok'}\t${name}\n`;
      continue;
    }
    if (nesting !== 0) continue;
    if (name !== file) {
      const s = summed.get(file) ?? { ms: 0, failed: false, names: new Set() };
      if (!s.names.has(name)) { s.names.add(name); s.ms += details?.duration_ms ?? 0; s.failed ||= failed; }
      summed.set(file, s);
      continue;
    }
    if (seen.has(file)) continue;
    // a group's own process (its files have their lines) only when it failed (a crash outside any file's tests)
    if (GROUP.test(file) && !failed) continue;
    seen.add(file);
    yield `${Math.round(details?.duration_ms ?? 0)}\t${failed ? 'fail' : 'ok'}\t${file}\n`;
  }
  for (const [file, s] of summed) if (!seen.has(file)) yield `${Math.round(s.ms)}\t${s.failed ? 'fail' : 'ok'}\t${file}\n`;
}
