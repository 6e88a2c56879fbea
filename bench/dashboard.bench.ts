// The dashboard bench on PostgreSQL: the score bench's portfolio (1,000,000 open invoices, 500,000 settled with payments,
// 200,000 customers) with cases on two strategy versions, 100,000 messages and 20,000 payments this month; then every API
// call the dashboard makes on opening, all at once as the browser sends them, 20 times: p95 against the 1 s limit.
// Usage: node --import tsx bench/dashboard.bench.ts [--open N] [--history N] [--customers N] [--rounds N] [--keep SCHEMA] [--rls on|off]
// (--rls: row-level security as production runs it, COBRO_PG_RLS's default, on unless told off; the API's calls then run
// as the bench org's tenant)
// (--keep seeds into SCHEMA and leaves it there, to read the queries with EXPLAIN ANALYZE; drop it when done; a SCHEMA
// already seeded by the bench is used as it is, migrated to the newest first, so the slow seeding happens once)
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { buildServer } from '../src/api/index.ts';
import { seedScorePortfolio } from './scoreData.ts';

export const DASHBOARD_LIMIT_MS = 1000;
export interface DashboardBenchResult { invoices: number; rounds: number; p50Ms: number; p95Ms: number; perCall: Record<string, number> }

const { values } = parseArgs({ options: { open: { type: 'string', default: '1000000' }, history: { type: 'string', default: '500000' },
  customers: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '20' }, keep: { type: 'string' },
  rls: { type: 'string', default: 'on' } } });
if (!['on', 'off'].includes(values.rls)) throw new Error('--rls: on or off');
const [open, history, customers, rounds] = [values.open, values.history, values.customers, values.rounds].map(Number) as [number, number, number, number];
const NOW = new Date('2026-03-15T12:00:00Z');
const seconds = (start: number) => (performance.now() - start) / 1000;

/** What the engine would have made of the portfolio: a case per customer on version 1 or 2, messages and this month's payments. */
async function seedWork(db: Db, org: string): Promise<void> {
  for (const v of [1, 2]) {
    await db.query(`INSERT INTO strategies (org_id, id, version, name, definition, active) VALUES ($1, 'str_bench', $2, 'Bench', '{}', $3)`, [org, v, v === 2]);
  }
  await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, opened_at)
    SELECT 'case_' || g, $1, 'cus_' || g, CASE WHEN g % 10 = 0 THEN 'closed' ELSE 'open' END, 'str_bench', 1 + g % 2, '2026-01-01T00:00:00Z'
    FROM generate_series(1, $2::int) g`, [org, customers]);
  await db.query(`INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
      template, scheduled_for, status, reason, created_at, updated_at)
    SELECT 'act_' || n, $1, 'case_' || (n % $2 + 1), 'cus_' || (n % $2 + 1), 'k' || n, 'str_bench', 1 + (n % $2 + 1) % 2, 's1', 1, 'message',
      ARRAY[(ARRAY['email', 'sms', 'whatsapp', 'voice'])[1 + n % 4]], 'reminder-1', date '2026-02-14' + n % 30, 'sent', 'due', now(), now()
    FROM generate_series(1, 100000) n`, [org, customers]);
  await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, status, next_attempt_at, created_at, updated_at, sent_at, cost_micros, cost_currency)
    SELECT 'msg_' || n, $1, 'act_' || n, 'cus_' || (n % $2 + 1), (ARRAY['email', 'sms', 'whatsapp', 'voice'])[1 + n % 4], 'reminder-1',
      (ARRAY['sent', 'delivered', 'read', 'failed'])[1 + n % 4], t, t, t, t, 1000 * (1 + n % 4), 'USD'
    FROM generate_series(1, 100000) n, LATERAL (SELECT timestamptz '2026-02-14T09:00:00Z' + (n % 30) * interval '1 day' AS t) x`, [org, customers]);
  await db.query(`INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date)
    SELECT 'pay_m' || n, $1, 'cus_' || (n % $2 + 1), 'M' || n, 1000, 'USD', date '2026-03-01' + n % 15 FROM generate_series(1, 20000) n`, [org, customers]);
  await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount)
    SELECT 'alc_m' || n, $1, 'pay_m' || n, 'inv_o' || n, 1000 FROM generate_series(1, 20000) n`, [org]);
  // the ledger keeps balance = amount + live adjustments - live allocations (refreshInvoices); these rows were written around it
  await db.query(`UPDATE invoices SET balance = balance - 1000, status = 'partially_paid' WHERE org_id = $1 AND id IN (SELECT 'inv_o' || n FROM generate_series(1, 20000) n)`, [org]);
  await db.exec(`ANALYZE cases; ANALYZE actions; ANALYZE messages; ANALYZE payments; ANALYZE allocations; ANALYZE strategies;
    ANALYZE receivable_totals; ANALYZE customer_receivables; ANALYZE invoiced_daily`);
}

/**
 * ANALYZE the schema's tables autovacuum's default rule would have (more than 50 + 10% of the rows changed since the last
 * ANALYZE) and those with rows but no statistics: this machine's PostgreSQL runs with autovacuum off, so the rollup tables
 * the triggers filled (balance_daily, customer_collected_daily, customer_messages_daily, invoice_balance_steps, ...) kept
 * none and the planner took them for a few rows each, which an org's database with autovacuum on would not do.
 */
async function analyzeLikeAutovacuum(db: Db, schema: string): Promise<string[]> {
  const stale = await db.query<{ relname: string }>(
    `SELECT relname FROM pg_stat_user_tables t WHERE schemaname = $1 AND (n_mod_since_analyze > 50 + 0.1 * n_live_tup
       OR (n_live_tup > 0 AND NOT EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = t.schemaname AND s.tablename = t.relname)))
     ORDER BY relname`, [schema]);
  for (const t of stale) await db.exec(`ANALYZE ${schema}.${t.relname}`);
  return stale.map((t) => t.relname);
}

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const schema = values.keep ?? `bench_dash_${randomBytes(3).toString('hex')}`;
// the bench's own set-up and reads run as the owner; the API's calls run as the org (withOrg), as in production
const db = await openDb({ databaseUrl, schema, rls: values.rls === 'on', ownerOutsideScopes: true });
try {
  const [seeded] = values.keep ? await db.query<{ id: string }>(`SELECT id FROM orgs WHERE name = 'Dashboard bench'`) : [];
  const org = seeded?.id ?? (await createOrg(db, { name: 'Dashboard bench' })).id;
  const t = performance.now();
  if (seeded) console.log(`reusing the bench data in ${schema}`);
  else {
    await seedScorePortfolio(db, org, { customers, history, open });
    await seedWork(db, org);
    console.log(`seeded ${customers} customers, ${history} settled and ${open} open invoices, ${customers} cases, 100,000 messages, 20,000 payments this month in ${seconds(t).toFixed(1)} s`);
  }
  const analyzed = await analyzeLikeAutovacuum(db, schema);
  if (analyzed.length) console.log(`analyzed (autovacuum is off here): ${analyzed.join(', ')}`);
  const key = (await createApiKey(db, org, 'viewer')).secret;
  const app = await buildServer({ db, now: () => NOW });
  // the calls web/src/dashboard/data.ts makes on opening (today 2026-03-15: the week from Monday the 9th, the month from the 1st)
  const calls = {
    dashboard: '/v1/dashboard',
    aging: '/v1/aging?customer_limit=200',
    kpi: '/v1/kpi?from=2026-02-14&to=2026-03-15&currency=USD&breakdowns=channel',
    forecast: '/v1/forecast?as_of=2026-03-01',
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(calls).map((k) => [k, []]));
  const whole: number[] = [];
  const call = async (name: string, url: string) => {
    const s = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    times[name]!.push(performance.now() - s);
  };
  await Promise.all(Object.entries(calls).map(([name, url]) => call(name, url))); // warm-up, not counted
  for (const k of Object.keys(times)) times[k] = [];
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    await Promise.all(Object.entries(calls).map(([name, url]) => call(name, url)));
    whole.push(performance.now() - s);
  }
  await app.close();
  const perCall = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, Math.round(p(xs, 0.95))]));
  const result: DashboardBenchResult = { invoices: open + history, rounds, p50Ms: Math.round(p(whole, 0.5)), p95Ms: Math.round(p(whole, 0.95)), perCall };
  console.log(`dashboard (row-level security ${values.rls}): ${rounds} loads (${Object.keys(calls).length} API calls each, at once): p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms `
    + `(limit ${DASHBOARD_LIMIT_MS} ms: ratio ${(result.p95Ms / DASHBOARD_LIMIT_MS).toFixed(2)}); p95 per call: `
    + Object.entries(perCall).map(([k, v]) => `${k} ${v} ms`).join(', '));
  process.send?.(result);
} finally {
  if (!values.keep) await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await db.close();
}
