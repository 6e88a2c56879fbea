// Each statement behind /v1/dashboard on a schema the dashboard bench kept (--keep SCHEMA), one at a time: its median wall
// time over a few runs, the CPU its PostgreSQL backend spent on them (from /proc: less inflated by other work on the
// machine than wall time, though at load 10 it still reads up to twice what it does at load 3) and, with --explain, its
// plan with EXPLAIN (ANALYZE, BUFFERS). Not a test.
// Usage: node --import tsx bench/dashboard-explain.ts --schema bench_dash_str [--runs 5] [--explain] [--today 2026-03-15]
import { parseArgs } from 'node:util';
import { explainReport } from './statementCpu.ts';
import { dashboardReport } from '../src/dashboard/index.ts';

const { values } = parseArgs({ options: { schema: { type: 'string' }, runs: { type: 'string', default: '5' }, explain: { type: 'boolean', default: false },
  today: { type: 'string', default: '2026-03-15' } } });
await explainReport('dashboardReport', values.schema, Number(values.runs), Boolean(values.explain), (q, org) => dashboardReport(q, org, { as_of: values.today }, new Date(`${values.today}T12:00:00Z`)));
