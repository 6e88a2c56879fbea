// Capacity measurement for the capacity plan (README, "Capacity"): a portfolio of N accounts on PostgreSQL (three
// invoices each, due from 60 days ago to 30 days ahead, a quarter of the accounts paying along the way), the worker's
// real daily round (arrangements, inbound, case sync, tick, dispatch to the sandbox, scores, retention) run once a day
// for D days, then the database's size. Prints per-1,000-account figures: database bytes, worker seconds per day,
// messages per day.
// Usage: node --import tsx scripts/capacity.ts [--accounts N] [--days D]
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { ensureDefaults } from '../src/strategy/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { recordPayment } from '../src/ledger/payments.ts';

const { values } = parseArgs({ options: { accounts: { type: 'string', default: '10000' }, days: { type: 'string', default: '30' } } });
const [accounts, days] = [Number(values.accounts), Number(values.days)];
const schema = `capacity_${randomBytes(3).toString('hex')}`;
const db = await openDb({ databaseUrl: loadConfig().databaseUrl ?? 'postgres://root@127.0.0.1:5432/test', schema });
const start = new Date('2026-03-02T16:00:00Z');
const quiet = { info: () => {}, error: (o: object, m: string) => console.error(m, o) };

try {
  const org = (await createOrg(db, { name: 'Capacity Co', country: 'US', default_currency: 'USD', default_language: 'en', default_timezone: 'America/New_York' })).id;
  await ensureDefaults(db, org);
  await db.query(`INSERT INTO customers (id, org_id, external_id, name, email, phone, country, timezone, language)
    SELECT 'cus_' || g, $1, 'C' || g, 'Customer ' || g, 'c' || g || '@example.com', '+1212' || lpad(g::text, 7, '0'),
      CASE WHEN g % 3 = 0 THEN 'MX' ELSE 'US' END, CASE WHEN g % 3 = 0 THEN 'America/Mexico_City' ELSE 'America/New_York' END,
      CASE WHEN g % 3 = 0 THEN 'es' ELSE 'en' END
    FROM generate_series(1, $2::int) g`, [org, accounts]);
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
    SELECT 'inv_' || g || '_' || k, $1, 'cus_' || g, 'N' || g || '-' || k, 'USD', 5000 + (g * 37 + k * 101) % 200000, 5000 + (g * 37 + k * 101) % 200000,
      date '2026-03-02' - 90 + ((g + k * 29) % 90), date '2026-03-02' - 60 + ((g * 7 + k * 31) % 90)
    FROM generate_series(1, $2::int) g, generate_series(1, 3) k`, [org, accounts]);
  await db.exec('ANALYZE customers; ANALYZE invoices');
  const rounds: number[] = [];
  for (let d = 0; d < days; d++) {
    const now = new Date(start.getTime() + d * 86_400_000);
    // a quarter of the accounts pay their oldest open invoice, spread over the days, through the ledger (allocations, events)
    const payers = await db.query<{ customer_id: string; balance: number }>(`SELECT DISTINCT ON (customer_id) customer_id, balance::int AS balance FROM invoices
      WHERE org_id = $1 AND balance > 0 AND (substring(customer_id from 5))::int % 4 = 0 AND (substring(customer_id from 5))::int % $2 = $3
      ORDER BY customer_id, due_date`, [org, days, d]);
    for (const p of payers) {
      const r = await recordPayment(db, org, 'capacity', { customer_id: p.customer_id, amount: p.balance, currency: 'USD', date: now.toISOString().slice(0, 10), method: 'transfer' });
      if (!r.ok) throw new Error(`payment: ${JSON.stringify(r.error)}`);
    }
    const t = performance.now();
    await workOnce({ db, now: () => now, messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' }, log: quiet, scoring: true });
    rounds.push((performance.now() - t) / 1000);
    process.stdout.write(`day ${d + 1}: ${rounds.at(-1)!.toFixed(1)} s\n`);
  }
  const statuses = await db.query<{ kind: string; status: string; n: number }>(`SELECT kind, status, count(*)::int AS n FROM actions GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 8`);
  const skipped = await db.query<{ reason: string; n: number }>(`SELECT left(reason, 90) AS reason, count(*)::int AS n FROM actions WHERE status = 'skipped' GROUP BY 1 ORDER BY 2 DESC LIMIT 4`);
  console.log(`skipped because: ${skipped.map((r) => `${r.reason} (${r.n})`).join('; ')}`);
  const sizeSql = `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relkind = 'r'`;
  const [asIs] = await db.query<{ bytes: string }>(sizeSql, [schema]);
  // what the rows take once the space of deleted and updated rows is given back (autovacuum reuses it, never returns it)
  const tables = await db.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [schema]);
  for (const t of tables) await db.exec(`VACUUM FULL "${schema}"."${t.name}"`);
  const [size] = await db.query<{ bytes: string }>(`SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relkind = 'r'`, [schema]);
  const top = await db.query<{ name: string; mb: number }>(`SELECT c.relname AS name, round(pg_total_relation_size(c.oid) / 1048576.0, 1)::float8 AS mb
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 8`, [schema]);
  const [counts] = await db.query<{ messages: number; actions: number; audit: number }>(`SELECT (SELECT count(*) FROM messages)::int AS messages,
    (SELECT count(*) FROM actions)::int AS actions, (SELECT count(*) FROM audit_log)::int AS audit`);
  const per = (x: number) => (x * 1000) / accounts;
  const total = rounds.reduce((a, b) => a + b, 0);
  const sorted = [...rounds].sort((a, b) => a - b);
  console.log(`\n${accounts} accounts (${accounts * 3} invoices), ${days} daily rounds; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
  console.log(`rounds: mean ${(total / days).toFixed(1)} s, p95 ${sorted[Math.floor(days * 0.95)]?.toFixed(1)} s, first ${rounds[0]!.toFixed(1)} s`);
  console.log(`messages ${counts!.messages} (${per(counts!.messages / days).toFixed(0)} per 1,000 accounts a day), actions ${counts!.actions}, audit entries ${counts!.audit}`);
  console.log(`actions by kind and status: ${statuses.map((r) => `${r.kind}/${r.status} ${r.n}`).join(', ')}`);
  console.log(`per 1,000 accounts: ${(per(Number(size!.bytes)) / 1048576).toFixed(1)} MB of database after ${days} days (${(per(Number(asIs!.bytes)) / 1048576).toFixed(1)} MB `
    + `before VACUUM FULL), ${per(total / days).toFixed(2)} worker-seconds a day`);
  console.log(`largest tables: ${top.map((r) => `${r.name} ${r.mb} MB`).join(', ')}`);
} finally {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await db.close();
}
