// End to end (PGlite and PostgreSQL): the reference the portal shows for a SEPA transfer, quoted on a bank statement line,
// pays the invoices it names when the statement is imported, without review.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import type { Db } from '../src/db/index.ts';
import { getInvoice } from '../src/ledger/index.ts';
import { importStatement } from '../src/reconciliation/index.ts';
import { portalAccount } from '../src/portal/index.ts';
import { setTransferSettings } from '../src/payments/transfer/index.ts';

const NOW = new Date('2026-03-15T12:00:00Z');
let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

describe('a transfer quoting the portal\'s reference', () => {
  it('is matched on the imported statement and pays both invoices', async () => {
    assert.ok((await setTransferSettings(db, org, 'test', { accounts: [{ kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo GmbH',
      iban: 'DE89370400440532013000' }] }, NOW)).ok);
    const c = await aCustomer(db, org, { name: 'Kaufhaus Süd GmbH' });
    const other = await aCustomer(db, org, { name: 'Nordlicht AG' });
    const a = await anInvoice(db, org, { customer_id: c.id, number: 'RE-2026-0417', amount: 120_000, currency: 'EUR', due_date: '2026-02-20' });
    const b = await anInvoice(db, org, { customer_id: c.id, number: 'RE-2026-0452', amount: 35_050, currency: 'EUR', due_date: '2026-03-05' });
    await anInvoice(db, org, { customer_id: other.id, number: 'RE-2026-0453', amount: 35_050, currency: 'EUR', due_date: '2026-03-05' });
    const account = await portalAccount(db, { orgId: org, customerId: c.id, linkId: '' }, NOW);
    assert.ok(account.ok);
    const reference = account.value.bank_transfer?.[0]?.accounts[0]?.reference;
    assert.equal(reference, 'RE-2026-0417 RE-2026-0452');
    const csv = 'Booking Date,Value Date,Partner Name,Partner Iban,Type,Payment Reference,Amount (EUR)\n'
      + `2026-03-14,2026-03-14,KAUFHAUS SUED,DE02120300000000202051,Credit Transfer,${reference!.toUpperCase()},1550.50\n`;
    const r = await importStatement(db, org, Buffer.from(csv), { filename: 'n26.csv', csv: 'n26', now: () => NOW });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.reconciliation.matched, 1);
    for (const id of [a.id, b.id]) {
      const inv = await getInvoice(db, org, id);
      assert.ok(inv.ok);
      assert.deepEqual([inv.value.status, inv.value.balance], ['paid', 0]);
    }
  });
});
