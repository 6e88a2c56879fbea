// The tick bench on PostgreSQL: 1,000,000 open invoices in 300,000 cases, 100,000 with an action due; the tick
// against a plain INSERT ... SELECT of the same rows, peak memory, and a tick with nothing due.
// Usage: node --import tsx bench/tick.bench.ts [--invoices N] [--cases N] [--due N] [--batch N]
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { ensureDefaults } from '../src/strategy/index.ts';
import { runTick, syncCases, syncRound } from '../src/engine/index.ts';
import type { Queryable } from '../src/db/index.ts';

export const TICK_GOALS = { ratio: 0.3, peakRssMb: 400 };
export interface TickBenchResult {
  invoices: number; cases: number; due: number; tickSeconds: number; actionsPerSecond: number; sqlActionsPerSecond: number;
  ratio: number; peakRssMb: number; idleTickMs: number; syncSeconds: number; quietRoundMs: number;
}

const { values } = parseArgs({ options: { invoices: { type: 'string', default: '1000000' }, cases: { type: 'string', default: '300000' },
  due: { type: "string", default: "100000" }, batch: { type: "string", default: "1000" }, concurrency: { type: "string" } } });
const [invoices, cases, due, batch] = [values.invoices, values.cases, values.due, values.batch].map(Number) as [number, number, number, number];
if (!(invoices >= cases && cases >= due && due > 0)) throw new Error('need invoices >= cases >= due > 0');

const peakRssMb = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
const NOW = new Date('2026-03-02T15:00:00Z'); // a Monday, 10:00 in New York
const seconds = (start: number) => (performance.now() - start) / 1000;

/** Customers, invoices and cases made in SQL: the first `due` cases are three days before their oldest due date. */
async function seed(db: Db, org: string): Promise<void> {
  await ensureDefaults(db, org);
  await db.query(`INSERT INTO customers (id, org_id, external_id, name, email, whatsapp, country, timezone)
    SELECT 'cus_' || g, $1, 'C' || g, 'Customer ' || g, 'c' || g || '@example.com', '+1212555' || lpad((g % 10000)::text, 4, '0'), 'US', 'America/New_York'
    FROM generate_series(1, $2::int) g`, [org, cases]);
  // invoice n belongs to customer ((n - 1) % cases) + 1; a customer's invoices fall due a week apart
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
    SELECT 'inv_' || n, $1, 'cus_' || c, 'N' || n, 'USD', 10000 + n % 5000, 10000 + n % 5000, '2026-02-01',
      (CASE WHEN c <= $4 THEN date '2026-03-05' ELSE date '2026-03-12' END) + 7 * ((n - 1) / $3)
    FROM generate_series(1, $2::int) n, LATERAL (SELECT ((n - 1) % $3) + 1 AS c) x`, [org, invoices, cases, due]);
  await db.query(`INSERT INTO cases (id, org_id, customer_id, strategy_id, strategy_version, segment_id, cycle, anchor_due_date, next_action_at, opened_at)
    SELECT 'case_' || g, $1, 'cus_' || g, 'smb-default', 1, 'everyone-else', 1,
      CASE WHEN g <= $3 THEN date '2026-03-05' ELSE date '2026-03-12' END,
      CASE WHEN g <= $3 THEN timestamptz '2026-03-02 00:00-05' ELSE timestamptz '2026-03-09 00:00-04' END, now()
    FROM generate_series(1, $2::int) g`, [org, cases, due]);
  await db.exec('ANALYZE customers; ANALYZE invoices; ANALYZE cases');
}

/** The baseline: the same action rows (one per due case, listing its open invoices) in one INSERT ... SELECT. */
async function plainSql(db: Db, org: string): Promise<number> {
  const start = performance.now();
  const rows = await db.query<{ n: number }>(`WITH ins AS (
    INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
      template, tone, scheduled_for, status, reason, invoice_ids, payload, created_at, updated_at)
    SELECT 'act_' || c.id, c.org_id, c.id, c.customer_id, c.id || '/smb-default@1/before-3/c1', 'smb-default', 1, 'before-3', 1, 'send',
      '{whatsapp,email}', 'upcoming-reminder', 'friendly', date '2026-03-02', 'planned', 'before-3: 3 days before the due date', i.ids,
      jsonb_build_object('invoices', i.lines), $2::timestamptz, $2::timestamptz
    FROM cases c JOIN LATERAL (
      SELECT array_agg(v.id ORDER BY v.due_date) AS ids, jsonb_agg(jsonb_build_object('id', v.id, 'number', v.number, 'balance', v.balance, 'due', v.due_date)) AS lines
      FROM invoices v WHERE v.customer_id = c.customer_id AND v.balance > 0 AND NOT v.cancelled) i ON true
    WHERE c.org_id = $1 AND c.status = 'open' AND c.next_action_at <= $2::timestamptz
    ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM ins`, [org, NOW.toISOString()]);
  const n = rows[0]?.n ?? 0;
  const rps = n / seconds(start);
  await db.exec('TRUNCATE actions');
  return rps;
}

/** The same Db with wall time summed per kind of statement (its first words), also inside transactions. */
function timedByStatement(db: Db): { db: Db; bySql: Map<string, number> } {
  const bySql = new Map<string, number>();
  const wrap = (q: Queryable): Queryable => ({
    ...q,
    async query<T>(sql: string, params?: unknown[]) {
      const s = performance.now();
      try { return await q.query<T>(sql, params); } finally {
        const k = sql.replace(/\s+/g, ' ').trim().slice(0, 40);
        bySql.set(k, (bySql.get(k) ?? 0) + performance.now() - s);
      }
    },
  });
  return { db: { ...db, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) }, bySql };
}

const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const schema = `bench_tick_${randomBytes(3).toString('hex')}`;
const db = await openDb({ databaseUrl, schema });
try {
  const org = (await createOrg(db, { name: 'Tick bench', country: 'US', defaultTimezone: 'America/New_York' })).id;
  let t = performance.now();
  await seed(db, org);
  console.log(`seeded ${invoices} invoices, ${cases} cases (${due} due) in ${seconds(t).toFixed(1)} s`);
  const sqlRps = await plainSql(db, org);
  console.log(`plain INSERT ... SELECT: ${Math.round(sqlRps)} actions/s`);
  await db.exec('VACUUM ANALYZE actions');
  const timed = timedByStatement(db);
  t = performance.now();
  const r = await runTick(timed.db, { orgId: org, now: NOW, batchSize: batch, ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}) });
  const tickSeconds = seconds(t);
  console.log(`  in the database: ${([...timed.bySql.values()].reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s: `
    + [...timed.bySql].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, ms]) => `${(ms / 1000).toFixed(2)} s ${k}`).join(' | '));
  console.log(`tick: ${r.cases} cases, ${r.planned} actions planned, ${r.skipped} skipped, ${r.batches} batches in ${tickSeconds.toFixed(2)} s`);
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    const again = await runTick(db, { orgId: org, now: NOW, batchSize: batch });
    idle.push(performance.now() - s);
    if (again.cases !== 0) throw new Error('a second tick found work');
  }
  idle.sort((a, b) => a - b);
  t = performance.now();
  const sync = await syncCases(db, org, NOW);
  const syncSeconds = seconds(t);
  console.log(`syncCases over the whole ledger (not part of the tick): ${syncSeconds.toFixed(2)} s ${JSON.stringify(sync)}`);
  // the worker's sync on a ledger at rest: the first round passes over it all, the next looks only at what changed
  await db.query(`UPDATE invoices SET updated_at = now() - interval '1 hour'`);
  await db.exec('ANALYZE invoices');
  await db.transaction((tx) => syncRound(tx, org, NOW));
  t = performance.now();
  const quiet = await db.transaction((tx) => syncRound(tx, org, new Date(NOW.getTime() + 60_000)));
  const quietRoundMs = performance.now() - t;
  console.log(`the worker's sync a minute later, nothing changed: ${quietRoundMs.toFixed(1)} ms ${JSON.stringify(quiet)}`);
  const result: TickBenchResult = {
    invoices, cases, due, tickSeconds, actionsPerSecond: r.planned / tickSeconds, sqlActionsPerSecond: sqlRps,
    ratio: r.planned / tickSeconds / sqlRps, peakRssMb: peakRssMb(), idleTickMs: idle[Math.floor(idle.length / 2)] ?? 0, syncSeconds, quietRoundMs,
  };
  console.log(`tick ${Math.round(result.actionsPerSecond)} actions/s; ratio to plain SQL ${result.ratio.toFixed(2)} (goal >= ${TICK_GOALS.ratio}); `
    + `peak RSS ${result.peakRssMb} MB (goal < ${TICK_GOALS.peakRssMb}); tick with nothing due ${result.idleTickMs.toFixed(2)} ms (median of 20)`);
  process.send?.(result);
} finally {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await db.close();
}
