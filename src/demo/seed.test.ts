import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { seedDemo } from './seed.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db, 'Demo'); });
after(async () => { await db.close(); });

it('seeds a portfolio in six currencies with paid, part-paid and open invoices, and the consents a real book holds', async () => {
  const s = await seedDemo(db, org, new Date('2026-11-24T12:00:00Z'), 12);
  assert.deepEqual([s.customers, s.invoices], [12, 60]);
  const currencies = await db.query<{ currency: string }>('SELECT DISTINCT currency FROM invoices WHERE org_id = $1 ORDER BY 1', [org]);
  assert.deepEqual(currencies.map((c) => c.currency), ['BRL', 'CLP', 'COP', 'EUR', 'MXN', 'USD']);
  const statuses = new Set((await db.query<{ status: string }>('SELECT DISTINCT status FROM invoices WHERE org_id = $1', [org])).map((r) => r.status));
  for (const st of ['paid', 'open']) assert.ok(statuses.has(st), st);
  const [span] = await db.query<{ lo: string; hi: string }>('SELECT min(due_date) AS lo, max(due_date) AS hi FROM invoices WHERE org_id = $1', [org]);
  assert.ok(span!.lo >= '2026-07-27' && span!.hi <= '2027-01-23', JSON.stringify(span));
  const [consents] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM consents WHERE org_id = $1 AND kind = 'channel'", [org]);
  assert.equal(consents!.n, 24);
});
