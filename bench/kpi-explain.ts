// Each statement behind /v1/kpi on a schema the dashboard bench kept (--keep SCHEMA), one at a time: its median wall
// time over a few runs, the CPU its PostgreSQL backend spent on them (from /proc: what other work on the machine does not
// inflate, unlike wall time) and, with --explain, its plan with EXPLAIN (ANALYZE, BUFFERS). Not a test.
// Usage: node --import tsx bench/kpi-explain.ts --schema bench_dash_str [--runs 5] [--explain] [--from 2026-02-14 --to 2026-03-15]
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/index.ts';
import { capturing, timeStatements, type Seen } from './statementCpu.ts';
import { kpiReport } from '../src/kpi/index.ts';

const { values } = parseArgs({ options: { schema: { type: 'string' }, runs: { type: 'string', default: '5' }, explain: { type: 'boolean', default: false },
  from: { type: 'string', default: '2026-02-14' }, to: { type: 'string', default: '2026-03-15' } } });
if (!values.schema) throw new Error('--schema SCHEMA: one the dashboard bench kept');
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const db = await openDb({ databaseUrl, schema: values.schema });
try {
  const [org] = await db.query<{ id: string }>(`SELECT id FROM orgs WHERE name = 'Dashboard bench'`);
  if (!org) throw new Error(`no dashboard bench org in ${values.schema}`);
  const seen: Seen[] = [];
  const capture = capturing(db, seen);
  const s = performance.now();
  const r = await kpiReport(capture, org.id, { from: values.from, to: values.to, currency: 'USD' });
  if (!r.ok) throw new Error(r.error.message);
  console.log(`kpiReport as the API runs it (side by side): ${(performance.now() - s).toFixed(0)} ms, ${seen.length} statements`);
  const cpuTotal = await timeStatements(db, databaseUrl, values.schema, seen, Number(values.runs), Boolean(values.explain));
  console.log(`\nCPU of the backend per report, statements one after another: ${cpuTotal.toFixed(0)} ms`);
} finally {
  await db.close();
}
