// The lookup tables' sync beside a transaction on PostgreSQL: a customer's new name and an invoice written by a transaction
// still open while a sync runs, and committed after it, are read by the next sync (it reads again only rows written since the
// oldest transaction running when the last sync began: that one).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { syncMatchTables } from '../src/reconciliation/match-tables.ts';
import { normaliseName } from '../src/reconciliation/match/names.ts';
import { storedInvoiceKeys } from '../src/reconciliation/match/text.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';

if (!loadConfig().databaseUrl) throw new Error('test/pg-match-tables-late.test.ts runs on PostgreSQL: set DATABASE_URL');
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

describe('the sync of the lookup tables beside an open transaction', () => {
  it('reads at the next sync what a transaction open across a sync committed after it', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Heron Shipping' });
    await syncMatchTables(db, org);
    let commit!: () => void;
    const committing = new Promise<void>((r) => { commit = r; });
    let wrote!: () => void;
    const written = new Promise<void>((r) => { wrote = r; });
    const open = db.transaction(async (tx) => {
      await tx.query(`UPDATE customers SET name = 'Heron Late Shipping', updated_at = now() WHERE org_id = $1 AND id = $2`, [org, c.id]);
      const invoice = await anInvoice(tx, org, { customer_id: c.id, number: 'HS-77', currency: 'EUR' });
      wrote();
      await committing;
      return invoice;
    });
    await written;
    // on another connection, while the transaction is open: it sees neither row
    const during = await syncMatchTables(db, org).finally(commit);
    const invoice = await open;
    assert.equal(during.invoices.indexed, 0);
    const next = await syncMatchTables(db, org);
    // read as changed rows, not repaired by a rebuild (a count that differs), which a new name would not even set off
    assert.deepEqual([next.customers.mode, next.invoices.mode, next.invoices.indexed], ['incremental', 'incremental', 1]);
    const [names] = await db.query<{ name_key: string }>('SELECT name_key FROM customer_match_names WHERE org_id = $1 AND customer_id = $2', [org, c.id]);
    assert.equal(names?.name_key, normaliseName('Heron Late Shipping'));
    const keys = await db.query<{ key: string }>('SELECT key FROM invoice_match_keys WHERE org_id = $1 AND invoice_id = $2 ORDER BY key', [org, invoice.id]);
    assert.deepEqual(keys.map((k) => k.key), [...storedInvoiceKeys('HS-77')].sort());
  });
});
