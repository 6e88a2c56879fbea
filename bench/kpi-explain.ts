// Each statement behind /v1/kpi on a schema the dashboard bench kept (--keep SCHEMA), one at a time: its median wall
// time over a few runs, the CPU its PostgreSQL backend spent on them (from /proc: what other work on the machine does not
// inflate, unlike wall time) and, with --explain, its plan with EXPLAIN (ANALYZE, BUFFERS). Not a test.
// Usage: node --import tsx bench/kpi-explain.ts --schema bench_dash_str [--runs 5] [--explain] [--from 2026-02-14 --to 2026-03-15]
import { parseArgs } from 'node:util';
import { explainReport } from './statementCpu.ts';
import { kpiReport } from '../src/kpi/index.ts';

const { values } = parseArgs({ options: { schema: { type: 'string' }, runs: { type: 'string', default: '5' }, explain: { type: 'boolean', default: false },
  from: { type: 'string', default: '2026-02-14' }, to: { type: 'string', default: '2026-03-15' } } });
await explainReport('kpiReport', values.schema, Number(values.runs), Boolean(values.explain),
  (q, org) => kpiReport(q, org, { from: values.from, to: values.to, currency: 'USD' }));
