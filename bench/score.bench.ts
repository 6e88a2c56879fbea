// The scoring bench on PostgreSQL: 1,000,000 open invoices (with 500,000 settled ones as their customers' history) scored
// and stored by `score run`, against a plain scan of the same rows with the same queries; the limit is 60 s.
// Usage: node --import tsx bench/score.bench.ts [--open N] [--history N] [--customers N]
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { runScoring, trainAndSave } from '../src/scoring/index.ts';
import { INVOICE_PAGE_SQL, MONEY_IN_PAGE_SQL } from '../src/scoring/load.ts';
import { seedScorePortfolio } from './scoreData.ts';

export const SCORE_LIMIT_SECONDS = 60;
export interface ScoreBenchResult { invoices: number; seconds: number; scanSeconds: number; trainSeconds: number; peakRssMb: number; kind: string }

const { values } = parseArgs({ options: { open: { type: 'string', default: '1000000' }, history: { type: 'string', default: '500000' },
  customers: { type: 'string', default: '200000' } } });
const [open, history, customers] = [values.open, values.history, values.customers].map(Number) as [number, number, number];
const peakRssMb = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
const seconds = (start: number) => (performance.now() - start) / 1000;
const AS_OF = '2026-03-15';

/** The same rows read with the same paged queries, doing nothing with them. */
async function plainScan(db: Db, org: string): Promise<number> {
  const start = performance.now();
  let rows = 0;
  for (const sql of ['SELECT id, external_id, country FROM customers WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3', INVOICE_PAGE_SQL, MONEY_IN_PAGE_SQL]) {
    let last = '';
    for (;;) {
      const page = await db.query<{ id: string }>(sql, [org, last, 100_000]);
      rows += page.length;
      if (page.length < 100_000) break;
      last = page[page.length - 1]!.id;
    }
  }
  if (rows < open + history) throw new Error(`the scan read ${rows} rows`);
  return seconds(start);
}

const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const schema = `bench_score_${randomBytes(3).toString('hex')}`;
const db = await openDb({ databaseUrl, schema });
try {
  const org = (await createOrg(db, { name: 'Score bench' })).id;
  let t = performance.now();
  await seedScorePortfolio(db, org, { customers, history, open });
  console.log(`seeded ${customers} customers, ${history} settled invoices with payments, ${open} open invoices in ${seconds(t).toFixed(1)} s`);
  t = performance.now();
  const model = await trainAndSave(db, org, AS_OF, new Date());
  const trainSeconds = seconds(t);
  console.log(`trained ${model.kind} on ${model.evaluation.rows} invoices in ${trainSeconds.toFixed(1)} s (${model.evaluation.candidates.map((c) => `${c.kind} AUC ${c.auc}`).join(', ')})`);
  const scanSeconds = await plainScan(db, org);
  const run = await runScoring(db, org, AS_OF, new Date());
  const [stored] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM scores WHERE run_id = $1', [run.run_id]);
  if (stored?.n !== open) throw new Error(`stored ${stored?.n} scores, expected ${open}`);
  const result: ScoreBenchResult = { invoices: run.invoices, seconds: run.seconds, scanSeconds, trainSeconds, peakRssMb: peakRssMb(), kind: model.kind };
  console.log(`score run: ${run.invoices} invoices read, scored and stored in ${run.seconds.toFixed(1)} s = ${Math.round(run.invoices / run.seconds / 1000)}k/s `
    + `(limit ${SCORE_LIMIT_SECONDS} s: ratio ${(run.seconds / SCORE_LIMIT_SECONDS).toFixed(2)}); plain scan of the same rows ${scanSeconds.toFixed(1)} s `
    + `(scoring takes ${(run.seconds / scanSeconds).toFixed(1)}x the scan); peak RSS ${result.peakRssMb} MB`);
  process.send?.(result);
} finally {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await db.close();
}
