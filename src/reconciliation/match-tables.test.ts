// The lookup tables' sync: of the rows changed within the overlap kept for late commits, it reads again only those
// written since the oldest transaction running when the last sync began (a late commit among them).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { syncMatchTables, type SyncReport } from './match-tables.ts';
import { normaliseName } from './match/names.ts';
import { storedInvoiceKeys } from './match/text.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

/**
 * Syncs until a sync reads no customer again (true), or gives up (false): on a shared PostgreSQL another session's
 * transaction running when a sync began holds back what the next may skip, until it ends.
 */
async function settled(org: string): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    const r = await syncMatchTables(db, org);
    if (r.customers.read === 0 && r.invoices.read === 0) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return false;
}

/**
 * Waits until every transaction that began before now has ended (true), or gives up (false): a sync beginning then keeps
 * an id newer than every row written so far. Another session's long transaction on a shared PostgreSQL may outlast it.
 */
async function quiet(): Promise<boolean> {
  const [w] = await db.query<{ id: string }>('SELECT pg_current_xact_id()::text AS id');
  for (let i = 0; i < 600; i++) {
    const [r] = await db.query<{ past: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS past', [w!.id]);
    if (r?.past) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return false;
}

const nameKey = async (org: string, customer: string) => (await db.query<{ name_key: string }>(
  'SELECT name_key FROM customer_match_names WHERE org_id = $1 AND customer_id = $2', [org, customer]))[0]?.name_key;
const keysOf = async (org: string, invoice: string) => (await db.query<{ key: string }>(
  'SELECT key FROM invoice_match_keys WHERE org_id = $1 AND invoice_id = $2 ORDER BY key', [org, invoice])).map((r) => r.key);
const keysFor = (n: string) => [...storedInvoiceKeys(n)].sort();
const read = (r: SyncReport) => ({ invoices: [r.invoices.mode, r.invoices.read], customers: [r.customers.mode, r.customers.read] });

describe('the sync of the lookup tables', () => {
  it('reads nothing again when nothing was written, then only what was written since, though all of it changed within the overlap', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Kestrel Freight' });
    for (const n of ['KF-1', 'KF-2', 'KF-3']) await anInvoice(db, org, { customer_id: c.id, number: n, currency: 'EUR' });
    // written last: once a sync skips it, it skips every row of the org written before
    await aCustomer(db, org, { name: 'Osprey Logistics' });
    const none = await quiet();
    assert.deepEqual(read(await syncMatchTables(db, org)), { invoices: ['rebuilt', 3], customers: ['rebuilt', 2] });
    assert.ok(await settled(org), 'nothing written since the last sync is read again');
    const later = await anInvoice(db, org, { customer_id: c.id, number: 'KF-4', currency: 'EUR' });
    await db.query(`UPDATE customers SET name = 'Kestrel Air Freight', updated_at = now() WHERE org_id = $1 AND id = $2`, [org, c.id]);
    const since = await syncMatchTables(db, org);
    assert.deepEqual(read(since).customers, ['incremental', 1]);
    // a sync that finds the invoices unchanged keeps the state of the last one that read them: only when no other
    // session's transaction was running at that one are the invoices written before it sure to be skipped
    if (none) assert.deepEqual(read(since).invoices, ['incremental', 1]);
    else assert.ok(since.invoices.mode === 'incremental' && since.invoices.read >= 1 && since.invoices.read <= 4, JSON.stringify(since));
    assert.equal(await nameKey(org, c.id), normaliseName('Kestrel Air Freight'));
    assert.deepEqual(await keysOf(org, later.id), keysFor('KF-4'));
    assert.ok(await settled(org), 'what the last sync read is not read again');
  });

  it('reads a row whose transaction was still running when the last sync began (committed after it)', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Heron Shipping' });
    await syncMatchTables(db, org);
    assert.ok(await settled(org));
    // one transaction writes a customer and an invoice; the sync that ran while it was open kept its id as the oldest
    // still running (a sync beside it on PostgreSQL: test/pg-match-tables-late.test.ts)
    const { late, invoice, xid } = await db.transaction(async (tx) => {
      const late = await aCustomer(tx, org, { name: 'Late Tern Ltd' });
      const invoice = await anInvoice(tx, org, { customer_id: c.id, number: 'HS-77', currency: 'EUR' });
      const [r] = await tx.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      return { late, invoice, xid: r!.xid };
    });
    await db.query(`UPDATE match_index_state SET read_after_xid = $2 WHERE org_id = $1`, [org, xid]);
    assert.equal(await nameKey(org, late.id), undefined);
    assert.deepEqual(read(await syncMatchTables(db, org)), { invoices: ['incremental', 1], customers: ['incremental', 1] });
    assert.equal(await nameKey(org, late.id), normaliseName('Late Tern Ltd'));
    assert.deepEqual(await keysOf(org, invoice.id), keysFor('HS-77'));
  });

  it('reads every row changed within the overlap when the last sync kept no transaction id (synced before it was kept)', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Plover Parts' });
    await syncMatchTables(db, org);
    await db.query('UPDATE match_index_state SET read_after_xid = NULL WHERE org_id = $1', [org]);
    assert.deepEqual(read(await syncMatchTables(db, org)).customers, ['incremental', 1]);
    assert.equal(await nameKey(org, c.id), normaliseName('Plover Parts'));
  });
});
