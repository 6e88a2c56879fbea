// The dispatcher's one-statement record (src/worker/record.ts), prepared: its custom plan (planned per call, as before
// it was prepared) against the generic plan PostgreSQL may switch a prepared statement to after five runs. Seeds --sent
// SMS already dispatched (the tables' size) and --due more, dispatches these, and at each --every-th record statement
// EXPLAIN ANALYZEs it under both plan_cache_mode settings in a transaction rolled back, before the real call runs.
// Usage: node --import tsx bench/record-plan.ts [--sent N] [--due N] [--every N] [--plans FILE]
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { seedDueMessages } from '../test/support/due-messages.ts';

const { values } = parseArgs({ options: { sent: { type: 'string', default: '20000' }, due: { type: 'string', default: '5000' }, every: { type: 'string', default: '20' },
  plans: { type: 'string' } } });
const [sent, due, every] = [values.sent, values.due, values.every].map(Number) as [number, number, number];
const databaseUrl = loadConfig().databaseUrl ?? 'postgres://root@127.0.0.1:5432/test';
const schema = `bench_recplan_${randomBytes(3).toString('hex')}`;
const db = await openDb({ databaseUrl, schema });

interface Explained { planMs: number; execMs: number; plan: string; triggers: { name: string; ms: number }[] }
const modes = ['force_custom_plan', 'force_generic_plan'] as const;
const seen: Record<(typeof modes)[number], Explained[]> = { force_custom_plan: [], force_generic_plan: [] };

/** EXPLAIN ANALYZE of the statement as prepared, in each mode (its second EXECUTE, the plan then cached), all rolled back. */
async function explain(sql: string, params: unknown[]): Promise<void> {
  // a utility statement takes no bound parameters: EXECUTE's arguments go in as literals, typed by the prepared statement
  const args = params.map(literal).join(', ');
  for (const mode of modes) {
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL plan_cache_mode = ${mode}`);
      await tx.query(`PREPARE rec AS ${sql}`);
      let last: Explained | null = null;
      for (let i = 0; i < 2; i++) {
        await tx.query('SAVEPOINT once');
        const rows = await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE rec(${args})`);
        await tx.query('ROLLBACK TO SAVEPOINT once');
        const [top] = rows[0]!['QUERY PLAN'] as { 'Planning Time': number; 'Execution Time': number; Plan: unknown; Triggers?: { 'Trigger Name': string; Time: number }[] }[];
        last = { planMs: top!['Planning Time'], execMs: top!['Execution Time'], plan: JSON.stringify(top!.Plan),
          triggers: (top!.Triggers ?? []).map((t) => ({ name: t['Trigger Name'], ms: t.Time })) };
      }
      await tx.query('DEALLOCATE rec');
      seen[mode].push(last!);
      throw new Error('rolled back');
    }).catch((e: Error) => { if (e.message !== 'rolled back') throw e; });
  }
}

let calls = 0;
const watched: Db = { ...db, async query<T>(sql: string, params?: unknown[], name?: string) {
  if (name && sql.startsWith('WITH RECURSIVE enc') && ++calls % every === 0) await explain(sql, params ?? []);
  return db.query<T>(sql, params, name);
} };

try {
  const org = (await createOrg(db, { name: 'Ferretería Luna' })).id;
  const days = ['2026-03-09', '2026-03-10'];
  const at = (d: number) => new Date(`${days[d]}T17:00:00Z`);
  await seedDueMessages(db, org, { from: 1, count: sent, channel: 'sms', day: days[0]!, at: at(0) });
  await seedDueMessages(db, org, { from: sent + 1, count: due, channel: 'sms', day: days[1]!, at: at(0) });
  // the sandbox answers 'delivered', which the one statement leaves to the transaction (its event): a provider's 'sent' here
  const sandbox = sandboxAdapters();
  const sms = { ...sandbox.sms, async send(...a: Parameters<typeof sandbox.sms.send>) {
    const r = await sandbox.sms.send(...a);
    return r.ok ? { ...r, receipt: { ...r.receipt, state: 'sent' as const } } : r;
  } };
  const adapters = { ...sandbox, sms };
  const pass = (d: Db, when: Date) => dispatchOnce({ db: d, now: () => when, adapters, publicUrl: 'https://cobro.example', concurrency: 32 });
  while ((await pass(db, at(0))).sent > 0);
  await db.exec('ANALYZE');
  while ((await pass(watched, at(1))).sent > 0);
  const avg = (xs: Explained[], k: 'planMs' | 'execMs') => (xs.reduce((a, x) => a + x[k], 0) / Math.max(1, xs.length)).toFixed(2);
  for (const mode of modes) {
    const xs = seen[mode];
    console.log(`${mode}: ${xs.length} statements explained; planning ${avg(xs, 'planMs')} ms, execution ${avg(xs, 'execMs')} ms on average`);
    // the triggers' share of the execution (EXPLAIN ANALYZE times each trigger apart from the plan's nodes)
    const byName = new Map<string, number>();
    for (const x of xs) for (const t of x.triggers) byName.set(t.name, (byName.get(t.name) ?? 0) + t.ms);
    for (const [name, ms] of byName) console.log(`  trigger ${name}: ${(ms / Math.max(1, xs.length)).toFixed(2)} ms on average`);
  }
  const differ = seen.force_custom_plan.filter((c, i) => strip(c.plan) !== strip(seen.force_generic_plan[i]!.plan)).length;
  console.log(`plans of a different shape (nodes, joins, indexes): ${differ} of ${seen.force_custom_plan.length}`);
  if (values.plans) writeFileSync(values.plans, JSON.stringify(seen, null, 1));
} finally {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await db.close();
}

/** A plan's shape: its nodes, relations and indexes, without estimates and timings. */
function strip(plan: string): string {
  return JSON.stringify(JSON.parse(plan), (k, v) => (/Rows|Cost|Time|Loops|Width|Buffers|Blocks|Memory|Batches|Workers|Filter|Cond|Output|Key|Removed/.test(k) ? undefined : v));
}

/** A value as node-postgres would send it, as an SQL literal (arrays as array literals). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  const text = (x: unknown): string => (x instanceof Date ? x.toISOString() : String(x));
  const quote = (t: string) => `'${t.replace(/'/g, "''")}'`;
  if (Array.isArray(v)) return quote(`{${v.map((x) => (x === null ? 'NULL' : `"${text(x).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`);
  return quote(text(v));
}
