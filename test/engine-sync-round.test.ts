// The worker's case sync in proportion to what changed: the first round passes over the whole ledger, later rounds look
// only at customers whose invoices changed or fell within reach, and a full pass comes back once a day or after a flood.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { FULL_ABOVE, syncRound } from '../src/engine/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

const round = (org: string, at: string) => db.transaction((tx) => syncRound(tx, org, new Date(at)));
const caseOf = async (org: string, customerId: string) =>
  (await db.query<{ status: string }>('SELECT status FROM cases WHERE org_id = $1 AND customer_id = $2', [org, customerId]))[0]?.status ?? null;

describe('syncRound', () => {
  it('passes over the ledger once, then only over what changed or came within reach', async () => {
    const org = await testOrg(db);
    const a = await aCustomer(db, org, { email: 'a@example.com' });
    const b = await aCustomer(db, org, { email: 'b@example.com' });
    const idle = await aCustomer(db, org, { email: 'idle@example.com' });
    await anInvoice(db, org, { customer_id: a.id, due_date: '2026-03-01', amount: 10_000 });
    await anInvoice(db, org, { customer_id: b.id, due_date: '2026-03-10', amount: 10_000 });
    await anInvoice(db, org, { customer_id: idle.id, due_date: '2026-06-30', amount: 10_000 });

    const first = await round(org, '2026-03-05T12:00:00Z');
    assert.deepEqual([first.mode, first.opened], ['full', 1]);
    assert.equal(await caseOf(org, a.id), 'open');
    assert.equal(await caseOf(org, b.id), null, 'not yet within reach of the first step (3 days before)');

    // invoices written since the last sync are looked at again (with an overlap), so this round still sees the three
    const settle = await round(org, '2026-03-05T12:30:00Z');
    assert.equal(settle.mode, 'incremental');

    // a payment recorded straight into the ledger (no re-plan) closes the case at the next round
    await aPayment(db, org, { customer_id: a.id, amount: 10_000, date: '2026-03-05' });
    const paid = await round(org, '2026-03-05T13:00:00Z');
    assert.equal(paid.mode, 'incremental');
    assert.ok(paid.customers >= 1 && paid.customers <= 3, `${paid.customers} customers looked at`);
    assert.equal(paid.closed, 1);
    assert.equal(await caseOf(org, a.id), 'closed');

    // the next day, b's invoice comes within reach: its case opens without a full pass; idle's does not
    await db.query(`UPDATE case_sync SET synced_at = now() + interval '1 hour' WHERE org_id = $1`, [org]); // nothing changed since
    const later = await round(org, '2026-03-06T11:00:00Z');
    assert.deepEqual([later.mode, later.customers, later.opened], ['incremental', 1, 1]);
    assert.equal(await caseOf(org, b.id), 'open');
    assert.equal(await caseOf(org, idle.id), null);

    const nextDay = await round(org, '2026-03-06T12:00:01Z');
    assert.equal(nextDay.mode, 'full', 'a full pass once a day');
    assert.equal(nextDay.opened, 0);
  });

  it('does not sync again what the last round saw, yet finds a change committed late into the overlap before it', async () => {
    const org = await testOrg(db);
    const a = await aCustomer(db, org, { email: 'a@example.com' });
    const b = await aCustomer(db, org, { email: 'b@example.com' });
    await anInvoice(db, org, { customer_id: a.id, due_date: '2026-03-01', amount: 10_000 });
    const late = await anInvoice(db, org, { customer_id: b.id, due_date: '2026-03-02', amount: 10_000 });
    await round(org, '2026-03-05T12:00:00Z');
    const seen = await round(org, '2026-03-05T12:10:00Z');
    const idle = await round(org, '2026-03-05T12:20:00Z');
    assert.deepEqual([seen.mode, seen.customers, idle.mode, idle.customers], ['incremental', 0, 'incremental', 0], 'the invoices written minutes ago were seen');
    // a transaction that began before the last sync read and committed after it: its change carries the earlier time
    await db.query(`UPDATE invoices SET balance = 0, status = 'paid', updated_at = (SELECT synced_at FROM case_sync WHERE org_id = $1) - interval '1 minute'
      WHERE id = $2`, [org, late.id]);
    const found = await round(org, '2026-03-05T12:30:00Z');
    assert.ok(found.customers >= 1, 'the overlap is looked at again');
    assert.equal(found.closed, 1);
    assert.equal(await caseOf(org, b.id), 'closed');
    assert.equal((await round(org, '2026-03-05T12:40:00Z')).customers, 0, 'and once seen, not again');
  });

  it('falls back to one full pass when more customers changed than it is worth syncing one by one', async () => {
    const org = await testOrg(db);
    await round(org, '2026-03-05T12:00:00Z');
    const many = Array.from({ length: FULL_ABOVE + 1 }, (_, i) => i);
    await db.query(
      `INSERT INTO customers (id, org_id, name, external_id) SELECT 'cus_flood' || g, $1, 'Flood ' || g, 'F-' || g FROM unnest($2::int[]) g`, [org, many]);
    await db.query(
      `INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
       SELECT 'inv_flood' || g, $1, 'cus_flood' || g, 'F-' || g, 'USD', 100, 100, '2026-01-01', '2026-02-01' FROM unnest($2::int[]) g`, [org, many]);
    const r = await round(org, '2026-03-05T13:00:00Z');
    assert.deepEqual([r.mode, r.opened], ['full', FULL_ABOVE + 1]);
  });
});
