// The reference keys kept in memory: every key the lookup table holds passes the filter, invoices added later pass once
// synced, a rebuild of the table is noticed, and a batch's lookups give the proposals they gave without the filter.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { BloomFilter } from './match/bloom.ts';
import { forgetKeyFilters, referenceKeyFilter } from './key-filter.ts';
import { syncMatchTables } from './match-tables.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

const storedKeys = async (org: string) => (await db.query<{ key: string }>(
  `SELECT key FROM invoice_match_keys WHERE org_id = $1 AND key NOT LIKE 'n:%'`, [org])).map((r) => r.key);

describe('a Bloom filter', () => {
  it('keeps every string added and turns away nearly all others', () => {
    const f = new BloomFilter(20_000);
    for (let i = 0; i < 20_000; i++) f.add(`d:${i * 7}`);
    for (let i = 0; i < 20_000; i++) assert.ok(f.has(`d:${i * 7}`), `d:${i * 7}`);
    let wrong = 0;
    for (let i = 0; i < 20_000; i++) if (f.has(`a:X${i}`)) wrong += 1;
    assert.ok(wrong < 20_000 * 0.02, `${wrong} false positives of 20,000`);
  });
});

describe('the filter of reference keys', () => {
  it('is there only once the lookup table was built', async () => {
    const org = await testOrg(db);
    assert.equal(await referenceKeyFilter(db, org), null);
    await syncMatchTables(db, org);
    assert.ok(await referenceKeyFilter(db, org));
  });

  it('passes every stored key, and the keys of invoices synced after it was read', async () => {
    forgetKeyFilters();
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Borealis Trading S.L.' });
    await anInvoice(db, org, { customer_id: c.id, number: 'INV-2026-0042', currency: 'EUR' });
    await syncMatchTables(db, org);
    const first = await referenceKeyFilter(db, org);
    assert.ok(first);
    assert.ok(first.has('a:INV20260042') && first.has('d:20260042'));
    assert.equal(first.has('d:7731'), false, 'a key of no invoice');
    await anInvoice(db, org, { customer_id: c.id, number: 'F 0007731', currency: 'EUR' });
    await syncMatchTables(db, org);
    const later = await referenceKeyFilter(db, org);
    assert.equal(later, first, 'caught up in place, not read again');
    assert.ok(later);
    for (const k of await storedKeys(org)) assert.ok(later.has(k), k);
  });

  it('is read again when the table was rebuilt', async () => {
    forgetKeyFilters();
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Late Commit GmbH' });
    await anInvoice(db, org, { customer_id: c.id, number: 'LC-1001', currency: 'EUR' });
    await syncMatchTables(db, org);
    const first = await referenceKeyFilter(db, org);
    // written by a transaction that began long before the last sync: only the rebuild finds it
    await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date, created_at, updated_at)
      VALUES ($3, $1, $2, 'LC-77002', 'EUR', 500, 500, '2026-01-01', '2026-02-01', '2000-01-01', '2000-01-01')`, [org, c.id, `inv_late_${org}`]);
    assert.equal((await syncMatchTables(db, org)).invoices.mode, 'rebuilt');
    const again = await referenceKeyFilter(db, org);
    assert.notEqual(again, first);
    assert.ok(again?.has('d:77002') && again.has('a:LC77002'));
  });
});
