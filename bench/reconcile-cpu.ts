// CPU per line of matching on a loaded bench schema (see reconcile.bench.ts --schema): the in-memory copy read first, then
// `--runs` passes of previewMatches over the bench statement (the first sees every line for the first time, as the bench
// does; later ones find the per-process caches warm), each with its wall time, this process's CPU and its PostgreSQL
// backends' CPU per line, and where the wall time went (loop idle, main-thread CPU, not running; other threads' CPU).
// `--profile FILE` writes a CPU profile of the first pass (`--profile-later`: of the later ones);
// `--alloc FILE` a sampling profile of what the first pass allocates (garbage included), and prints the bytes per line;
// `--gc-after-copy` (with node --expose-gc) collects the garbage of reading the copy before the first pass.
// Usage: node --import tsx bench/reconcile-cpu.ts --schema NAME [--runs N] [--batch N] [--profile FILE [--profile-later]] [--alloc FILE]
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/index.ts';
import { previewMatches } from '../src/reconciliation/index.ts';
import { matchSnapshot } from '../src/reconciliation/snapshot.ts';
import { followBackends, wallParts } from './cpu.ts';

const { values } = parseArgs({ options: { schema: { type: 'string' }, runs: { type: 'string' }, batch: { type: 'string' },
  profile: { type: 'string' }, 'profile-later': { type: 'boolean' }, alloc: { type: 'string' }, 'gc-after-copy': { type: 'boolean' } } });
const runs = Number(values.runs ?? 2);
const profiled = (run: number) => Boolean(values.profile) && run <= runs && (values['profile-later'] ? run > 1 : run === 1);
const session = new Session();
session.connect();
const application = `rec_cpu_${process.pid}`;
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const db = await openDb({ databaseUrl: `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${application}`, schema: values.schema! });
try {
  const [s] = await db.query<{ org_id: string }>(`SELECT org_id FROM statements WHERE id = 'stm_bench'`);
  const org = s!.org_id;
  const ids = (await db.query<{ id: string }>(`SELECT id FROM statement_lines WHERE statement_id = 'stm_bench' ORDER BY position`)).map((r) => r.id);
  let t = performance.now();
  const snap = await matchSnapshot(db, org);
  console.log(`copy read in ${((performance.now() - t) / 1000).toFixed(1)} s: ${snap ? `${snap.invoices.size} open invoices` : 'none (over the limit)'}, `
    + `heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (values['gc-after-copy']) {
    if (!gc) throw new Error('--gc-after-copy needs node --expose-gc');
    gc();
    console.log(`  garbage collected after the copy: heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
  }
  const opts = values.batch ? { batchSize: Number(values.batch) } : {};
  for (let run = 1; run <= runs; run++) {
    if (profiled(run) && !profiled(run - 1)) { await session.post('Profiler.enable'); await session.post('Profiler.start'); }
    if (values.alloc && run === 1) {
      await session.post('HeapProfiler.enable');
      await session.post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true });
    }
    const backends = followBackends(db, application, 100, { sinceStart: true });
    await backends.started;
    const parts = wallParts();
    const cpu = process.cpuUsage();
    t = performance.now();
    let n = 0;
    await previewMatches(db, org, ids, () => { n += 1; }, opts);
    const wall = performance.now() - t;
    const where = await parts.stop(wall / 1000);
    const used = process.cpuUsage(cpu);
    const pgMs = (await backends.stop()) * 1000;
    console.log(`pass ${run}: ${n} lines in ${wall.toFixed(0)} ms = ${Math.round((n / wall) * 1000)} lines/s; CPU per line `
      + `${((used.user + used.system) / n).toFixed(1)} µs in this process + ${((pgMs * 1000) / n).toFixed(1)} µs in PostgreSQL (10 ms ticks)`);
    console.log(`  wall: ${where}`);
    if (values.alloc && run === 1) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      let bytes = 0;
      const sum = (node: typeof profile.head): void => { bytes += node.selfSize; node.children.forEach(sum); };
      sum(profile.head);
      writeFileSync(values.alloc, JSON.stringify(profile));
      console.log(`  allocated in pass 1 (sampled, garbage included): ${(bytes / n / 1024).toFixed(1)} KB per line`);
    }
    if (profiled(run) && !profiled(run + 1)) writeFileSync(values.profile!, JSON.stringify((await session.post('Profiler.stop')).profile));
  }
} finally {
  await db.close();
}
