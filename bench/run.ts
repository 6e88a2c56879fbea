// `npm run bench`: the import bench on PostgreSQL, then on PGlite, each in a fresh process so peak memory is per run.
// Usage: npm run bench [-- --rows N] [-- --only postgres|pglite]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchResult } from './import.bench.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, only: { type: 'string' } } });
const script = fileURLToPath(new URL('./import.bench.ts', import.meta.url));

/** Runs one bench child with its output passed through; resolves with the result it sends back, or null if it failed. */
function runChild(db: 'postgres' | 'pglite', extra: string[]): Promise<BenchResult | null> {
  return new Promise((resolve) => {
    console.log(`\n== ${db}, ${values.rows} rows`);
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--db', db, '--rows', values.rows, ...extra],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: BenchResult | null = null;
    child.on('message', (m) => { result = m as BenchResult; });
    child.on('exit', (code) => {
      if (code !== 0) console.error(`bench ${db} exited with code ${code}`);
      resolve(code === 0 ? result : null);
    });
  });
}

const results: BenchResult[] = [];
let copyRps: number | null = null;
if (values.only !== 'pglite') {
  const r = await runChild('postgres', []);
  if (r) { results.push(r); copyRps = r.copyRowsPerSecond; }
}
if (values.only !== 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'cobro-bench-pglite-'));
  try {
    const prepared = spawnSync(process.execPath, ['--import', 'tsx', script, '--db', 'pglite', '--prepare', '--data-dir', dataDir], { stdio: 'inherit' });
    if (prepared.status !== 0) throw new Error('could not prepare the PGlite data folder');
    const r = await runChild('pglite', ['--data-dir', dataDir, ...(copyRps ? ['--copy-rps', String(copyRps)] : [])]);
    if (r) results.push(r);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const perSecond = (n: number) => `${Math.round(n / 1000)}k rows/s`;
console.log('\n== summary');
for (const r of results) {
  const ratio = r.ratio === null ? 'n/a' : r.ratio.toFixed(2);
  console.log(`import ${r.db}: ${r.rows} rows in ${r.seconds.toFixed(1)} s = ${perSecond(r.rowsPerSecond)}; `
    + `COPY ${r.copyRowsPerSecond === null ? 'n/a' : perSecond(r.copyRowsPerSecond)}; ratio ${ratio} (goal >= 0.5); `
    + `peak RSS ${r.peakRssMb} MB (goal < 300)`);
}
const expected = values.only ? 1 : 2;
if (results.length < expected) process.exitCode = 1;
