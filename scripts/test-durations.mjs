// A node:test reporter that writes one line per test file run: its wall time in ms, a tab, its path (scripts/test.mjs
// passes it as a second reporter and prints the slowest files from what it wrote when the run ends).
export default async function* durations(source) {
  const seen = new Set();
  for await (const event of source) {
    // a file run in its own process ends as a test named by the file's path, at the top level
    if (event.type !== 'test:complete' && event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, file, nesting, details } = event.data;
    if (nesting !== 0 || !file || name !== file || seen.has(file)) continue;
    seen.add(file);
    yield `${Math.round(details?.duration_ms ?? 0)}\t${event.type === 'test:fail' || details?.error ? 'fail' : 'ok'}\t${file}\n`;
  }
}
