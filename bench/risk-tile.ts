// The dashboard's risk tile on PostgreSQL at 1,000,000 open invoices: the score bench's portfolio (bench/scoreData.ts:
// 200,000 customers, 500,000 settled invoices with payments, 1,000,000 open), a model trained and two score runs (so the
// tile has moves to count), then GET /v1/dashboard/risk's statement (bandRows in src/scoring/band-balances.ts) timed in
// three passes, each first on a new connection (cold: PostgreSQL's buffers as the runs before left them, not a cold disk)
// and then N times (warm, median), with the CPU of the PostgreSQL backend serving it and its parallel workers; the limit
// is 1 s (a dashboard tile). The route reads the totals the latest run kept (keptBandRows, migrations 123 and 136),
// corrected invoice by invoice for what changed since: the bench keeps them for the latest run (timed: the run's added
// cost), then times that read with none, then --changed percents (cumulative) of the open invoices changed since (a
// part payment: balance less one cent, updated_at now), checking at each that its rows equal the full statement's (the
// correction is timed past the route's limit too, where the route would read the full statement: said in the output);
// the full statement is timed once as before (--full-rounds warm calls, 0 to skip).
// Usage: node --import tsx bench/risk-tile.ts [--open N] [--history N] [--customers N] [--rounds N] [--keep SCHEMA]
//   [--changed 1,10] [--full-rounds N]
// (--keep seeds and scores into SCHEMA and leaves it there; a SCHEMA already seeded by this bench is used as it is)
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { runScoring, trainAndSave } from '../src/scoring/index.ts';
import { bandRows, CHANGED_FLOOR, CHANGED_SHARE, keepBandTotals, keptBandRows, previousRun, type BandRow } from '../src/scoring/band-balances.ts';
import { deepStrictEqual } from 'node:assert';
import { latestRun } from '../src/scoring/store.ts';
import { seedScorePortfolio } from './scoreData.ts';
import { processCpuSeconds } from './cpu.ts';

export const RISK_TILE_LIMIT_MS = 1000;
/** The route's read (the kept totals, corrected) with nothing changed since the run, then at each percent changed; and the full statement. */
export interface RiskTileBenchResult { open: number; coldMs: number; warmMs: number; cpuMs: number; keepMs: number;
  changed: { percent: number; coldMs: number; warmMs: number; cpuMs: number }[]; full: { coldMs: number; warmMs: number; cpuMs: number } | null }

const { values } = parseArgs({ options: { open: { type: 'string', default: '1000000' }, history: { type: 'string', default: '500000' },
  customers: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '7' }, keep: { type: 'string' },
  changed: { type: 'string', default: '1,10' }, 'full-rounds': { type: 'string', default: '2' } } });
const [open, history, customers, rounds] = [values.open, values.history, values.customers, values.rounds].map(Number) as [number, number, number, number];
const TODAY = '2026-03-16';
const seconds = (start: number) => (performance.now() - start) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const schema = values.keep ?? `bench_risk_${randomBytes(3).toString('hex')}`;
const db = await openDb({ databaseUrl, schema });

type Statement = (q: Db, org: string, run: string, previous: string | null) => Promise<BandRow[] | null>;
const full: Statement = (q, org, run, previous) => bandRows(q, org, run, previous, null, TODAY);
// the correction itself, whatever the share changed (the route's limit is told beside)
const kept: Statement = (q, org, run, previous) => keptBandRows(q, org, run, previous, null, TODAY, { floor: CHANGED_FLOOR, share: 1 });

/**
 * One statement on a connection of its own: the first call (cold) and the median of `rounds` more, with the CPU per call
 * of its backend and of the parallel workers it starts (seen in pg_stat_activity by their leader_pid every 50 ms).
 */
async function timeOn(statement: Statement, org: string, run: string, previous: string | null, rounds: number): Promise<{ coldMs: number; warmMs: number; cpuMs: number; rows: unknown[] }> {
  const own = await openDb({ databaseUrl, schema });
  try {
    const [{ pid } = { pid: 0 }] = await own.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const cpu = new Map<number, number>([[pid, processCpuSeconds(pid)]]);
    const start = new Map(cpu);
    const sample = async () => {
      for (const w of await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE leader_pid = $1 AND pid <> $1', [pid])) {
        cpu.set(w.pid, Math.max(cpu.get(w.pid) ?? 0, processCpuSeconds(w.pid)));
      }
    };
    let busy = Promise.resolve();
    const timer = setInterval(() => { busy = busy.then(sample, sample); }, 50);
    let s = performance.now();
    const rows = await statement(own, org, run, previous);
    if (!rows) throw new Error('the run kept no totals');
    const coldMs = performance.now() - s;
    const warm: number[] = [];
    for (let r = 0; r < rounds; r++) {
      s = performance.now();
      await statement(own, org, run, previous);
      warm.push(performance.now() - s);
    }
    clearInterval(timer);
    await busy;
    cpu.set(pid, processCpuSeconds(pid));
    const cpuMs = [...cpu].reduce((a, [p, c]) => a + c - (start.get(p) ?? 0), 0) * 1000 / (rounds + 1);
    return { coldMs, warmMs: rounds ? median(warm) : coldMs, cpuMs, rows };
  } finally {
    await own.close();
  }
}

try {
  const [seeded] = values.keep ? await db.query<{ id: string }>(`SELECT id FROM orgs WHERE name = 'Risk tile bench'`) : [];
  const org = seeded?.id ?? (await createOrg(db, { name: 'Risk tile bench' })).id;
  if (seeded) console.log(`reusing the bench data in ${schema}`);
  else {
    let t = performance.now();
    await seedScorePortfolio(db, org, { customers, history, open });
    console.log(`seeded ${customers} customers, ${history} settled and ${open} open invoices in ${seconds(t).toFixed(1)} s`);
    t = performance.now();
    await trainAndSave(db, org, '2026-03-09', new Date('2026-03-09T01:00:00Z'));
    console.log(`trained in ${seconds(t).toFixed(1)} s`);
    for (const asOf of ['2026-03-09', TODAY]) {
      const r = await runScoring(db, org, asOf, new Date(`${asOf}T01:00:00Z`));
      console.log(`score run as of ${asOf}: ${r.invoices} invoices in ${r.seconds.toFixed(1)} s`);
    }
    // this machine's PostgreSQL runs with autovacuum off: what it would have analyzed
    await db.exec('ANALYZE invoices; ANALYZE scores; ANALYZE score_run_bands; ANALYZE score_runs');
  }
  const run = await latestRun(db, org);
  if (!run) throw new Error('no score run');
  const previous = await previousRun(db, org, run);
  const ratio = (ms: number) => (ms / RISK_TILE_LIMIT_MS).toFixed(2);
  const threePasses = async (what: string) => {
    const figures: { cold: number[]; warm: number[]; cpu: number[] } = { cold: [], warm: [], cpu: [] };
    for (let pass = 0; pass < 3; pass++) {
      const r = await timeOn(kept, org, run.id, previous?.id ?? null, rounds);
      figures.cold.push(r.coldMs); figures.warm.push(r.warmMs); figures.cpu.push(r.cpuMs);
    }
    const m = { coldMs: median(figures.cold), warmMs: median(figures.warm), cpuMs: median(figures.cpu) };
    console.log(`risk tile from the kept totals, ${what}: cold ${m.coldMs.toFixed(0)} ms (ratio ${ratio(m.coldMs)} to the ${RISK_TILE_LIMIT_MS} ms limit), `
      + `warm ${m.warmMs.toFixed(0)} ms (ratio ${ratio(m.warmMs)}), PostgreSQL CPU ${m.cpuMs.toFixed(0)} ms per call; medians of 3 passes `
      + `(each cold, then ${rounds} warm); passes cold ${figures.cold.map((x) => x.toFixed(0)).join('/')}, warm ${figures.warm.map((x) => x.toFixed(0)).join('/')}`);
    return m;
  };
  const same = async (what: string) => {
    deepStrictEqual(await kept(db, org, run.id, previous?.id ?? null), await full(db, org, run.id, previous?.id ?? null), what);
    console.log(`${what}: the kept totals' rows equal the full statement's`);
  };
  let t = performance.now();
  await keepBandTotals(db, org, run);
  const keepMs = performance.now() - t;
  console.log(`the run's totals kept in ${(keepMs / 1000).toFixed(1)} s (uptime: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  await same('nothing changed since the run');
  const first = await threePasses('nothing changed since the run');
  const changed: RiskTileBenchResult['changed'] = [];
  for (const percent of values.changed!.split(',').filter(Boolean).map(Number)) {
    t = performance.now();
    const [{ n, invoices } = { n: 0, invoices: 0 }] = await db.query<{ n: number; invoices: number }>(`WITH u AS (UPDATE invoices SET balance = balance - 1, updated_at = now()
      WHERE org_id = $1 AND balance > 1 AND NOT cancelled AND abs(hashtext(id)) % 1000 < $2 RETURNING customer_id)
      SELECT count(DISTINCT customer_id)::int AS n, count(*)::int AS invoices FROM u`, [org, Math.round(percent * 10)]);
    const route = await keptBandRows(db, org, run.id, previous?.id ?? null, null, TODAY) ? 'corrects the kept totals' : 'reads the full statement';
    console.log(`${percent}% of the open invoices changed since the run (${invoices} invoices, ${n} customers) in ${seconds(t).toFixed(1)} s; the route ${route}`);
    await same(`${percent}% changed`);
    changed.push({ percent, ...await threePasses(`${percent}% of the open invoices changed since the run`) });
  }
  const fullRounds = Number(values['full-rounds']);
  let fullFigures: RiskTileBenchResult['full'] = null;
  if (fullRounds > 0) {
    const r = await timeOn(full, org, run.id, previous?.id ?? null, fullRounds);
    fullFigures = { coldMs: r.coldMs, warmMs: r.warmMs, cpuMs: r.cpuMs };
    console.log(`the full statement (the reference; one pass): cold ${r.coldMs.toFixed(0)} ms, warm median of ${fullRounds} ${r.warmMs.toFixed(0)} ms `
      + `(ratio ${ratio(r.warmMs)}), PostgreSQL CPU ${r.cpuMs.toFixed(0)} ms per call`);
  }
  const result: RiskTileBenchResult = { open, ...first, keepMs, changed, full: fullFigures };
  process.send?.(result);
} finally {
  if (!values.keep) await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await db.close();
}
