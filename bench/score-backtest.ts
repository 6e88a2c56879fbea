// The backtest at the score bench's size on PostgreSQL: the whole ledger in memory (`backtest(loadPortfolio)`) or read in
// the database (`backtestInDb`), each in its own process so its peak RSS is its own, on a schema seeded once.
// Usage: node --import tsx bench/score-backtest.ts --seed [--open N --history N --customers N]   (prints the schema)
//        node --import tsx bench/score-backtest.ts --schema bench_score_bt_... --way memory|db [--as-of D --today D]
//        node --import tsx bench/score-backtest.ts --drop bench_score_bt_...
import { parseArgs } from 'node:util';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpuUsage } from 'node:process';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { backtest, backtestInDb, loadPortfolio, type PredictionRow } from '../src/scoring/index.ts';
import { seedScorePortfolio } from './scoreData.ts';

const { values: v } = parseArgs({ options: { seed: { type: 'boolean' }, schema: { type: 'string' }, drop: { type: 'string' }, way: { type: 'string', default: 'db' },
  'as-of': { type: 'string', default: '2025-09-01' }, today: { type: 'string', default: '2026-03-15' },
  open: { type: 'string', default: '1000000' }, history: { type: 'string', default: '500000' }, customers: { type: 'string', default: '200000' } } });
const peakRssMb = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();

if (v.drop) {
  if (!/^bench_score_bt_[0-9a-f]{6}$/.test(v.drop)) throw new Error('not a schema of this bench');
  const db = await openDb({ databaseUrl, schema: v.drop });
  await db.exec(`DROP SCHEMA ${v.drop} CASCADE`);
  await db.close();
} else if (v.seed) {
  const schema = `bench_score_bt_${randomBytes(3).toString('hex')}`;
  const db = await openDb({ databaseUrl, schema });
  try {
    const org = (await createOrg(db, { name: 'Backtest bench' })).id;
    await seedScorePortfolio(db, org, { customers: Number(v.customers), history: Number(v.history), open: Number(v.open) });
    console.log(schema);
  } catch (e) {
    await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    throw e;
  } finally { await db.close(); }
} else {
  const db = await openDb({ databaseUrl, schema: v.schema! });
  try {
    const [org] = await db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1');
    const o = { asOf: v['as-of']!, today: v.today! };
    const t = performance.now();
    const cpu = cpuUsage();
    // the predictions are hashed as they come, as a CSV file would take them, not kept
    const hash = createHash('sha256');
    const each = (rows: PredictionRow[]) => { for (const r of rows) hash.update(JSON.stringify(r)); };
    let figures: unknown;
    if (v.way === 'memory') {
      const { predictions, ...rest } = backtest(await loadPortfolio(db, org!.id), o);
      each(predictions);
      figures = rest;
    } else figures = await backtestInDb(db, org!.id, o, each);
    const used = cpuUsage(cpu);
    console.log(JSON.stringify({ way: v.way, seconds: Math.round(performance.now() - t) / 1000, cpuSeconds: Math.round((used.user + used.system) / 1000) / 1000,
      peakRssMb: peakRssMb(), figures: createHash('sha256').update(JSON.stringify(figures)).digest('hex').slice(0, 16), predictions: hash.digest('hex').slice(0, 16),
      scored: (figures as { scored: number }).scored, auc: (figures as { auc: number }).auc }));
  } finally { await db.close(); }
}
