// `npm run bench`: the import bench on PostgreSQL, then on PGlite, then the tick, gate and dispatch benches, each in a fresh process so peak memory is per run.
// Usage: npm run bench [-- --rows N] [-- --only postgres|pglite|tick|gate|dispatch|agent|score|reconcile|dashboard|scale|audit-search|risk-tile] [-- --quick]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchResult } from './import.bench.ts';
import type { TickBenchResult } from './tick.bench.ts';
import type { DispatchBenchResult } from './dispatch.bench.ts';
import type { ScoreBenchResult } from './score.bench.ts';
import type { DashboardBenchResult } from './dashboard.bench.ts';
import type { ScaleBenchResult } from './scale.bench.ts';
import type { RiskTileBenchResult } from './risk-tile.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, only: { type: 'string' }, quick: { type: 'boolean' } } });
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
if (!values.only || values.only === 'postgres') {
  const r = await runChild('postgres', []);
  if (r) { results.push(r); copyRps = r.copyRowsPerSecond; }
}
if (!values.only || values.only === 'pglite') {
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
const expected = values.only === 'tick' || values.only === 'gate' || values.only === 'dispatch' || values.only === 'agent' || values.only === 'score' || values.only === 'reconcile' || values.only === 'dashboard' || values.only === 'scale' || values.only === 'audit-search' || values.only === 'risk-tile' ? 0 : values.only ? 1 : 2;
if (results.length < expected) process.exitCode = 1;

/** A bench in its own process, its output passed through; resolves with the result it sends back, or null if it failed. */
function runIpcChild<T>(file: string, title: string, args: readonly string[] = []): Promise<T | null> {
  return new Promise((resolve) => {
    console.log(`\n== ${title}`);
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(file, import.meta.url)), ...args],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: T | null = null;
    child.on('message', (m) => { result = m as T; });
    child.on('exit', (code) => resolve(code === 0 ? result : null));
  });
}

if (!values.only || values.only === 'tick') {
  const t = await runIpcChild<TickBenchResult>('./tick.bench.ts', 'tick on postgres');
  if (!t) process.exitCode = 1;
  else {
    console.log(`tick postgres: ${t.due} due of ${t.cases} cases (${t.invoices} invoices): ${Math.round(t.actionsPerSecond)} actions/s; `
      + `plain INSERT ... SELECT ${Math.round(t.sqlActionsPerSecond)}/s; ratio ${t.ratio.toFixed(2)} (goal >= 0.3); peak RSS ${t.peakRssMb} MB `
      + `(goal < 400); tick with nothing due ${t.idleTickMs.toFixed(1)} ms`);
  }
}

if (!values.only || values.only === 'gate') {
  console.log('\n== the compliance gate, one core');
  const gate = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./gate.bench.ts', import.meta.url))], { stdio: 'inherit' });
  if (gate.status !== 0) process.exitCode = 1;
}

if (!values.only || values.only === 'dispatch') {
  const d = await runIpcChild<DispatchBenchResult>('./dispatch.bench.ts', 'the dispatcher on postgres: 20,000 emails over SMTP, 20,000 SMS over HTTP');
  if (!d) process.exitCode = 1;
  else {
    for (const [name, f, plain] of [['email', d.email, 'nodemailer pooled'], ['sms', d.sms, 'keep-alive HTTP POSTs']] as const) {
      console.log(`dispatch ${name}: ${Math.round(f.perSecond)} msg/s; ${plain} ${Math.round(f.plainPerSecond)} msg/s; ratio ${f.ratio.toFixed(2)} (goal >= 0.5)`);
    }
  }
}

if (!values.only || values.only === 'agent') {
  console.log('\n== the agent understanding replies, one core');
  const agent = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./agent.bench.ts', import.meta.url))], { stdio: 'inherit' });
  if (agent.status !== 0) process.exitCode = 1;
}

if (!values.only || values.only === 'score') {
  const s = await runIpcChild<ScoreBenchResult>('./score.bench.ts', 'risk scores on postgres: 1,000,000 open invoices scored and stored');
  if (!s) process.exitCode = 1;
  else {
    console.log(`score run: ${s.invoices} invoices in ${s.seconds.toFixed(1)} s (limit 60 s, ratio ${(s.seconds / 60).toFixed(2)}); `
      + `plain scan of the same rows ${s.scanSeconds.toFixed(1)} s (scoring ${(s.seconds / s.scanSeconds).toFixed(1)}x the scan); `
      + `training ${s.trainSeconds.toFixed(1)} s (${s.kind}); peak RSS ${s.peakRssMb} MB`);
  }
}

if (!values.only || values.only === 'reconcile') {
  console.log(`\n== reconciliation on postgres: ${values.quick ? '100,000 open invoices, 10,000' : '1,000,000 open invoices, 100,000'} statement lines`);
  const rec = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./reconcile.bench.ts', import.meta.url)),
    ...(values.quick ? ['--quick'] : [])], { stdio: 'inherit' });
  if (rec.status !== 0) process.exitCode = 1;
}

if (!values.only || values.only === 'dashboard') {
  const d = await runIpcChild<DashboardBenchResult>('./dashboard.bench.ts', 'the dashboard on postgres: 1,500,000 invoices (1,000,000 open), every API call it makes, 20 loads');
  if (!d) process.exitCode = 1;
  else {
    console.log(`dashboard: p95 ${d.p95Ms} ms over ${d.rounds} loads of ${d.invoices} invoices (limit 1000 ms, ratio ${(d.p95Ms / 1000).toFixed(2)}); p50 ${d.p50Ms} ms; `
      + `p95 per call: ${Object.entries(d.perCall).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  }
}

if (!values.only || values.only === 'scale') {
  // first the goal's figure (the provider answering at once: the machine's CPU is the limit), then a second one with the
  // provider answering 80 ms after each request, as real ones do (each worker with the dispatcher's own senders)
  for (const latency of [0, 80]) {
    const s = await runIpcChild<ScaleBenchResult>('./scale.bench.ts', `scale on postgres: 20,000 SMS by one worker process, then 20,000 by four at once`
      + `${latency ? `; second figure, the provider answering ${latency} ms after each request` : ''}`, ['--latency-ms', String(latency)]);
    if (!s) process.exitCode = 1;
    else {
      console.log(`scale${latency ? ` (second figure: provider latency ${latency} ms, not the goal's)` : ''}: 1 worker ${Math.round(s.one)} msg/s, `
        + `${s.workers} workers ${Math.round(s.many)} msg/s: ratio ${s.ratio.toFixed(2)}${latency ? '' : ` (goal >= 1.6, ratio to the goal ${(s.ratio / 1.6).toFixed(2)})`}; `
        + `CPU ${s.cpuOne.toFixed(2)} ms per message with 1 worker, ${s.cpuMany.toFixed(2)} with ${s.workers}; sent twice ${s.duplicates} (goal 0); uncertain ${s.uncertain}`);
    }
  }
}

if (!values.only || values.only === 'audit-search') {
  console.log(`\n== the audit search's free text on postgres: ${values.quick ? '100,000' : '1,000,000'} entries of one org, before and after its index`);
  const a = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./audit-search.bench.ts', import.meta.url)),
    ...(values.quick ? ['--entries', '100000'] : [])], { stdio: 'inherit' });
  if (a.status !== 0) process.exitCode = 1;
}

if (!values.only || values.only === 'risk-tile') {
  const r = await runIpcChild<RiskTileBenchResult>('./risk-tile.ts', 'the dashboard\'s risk tile on postgres: 1,000,000 open invoices scored twice, its statement cold and warm');
  if (!r) process.exitCode = 1;
  else {
    console.log(`risk tile: ${r.open} open invoices: cold ${r.coldMs.toFixed(0)} ms, warm ${r.warmMs.toFixed(0)} ms (limit 1000 ms, ratio ${(r.warmMs / 1000).toFixed(2)}), `
      + `PostgreSQL CPU ${r.cpuMs.toFixed(0)} ms per call`);
  }
}
