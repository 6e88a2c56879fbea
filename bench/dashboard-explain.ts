// Each statement behind /v1/dashboard on a schema the dashboard bench kept (--keep SCHEMA), one at a time: its median wall
// time over a few runs, the CPU its PostgreSQL backend spent on them (from /proc: less inflated by other work on the
// machine than wall time, though at load 10 it still reads up to twice what it does at load 3) and, with --explain, its
// plan with EXPLAIN (ANALYZE, BUFFERS). Not a test.
// Usage: node --import tsx bench/dashboard-explain.ts --schema bench_dash_str [--runs 5] [--explain] [--today 2026-03-15]
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/index.ts';
import { capturing, timeStatements, type Seen } from './statementCpu.ts';
import { dashboardReport } from '../src/dashboard/index.ts';

const { values } = parseArgs({ options: { schema: { type: 'string' }, runs: { type: 'string', default: '5' }, explain: { type: 'boolean', default: false },
  today: { type: 'string', default: '2026-03-15' } } });
if (!values.schema) throw new Error('--schema SCHEMA: one the dashboard bench kept');
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const db = await openDb({ databaseUrl, schema: values.schema });
try {
  const [org] = await db.query<{ id: string }>(`SELECT id FROM orgs WHERE name = 'Dashboard bench'`);
  if (!org) throw new Error(`no dashboard bench org in ${values.schema}`);
  const seen: Seen[] = [];
  const capture = capturing(db, seen);
  const s = performance.now();
  const r = await dashboardReport(capture, org.id, {}, values.today);
  if (!r.ok) throw new Error(r.error.message);
  console.log(`dashboardReport as the API runs it (side by side): ${(performance.now() - s).toFixed(0)} ms, ${seen.length} statements`);
  const cpuTotal = await timeStatements(db, databaseUrl, values.schema, seen, Number(values.runs), Boolean(values.explain));
  console.log(`\nCPU of the backend per report, statements one after another: ${cpuTotal.toFixed(0)} ms`);
} finally {
  await db.close();
}
