// A matching run's start: when nothing moved since the last one, one look and nothing else (no sync, no catch-up read);
// when something did, whatever it is (a new or renamed row, a late commit, a repair, a learned payer), the look sees it
// and the run reads it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { updateCustomer } from '../ledger/index.ts';
import { lookSinceLast, startMatching, type Look } from './match-start.ts';
import { forgetSnapshots, heldSnapshot } from './snapshot.ts';
import { normaliseName } from './match/names.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { forgetSnapshots(); await db.close(); });

const still = (l: Look) => l.tablesCurrent && l.moved !== null && !l.moved.invoices && !l.moved.customers && !l.moved.payers;

/**
 * Starts runs until one finds nothing moved (true), or gives up (false): on a shared PostgreSQL another session's
 * transaction running when the last run began holds back what the next may take as seen, until it ends.
 */
async function settled(org: string): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    if (still((await startMatching(db, org)).look)) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return false;
}

/** An org with a customer and an invoice whose last run found nothing moved. */
async function quietOrg(): Promise<{ org: string; customer: string }> {
  const org = await testOrg(db);
  const c = await aCustomer(db, org, { name: 'Kittiwake Supplies' });
  await anInvoice(db, org, { customer_id: c.id, number: 'KS-1', currency: 'EUR' });
  await startMatching(db, org);
  assert.ok(await settled(org), 'a run finds nothing moved once nothing was written');
  return { org, customer: c.id };
}

describe('the start of a matching run', () => {
  it('reads nothing but the look when nothing moved, and keeps the copy as it was', async () => {
    const { org } = await quietOrg();
    const before = heldSnapshot(org);
    const { sync, snap, look } = await startMatching(db, org);
    assert.ok(still(look));
    assert.deepEqual(sync, { invoices: { indexed: 1, mode: 'unchanged', read: 0 }, customers: { indexed: 1, mode: 'unchanged', read: 0 } });
    assert.equal(snap, before);
    assert.deepEqual(snap!.caughtUp, { invoices: 0, customers: 0 });
  });

  it('finds a new invoice: the lookup tables index it and the copy holds it', async () => {
    const { org, customer } = await quietOrg();
    const inv = await anInvoice(db, org, { customer_id: customer, number: 'KS-2', currency: 'EUR' });
    const { sync, snap, look } = await startMatching(db, org);
    assert.equal(look.tablesCurrent, false);
    // the new invoice read, and KS-1 again only when a transaction elsewhere on the server (on PostgreSQL another test's,
    // in another schema) was running when the last sync began: the overlap then reaches back to it (a safe re-read)
    assert.deepEqual({ ...sync.invoices, read: Math.min(sync.invoices.read, 1) }, { indexed: 2, mode: 'incremental', read: 1 });
    assert.ok(sync.invoices.read <= 2, `read ${sync.invoices.read}: only this org's two invoices`);
    assert.ok(snap!.invoices.has(inv.id));
  });

  it('finds a paid invoice (the tables unchanged): the copy reads it again', async () => {
    const { org } = await quietOrg();
    await db.query(`UPDATE invoices SET balance = 400, updated_at = now() WHERE org_id = $1`, [org]);
    const { look, snap } = await startMatching(db, org);
    assert.equal(look.tablesCurrent, true);
    assert.deepEqual(look.moved, { invoices: true, customers: false, payers: false });
    assert.deepEqual([...snap!.invoices.values()].map((i) => i.balance), [400]);
  });

  it('finds a renamed customer: the lookup tables and the copy file it under its new name', async () => {
    const { org, customer } = await quietOrg();
    assert.ok((await updateCustomer(db, org, 'test', customer, { name: 'Kittiwake Marine' })).ok);
    const { sync, snap, look } = await startMatching(db, org);
    assert.equal(look.tablesCurrent, false);
    assert.equal(look.moved?.customers, true);
    assert.deepEqual(sync.customers, { indexed: 1, mode: 'incremental', read: 1 });
    assert.equal(snap!.customers.get(customer)?.key, normaliseName('Kittiwake Marine'));
  });

  it('finds a row committed late (its transaction running when the last run began, its time of change before that run)', async () => {
    const { org, customer } = await quietOrg();
    const { xid } = await db.transaction(async (tx) => {
      await tx.query(`UPDATE customers SET name = 'Kittiwake Late', updated_at = now() - interval '5 minutes' WHERE org_id = $1 AND id = $2`, [org, customer]);
      const [r] = await tx.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      return { xid: r!.xid };
    });
    // what the last run kept had this transaction still running: the oldest running when it began
    await db.query(`UPDATE match_index_state SET read_after_xid = $2 WHERE org_id = $1`, [org, xid]);
    heldSnapshot(org)!.readAfterXid = String(BigInt(xid) % 4_294_967_296n);
    const { sync, snap, look } = await startMatching(db, org);
    assert.equal(look.tablesCurrent, false);
    assert.equal(look.moved?.customers, true);
    assert.equal(sync.customers.read, 1);
    assert.equal(snap!.customers.get(customer)?.name, 'Kittiwake Late');
  });

  it('finds a row committed later than the overlap by its count: the tables are rebuilt and the copy read whole', async () => {
    const { org } = await quietOrg();
    const before = heldSnapshot(org);
    const c = await aCustomer(db, org, { name: 'Fulmar Old Commit' });
    await db.query(`UPDATE customers SET updated_at = '2020-01-01T00:00:00Z' WHERE org_id = $1 AND id = $2`, [org, c.id]);
    const { sync, snap, look } = await startMatching(db, org);
    assert.equal(look.tablesCurrent, false);
    assert.equal(sync.customers.mode, 'rebuilt');
    assert.notEqual(snap, before);
    assert.equal(snap!.customers.get(c.id)?.name, 'Fulmar Old Commit');
  });

  it('reads the copy whole again when another process rebuilt the tables (a generation raised)', async () => {
    const { org } = await quietOrg();
    const before = heldSnapshot(org);
    await db.query(`UPDATE match_index_state SET generation = generation + 1 WHERE org_id = $1 AND source = 'customers'`, [org]);
    const { snap, look } = await startMatching(db, org);
    assert.equal(look.tablesCurrent, true);
    assert.notEqual(snap, before);
  });

  it('finds a learned payer added, taught again or forgotten: the copy reads the payers again', async () => {
    const { org, customer } = await quietOrg();
    const names = async () => [...(await startMatching(db, org)).snap!.aliases.values()].flat().map((a) => [a.value, a.matches]);
    await db.query(`INSERT INTO payer_aliases (org_id, kind, value, customer_id, matches) VALUES ($1, 'name', 'kittiwake', $2, 1)`, [org, customer]);
    assert.deepEqual(await names(), [['kittiwake', 1]]);
    assert.ok(await settled(org));
    // as many rows as read before: the row written since tells
    await db.query(`UPDATE payer_aliases SET matches = 3 WHERE org_id = $1`, [org]);
    assert.deepEqual(await names(), [['kittiwake', 3]]);
    assert.ok(await settled(org));
    // no row written since: fewer rows tell
    await db.query(`DELETE FROM payer_aliases WHERE org_id = $1`, [org]);
    assert.deepEqual(await names(), []);
  });

  it('reads the payers again once the org has a blind-index key the copy did not have', async () => {
    const { org } = await quietOrg();
    const marks = heldSnapshot(org)!.marks();
    assert.deepEqual((await lookSinceLast(db, org, marks)).moved, { invoices: false, customers: false, payers: false });
    assert.equal((await lookSinceLast(db, org, { ...marks, keyed: true })).moved?.payers, true);
  });

  it('does not take a transaction id out of reach as seen', async () => {
    const { org } = await quietOrg();
    const marks = heldSnapshot(org)!.marks();
    const far = String((BigInt(marks.afterXid!) + (1n << 31n)) % 4_294_967_296n);
    assert.deepEqual((await lookSinceLast(db, org, { ...marks, afterXid: far, payersAfterXid: far })).moved,
      { invoices: true, customers: true, payers: true });
  });
});
