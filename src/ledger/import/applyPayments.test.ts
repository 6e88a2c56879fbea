import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { testDb, testOrg } from '../../../test/support/db.ts';
import type { Db } from '../../db/index.ts';
import { importCsv } from './index.ts';
import { recordPayment } from '../payments.ts';
import { cancelInvoice } from '../invoices.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

const csv = (text: string) => Readable.from([Buffer.from(text)]);

const INVOICES = `customer_external_id,number,currency,amount,issue_date,due_date
C1,A1,USD,100.00,2026-01-01,2026-01-10
C1,A2,USD,50.00,2026-01-01,2026-01-05
C1,A3,USD,30.00,2026-01-15,2026-02-01
C1,A4,EUR,20.00,2026-01-01,2026-01-05
C2,B1,USD,80.00,2026-01-01,2026-01-20
C2,B2,USD,40.00,2026-01-01,2026-01-20
`;

// oldest due first, the same content twice, an explicit invoice partly and fully paid before, credit, another currency
const PAYMENTS: [string, number, string, string, string, string][] = [
  ['C1', 7000, 'USD', '2026-03-01', 'r1', ''],
  ['C1', 7000, 'USD', '2026-03-01', 'r1', ''],
  ['C1', 4000, 'USD', '2026-03-02', 'r2', 'A1'],
  ['C1', 500, 'EUR', '2026-03-02', 'r3', ''],
  ['C2', 10000, 'USD', '2026-03-03', 'r4', ''],
  ['C1', 50000, 'USD', '2026-03-04', 'r5', ''],
  ['C1', 100, 'USD', '2026-03-05', 'r6', 'A2'],
];
const paymentsCsv = () => csv('customer_external_id,amount,currency,date,reference,invoice_number\n'
  + PAYMENTS.map(([c, a, cur, d, ref, inv]) => `${c},${(a / 100).toFixed(2)},${cur},${d},${ref},${inv}`).join('\n') + '\n');

async function seeded(name: string): Promise<string> {
  const org = await testOrg(db, name);
  const r = await importCsv(db, org, 'invoices', csv(INVOICES));
  assert.equal(r.status, 'completed', JSON.stringify(r.errors));
  return org;
}

/** Everything the payments left behind, with ids replaced by invoice numbers and references. */
async function state(org: string) {
  const invoices = await db.query('SELECT number, balance::int, status FROM invoices WHERE org_id = $1 ORDER BY number', [org]);
  const payments = (await db.query<{ line: string }>(
    `SELECT concat_ws('|', p.reference, p.amount, p.currency, p.date::text, p.source, p.unapplied,
       (SELECT string_agg(i.number || ':' || a.amount, ',' ORDER BY i.number) FROM allocations a JOIN invoices i ON i.id = a.invoice_id
        WHERE a.payment_id = p.id AND a.reversed_at IS NULL)) AS line
     FROM payments p WHERE p.org_id = $1`, [org])).map((r) => r.line).sort();
  const audit = (await db.query<{ d: string }>(
    `SELECT concat_ws('|', l.data->>'amount', l.data->>'currency', (SELECT string_agg(i.number || ':' || (x->>'amount'), ',' ORDER BY i.number)
       FROM jsonb_array_elements(l.data->'allocations') x JOIN invoices i ON i.id = x->>'invoice_id')) AS d
     FROM audit_log l WHERE l.org_id = $1 AND l.action = 'payment.recorded'`, [org])).map((r) => r.d).sort();
  const events = (await db.query<{ d: string }>(
    `SELECT concat_ws('|', e.type, e.data->>'amount', e.data->>'unapplied', e.data->>'source', e.data->>'number',
       jsonb_array_length(COALESCE(e.data->'allocations', '[]'))) AS d FROM events e WHERE e.org_id = $1`, [org])).map((r) => r.d).sort();
  return { invoices, payments, audit, events };
}

describe('importing payments a chunk at a time', () => {
  it('leaves the same balances, payments, allocations, audit entries and events as recording them one by one', async () => {
    const imported = await seeded('import');
    const r = await importCsv(db, imported, 'payments', paymentsCsv());
    assert.equal(r.status, 'completed', JSON.stringify(r.errors));
    assert.equal(r.inserted, PAYMENTS.length);

    const byHand = await seeded('by hand');
    for (const [c, amount, currency, date, reference, number] of PAYMENTS) {
      const [cust] = await db.query<{ id: string }>('SELECT id FROM customers WHERE org_id = $1 AND external_id = $2', [byHand, c]);
      let allocations: { invoice_id: string; amount: number }[] | undefined;
      if (number) {
        const [inv] = await db.query<{ id: string; balance: number }>('SELECT id, balance FROM invoices WHERE org_id = $1 AND number = $2', [byHand, number]);
        allocations = inv!.balance > 0 ? [{ invoice_id: inv!.id, amount: Math.min(inv!.balance, amount) }] : [];
      }
      const p = await recordPayment(db, byHand, 'test', { customer_id: cust!.id, amount, currency, date, reference, source: 'import',
        ...(allocations ? { allocations } : {}) });
      assert.ok(p.ok);
    }
    const [a, b] = [await state(imported), await state(byHand)];
    assert.deepEqual(a, b);
    // the expected figures themselves, so that both paths going wrong the same way shows
    assert.deepEqual(a.invoices, [
      { number: 'A1', balance: 0, status: 'paid' }, { number: 'A2', balance: 0, status: 'paid' },
      { number: 'A3', balance: 0, status: 'paid' }, { number: 'A4', balance: 1500, status: 'partially_paid' },
      { number: 'B1', balance: 0, status: 'paid' }, { number: 'B2', balance: 2000, status: 'partially_paid' }]);
    assert.ok(a.payments.includes('r5|50000|USD|2026-03-04|import|47000|A3:3000'), a.payments.join('\n'));
    assert.equal(a.events.filter((e) => e.startsWith('invoice.paid')).length, 4);

    const again = await importCsv(db, imported, 'payments', paymentsCsv());
    assert.deepEqual([again.status, again.inserted, again.unchanged], ['completed', 0, PAYMENTS.length]);
    assert.deepEqual(await state(imported), a);
  });

  it('rejects the file, naming each bad row, and writes nothing', async () => {
    const org = await seeded('rejected');
    const [b2] = await db.query<{ id: string }>('SELECT id FROM invoices WHERE org_id = $1 AND number = $2', [org, 'B2']);
    assert.ok((await cancelInvoice(db, org, 'test', b2!.id)).ok);
    const r = await importCsv(db, org, 'payments', csv(`customer_external_id,amount,currency,date,invoice_number
C1,10.00,USD,2026-03-01,
C2,10.00,USD,2026-03-01,B2
C1,10.00,USD,2026-03-01,NOPE
C1,10.00,USD,2026-03-01,B1
C1,10.00,USD,2026-03-01,A4
`));
    assert.equal(r.status, 'rejected');
    assert.deepEqual(r.errors.map((e) => [e.line, e.column, e.reason]), [
      [3, 'allocations[0].invoice_id', 'invoice B2 is cancelled'],
      [4, 'invoice_number', 'no invoice "NOPE"'],
      [5, 'invoice_number', 'invoice "B1" belongs to another customer'],
      [6, 'currency', 'invoice "A4" is in EUR'],
    ]);
    const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM payments WHERE org_id = $1', [org]);
    assert.equal(n!.n, 0);
  });
});
