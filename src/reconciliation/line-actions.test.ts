// The review screen's queue and a person's decisions on a line: split it across invoices they chose, apply a line the
// matcher found nothing for, mark a line as not ours, and search open invoices.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { getInvoice } from '../ledger/index.ts';
import { assignLine, dismissLine, importStatement, reviewQueue, searchOpenInvoices } from './index.ts';
import { mt940, type Mt940Entry } from './testing/mt940-builder.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });
const now = () => new Date('2026-03-15T12:00:00Z');

async function importEntries(org: string, entries: Mt940Entry[]) {
  const r = await importStatement(db, org, Buffer.from(mt940(entries)), { filename: 'march.sta', actor: 'test', now });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}
const balance = async (org: string, id: string) => { const r = await getInvoice(db, org, id); assert.ok(r.ok); return r.value.balance; };

describe('the review queue', () => {
  it('lists waiting credits with the invoices of their proposal, and takes out what a person decided', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Ribera Cafés' });
    const a = await anInvoice(db, org, { customer_id: c.id, number: 'RC-1', currency: 'EUR', amount: 9_900 });
    const b = await anInvoice(db, org, { customer_id: c.id, number: 'RC-2', currency: 'EUR', amount: 5_000 });
    await importEntries(org, [{ date: '260305', mark: 'C', amount: '99,00', text: 'hello' },
      { date: '260306', mark: 'C', amount: '120,00', text: 'two things' }, { date: '260307', mark: 'C', amount: '7,00', text: 'refund from the tax office' }]);
    const queue = await reviewQueue(db, org, {});
    assert.deepEqual(queue.data.map((l) => [l.amount, l.match_state, l.invoices.map((i) => i.number)]),
      [[9_900, 'review', ['RC-1']], [12_000, 'unmatched', []], [700, 'unmatched', []]]);
    assert.equal(queue.data[0]!.customer_name, 'Ribera Cafés');
    assert.equal(queue.data[0]!.statement_filename, 'march.sta');
    assert.ok(queue.data[0]!.proposal!.reasons.length > 0);
    assert.deepEqual((await reviewQueue(db, org, { state: 'review' })).data.length, 1);

    const [, split, refund] = queue.data;
    const tooMuch = await assignLine(db, org, 'user:ana', split!.id, { allocations: [{ invoice_id: 'RC-1', amount: 9_900 }, { invoice_id: 'RC-2', amount: 5_000 }] }, now);
    assert.deepEqual(tooMuch.ok ? null : [tooMuch.error.code, tooMuch.error.field], ['VALIDATION_FAILED', 'allocations']);
    assert.equal((await reviewQueue(db, org, {})).data[1]!.match_state, 'unmatched', 'a refused choice leaves the line as it was');
    const done = await assignLine(db, org, 'user:ana', split!.id, { allocations: [{ invoice_id: 'RC-1', amount: 7_000 }, { invoice_id: b.id, amount: 5_000 }] }, now);
    assert.ok(done.ok, done.ok ? '' : done.error.message);
    assert.deepEqual([done.value.status, done.value.credit, await balance(org, a.id), await balance(org, b.id)], ['applied', 0, 2_900, 0]);

    const dismissed = await dismissLine(db, org, 'user:ana', refund!.id, 'tax refund');
    assert.deepEqual(dismissed.ok && dismissed.value.match_state, 'not_receivable');
    const twice = await dismissLine(db, org, 'user:ana', refund!.id, null);
    assert.equal(twice.ok ? '' : twice.error.code, 'INVALID_STATE');
    assert.deepEqual((await reviewQueue(db, org, {})).data.map((l) => l.amount), [9_900]);
    const [audit] = await db.query<{ data: { note: string } }>(`SELECT data FROM audit_log WHERE org_id = $1 AND action = 'statement_line.not_ours'`, [org]);
    assert.equal(audit?.data.note, 'tax refund');
  });

  it('finds open invoices by number or customer name, in the line\'s currency, largest balance first', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Nova Textiles' });
    await anInvoice(db, org, { customer_id: c.id, number: 'NT-100', currency: 'EUR', amount: 1_000 });
    await anInvoice(db, org, { customer_id: c.id, number: 'NT-200', currency: 'EUR', amount: 3_000 });
    await anInvoice(db, org, { customer_id: c.id, number: 'NT-300', currency: 'USD', amount: 2_000 });
    assert.deepEqual((await searchOpenInvoices(db, org, { q: 'nova', currency: 'EUR' })).map((i) => i.number), ['NT-200', 'NT-100']);
    assert.deepEqual((await searchOpenInvoices(db, org, { q: 'nt-3' })).map((i) => [i.number, i.customer_name]), [['NT-300', 'Nova Textiles']]);
    assert.deepEqual(await searchOpenInvoices(db, org, { q: '100%' }), []);
  });
});
