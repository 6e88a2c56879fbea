// Each statement behind /v1/dashboard on a schema the dashboard bench kept (--keep SCHEMA), one at a time: its median wall
// time over a few runs, the CPU its PostgreSQL backend spent on them (from /proc: less inflated by other work on the
// machine than wall time, though at load 10 it still reads up to twice what it does at load 3) and, with --explain, its
// plan with EXPLAIN (ANALYZE, BUFFERS). Not a test.
// Usage: node --import tsx bench/dashboard-explain.ts --schema bench_dash_str [--runs 5] [--explain] [--today 2026-03-15]
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDb, type Queryable } from '../src/db/index.ts';
import { dashboardReport } from '../src/dashboard/index.ts';

const { values } = parseArgs({ options: { schema: { type: 'string' }, runs: { type: 'string', default: '5' }, explain: { type: 'boolean', default: false },
  today: { type: 'string', default: '2026-03-15' } } });
if (!values.schema) throw new Error('--schema SCHEMA: one the dashboard bench kept');
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const db = await openDb({ databaseUrl, schema: values.schema });
try {
  const [org] = await db.query<{ id: string }>(`SELECT id FROM orgs WHERE name = 'Dashboard bench'`);
  if (!org) throw new Error(`no dashboard bench org in ${values.schema}`);
  const seen: { sql: string; params: unknown[] }[] = [];
  const capture: Queryable = {
    query: async <T>(sql: string, params?: unknown[]) => { seen.push({ sql, params: params ?? [] }); return db.query<T>(sql, params); },
    copyCsv: (t, c, csv) => db.copyCsv(t, c, csv),
  };
  const s = performance.now();
  const r = await dashboardReport(capture, org.id, {}, values.today);
  if (!r.ok) throw new Error(r.error.message);
  console.log(`dashboardReport as the API runs it (side by side): ${(performance.now() - s).toFixed(0)} ms, ${seen.length} statements`);
  // one connection of its own, whose backend's CPU ticks (utime + stime, 1/100 s) are read around each statement's runs
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // no parallel workers: their CPU would be in processes of their own, not counted here
  await client.query(`SET search_path TO ${values.schema}, public; SET max_parallel_workers_per_gather = 0`);
  const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
  const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); };
  let cpuTotal = 0;
  for (const { sql, params } of seen) {
    const ms: number[] = [];
    const before = ticks();
    for (let k = 0; k < Number(values.runs); k++) {
      const t = performance.now();
      await client.query(sql, params);
      ms.push(performance.now() - t);
    }
    const cpu = ((ticks() - before) * 10) / Number(values.runs);
    cpuTotal += cpu;
    const median = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
    console.log(`\n${median.toFixed(0).padStart(6)} ms wall, ${cpu.toFixed(0).padStart(5)} ms CPU  ${sql.replace(/\s+/g, ' ').trim().slice(0, 100)}`);
    if (values.explain) {
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      console.log(plan.map((p) => p['QUERY PLAN']).join('\n'));
    }
  }
  console.log(`\nCPU of the backend per report, statements one after another: ${cpuTotal.toFixed(0)} ms`);
  await client.end();
} finally {
  await db.close();
}
