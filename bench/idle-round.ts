// What an idle worker round costs: an org with open cases and nothing due, nothing changed since the last round; the
// statements a round runs (by kind) and its CPU in this process (on PGlite that includes the database's own work).
// Usage: node --import tsx bench/idle-round.ts [--customers N] [--rounds N] [--top N]   (DATABASE_URL for PostgreSQL)
import { parseArgs } from 'node:util';
import { testDb } from '../test/support/db.ts';
import { createOrg } from '../src/orgs/index.ts';
import { createCustomer, createInvoice } from '../src/ledger/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { timedDb } from './timedDb.ts';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '100' }, rounds: { type: 'string', default: '200' }, top: { type: 'string', default: '0' } } });
const customers = Number(values.customers);
const rounds = Number(values.rounds);
const START = new Date('2026-01-05T05:00:00Z'); // a Monday at night in the Americas: nothing is sent

const raw = await testDb();
const org = await createOrg(raw, { name: 'Idle', country: 'US', defaultTimezone: 'America/New_York' });
for (let i = 0; i < customers; i++) {
  const c = await createCustomer(raw, org.id, 'bench', { name: `C ${i}`, external_id: `C-${i}`, email: `c${i}@example.com`, country: 'US', timezone: 'America/New_York' });
  if (!c.ok) throw new Error(c.error.message);
  // overdue (an open case, its next step later) or due later (within reach of the strategies)
  const due = i % 2 ? '2026-01-02' : '2026-01-20';
  const r = await createInvoice(raw, org.id, 'bench', { customer_id: c.value.id, number: `N-${i}`, currency: 'USD', amount: 10_000, issue_date: '2025-12-01', due_date: due });
  if (!r.ok) throw new Error(r.error.message);
}
const { db, times } = timedDb(raw);
const messaging = { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' };
const log = { info() {}, error(o: object, msg: string) { throw new Error(`${msg}: ${String((o as { err?: unknown }).err)}`); } };
// the first rounds open the cases, plan them and run the daily passes; the rounds measured after them find nothing to do
for (let k = 0; k < 3; k++) await workOnce({ db, now: () => new Date(START.getTime() + k * 60_000), messaging, log });
times.queries = 0; times.transactions = 0; times.bySql.clear(); times.queryMs = 0;
const cpu = process.cpuUsage();
const wall = performance.now();
for (let k = 0; k < rounds; k++) await workOnce({ db, now: () => new Date(START.getTime() + (10 + k) * 60_000), messaging, log });
const used = process.cpuUsage(cpu);
const perRound = (n: number) => (n / rounds).toFixed(1);
console.log(`${raw.kind}: ${customers} customers, ${rounds} idle rounds: ${perRound(times.queries)} statements and ${perRound(times.transactions)} transactions a round; `
  + `CPU ${((used.user + used.system) / 1000 / rounds).toFixed(2)} ms a round in this process, wall ${((performance.now() - wall) / rounds).toFixed(2)} ms`);
const top = Number(values.top);
if (top) {
  for (const [sql, t] of [...times.bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) console.log(`${(t.ms / rounds).toFixed(2).padStart(7)} ms ${perRound(t.n).padStart(5)}x  ${sql}`);
}
await raw.close();
