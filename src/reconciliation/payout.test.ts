// a bank line that is a gateway's payout (card payments already recorded through the gateway's webhooks, settled as
// one transfer) is settled as a payout: it credits no invoice, never waits in the review queue, and a file imported twice
// adds nothing. A gateway's name without payout evidence, or a gateway the org does not use, is matched as before; a
// person can undo a wrong payout and the line is then matched as before.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice, aPayment } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { getInvoice, listPayments } from '../ledger/index.ts';
import { acceptProposal, assignLine, changeProposal, importStatement, listPayoutLines, loadLine, markPayout, rejectProposal, reviewQueue,
  rerunMatching, undoPayout } from './index.ts';
import { queueProposal } from './apply.ts';
import { mt940, type Mt940Entry } from './testing/mt940-builder.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });
const now = () => new Date('2026-03-15T12:00:00Z');

/** An org that took one card payment through Stripe for F-2001, with F-2002 of the same amount still open. */
async function stripeOrg() {
  const org = await testOrg(db);
  const customer = await aCustomer(db, org, { name: 'Acme Industrial GmbH' });
  const paid = await anInvoice(db, org, { customer_id: customer.id, currency: 'EUR', number: 'F-2001', amount: 10_000 });
  const open = await anInvoice(db, org, { customer_id: customer.id, currency: 'EUR', number: 'F-2002', amount: 10_000 });
  await aPayment(db, org, { customer_id: customer.id, amount: 10_000, currency: 'EUR', date: '2026-03-02', source: 'stripe', external_id: 'stripe:pi_1',
    allocations: [{ invoice_id: paid.id, amount: 10_000 }] });
  return { org, customer, paid, open };
}

const importLines = async (org: string, entries: Mt940Entry[], id = 'S1') => {
  const r = await importStatement(db, org, Buffer.from(mt940(entries, { id })), { filename: `${id}.sta`, actor: 'test', now });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const statesOf = async (org: string) => (await db.query<{ amount: string; match_state: string; counterparty_name: string }>(
  'SELECT amount, match_state, counterparty_name FROM statement_lines WHERE org_id = $1 ORDER BY position', [org]))
  .map((l) => [l.counterparty_name, l.match_state]);
const statusOf = async (org: string, id: string) => { const r = await getInvoice(db, org, id); assert.ok(r.ok); return r.value.status; };
const lineIds = async (org: string) => (await db.query<{ id: string }>('SELECT id FROM statement_lines WHERE org_id = $1 ORDER BY position', [org])).map((r) => r.id);

const PAYOUT: Mt940Entry = { date: '260304', mark: 'C', amount: '100,00', name: 'STRIPE PAYMENTS EUROPE LTD', text: 'STRIPE PAYOUT po_1OaBcD F-2001' };

describe('a gateway payout on the bank statement', () => {
  it('R-6: is settled as Stripe\'s payout, credits no invoice, is not in the review queue, and twice adds nothing', async () => {
    const { org, customer, paid, open } = await stripeOrg();
    const first = await importLines(org, [PAYOUT]);
    assert.deepEqual([first.reconciliation.payout, first.reconciliation.matched, first.reconciliation.review, first.reconciliation.unmatched], [1, 0, 0, 0]);
    const [id] = await lineIds(org);
    assert.equal((await loadLine(db, org, id!))!.match_state, 'payout');
    assert.equal((await reviewQueue(db, org, {})).data.length, 0, 'nothing waits for a person');
    assert.equal((await db.query('SELECT 1 FROM match_proposals WHERE org_id = $1', [org])).length, 0, 'nothing proposed against an invoice');
    const listed = (await listPayoutLines(db, org, {})).data;
    assert.deepEqual(listed.map((l) => [l.id, l.amount, l.payout.gateway, l.payout.payout_id, l.payout.decided_by]), [[id, 10_000, 'stripe', 'po_1OaBcD', null]]);
    assert.ok(listed[0]!.payout.reasons.some((r) => /Stripe/.test(r)));
    const again = await importLines(org, [PAYOUT]);
    assert.deepEqual([again.new_lines, again.duplicates, again.reconciliation.payout], [0, 1, 0]);
    // a person cannot apply it to the open invoice of the same amount either
    const assigned = await assignLine(db, org, 'test', id!, { allocations: [{ invoice_id: open.id, amount: 10_000 }] }, now);
    assert.ok(!assigned.ok && assigned.error.code === 'INVALID_STATE');
    const payments = (await listPayments(db, org, { customer_id: customer.id })).data;
    assert.deepEqual(payments.map((p) => [p.source, p.amount]), [['stripe', 10_000]], 'one payment: the gateway\'s');
    assert.deepEqual([await statusOf(org, paid.id), await statusOf(org, open.id)], ['paid', 'open']);
  });

  it('a customer\'s transfer of the same amount, "Stripe Bakery" and a refund from Stripe are matched as before', async () => {
    const { org, customer, open } = await stripeOrg();
    const bakery = await aCustomer(db, org, { name: 'Stripe Bakery Ltd' });
    const bread = await anInvoice(db, org, { customer_id: bakery.id, currency: 'EUR', number: 'SB-77', amount: 4_200 });
    const r = await importLines(org, [
      { date: '260305', mark: 'C', amount: '100,00', name: 'ACME INDUSTRIAL GMBH', text: 'F-2002' },
      { date: '260305', mark: 'C', amount: '42,00', name: 'STRIPE BAKERY LTD', text: 'SB-77 bank transfer' },
      { date: '260306', mark: 'C', amount: '7,50', name: 'STRIPE PAYMENTS EUROPE LTD', text: 'STRIPE REFUND OF FEES' },
    ]);
    assert.equal(r.reconciliation.payout, 0);
    assert.deepEqual(await statesOf(org), [['ACME INDUSTRIAL GMBH', 'matched'], ['STRIPE BAKERY LTD', 'matched'], ['STRIPE PAYMENTS EUROPE LTD', 'unmatched']]);
    assert.deepEqual([await statusOf(org, open.id), await statusOf(org, bread.id)], ['paid', 'paid']);
    assert.equal((await listPayments(db, org, { customer_id: customer.id })).data.length, 2);
  });

  it('a gateway the org does not use is not taken for a payout; once it records a payment through it, it is', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Pampa Foods' });
    await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', number: 'PF-1', amount: 5_000 });
    await importLines(org, [{ date: '260305', mark: 'C', amount: '50,00', name: 'PAYPAL EUROPE S.A R.L. ET CIE', text: 'PAYPAL TRANSFER PF-1' }]);
    assert.notEqual((await statesOf(org))[0]![1], 'payout');
    const org2 = await testOrg(db);
    const c2 = await aCustomer(db, org2, { name: 'Pampa Foods' });
    await anInvoice(db, org2, { customer_id: c2.id, currency: 'EUR', number: 'PF-1', amount: 5_000 });
    await aPayment(db, org2, { customer_id: c2.id, amount: 1_000, currency: 'EUR', date: '2026-03-01', source: 'paypal' });
    const r = await importLines(org2, [{ date: '260305', mark: 'C', amount: '50,00', name: 'PAYPAL EUROPE S.A R.L. ET CIE', text: 'PAYPAL TRANSFER PF-1' }]);
    assert.equal(r.reconciliation.payout, 1);
    assert.deepEqual((await listPayoutLines(db, org2, {})).data.map((l) => [l.payout.gateway, l.payout.payout_id]), [['paypal', null]]);
  });

  it('undone, the line is matched as before and not taken for a payout again; marked by hand, it leaves the queue', async () => {
    const { org, open } = await stripeOrg();
    await importLines(org, [PAYOUT]);
    const [id] = await lineIds(org);
    const undone = await undoPayout(db, org, 'ana', id!, 'our own transfer from the Stripe balance, for F-2002', now);
    assert.ok(undone.ok, undone.ok ? '' : undone.error.message);
    assert.equal(undone.value.reconciliation.payout, 0);
    assert.deepEqual([undone.value.line.match_state, undone.value.reconciliation.review], ['review', 1], 'proposed against an invoice, as before');
    assert.equal((await listPayoutLines(db, org, {})).data.length, 0);
    const rerun = await rerunMatching(db, org, { actor: 'test', now });
    assert.ok(rerun.ok);
    assert.equal(rerun.value.payout, 0, 'the undo is kept');
    const again = await undoPayout(db, org, 'ana', id!, null, now);
    assert.ok(!again.ok && again.error.code === 'INVALID_STATE');
    // the line now goes through the queue; a person may apply it to F-2002
    const waiting = (await reviewQueue(db, org, {})).data;
    assert.deepEqual(waiting.map((l) => l.id), [id]);
    const marked = await markPayout(db, org, 'ana', id!, { gateway: 'stripe', payout_id: 'po_1OaBcD' }, now);
    assert.ok(marked.ok);
    assert.equal((await reviewQueue(db, org, {})).data.length, 0);
    const accepted = await acceptProposal(db, org, 'ana', waiting[0]!.proposal!.id, now);
    assert.ok(!accepted.ok, 'a superseded proposal of a payout line is not applied');
    assert.deepEqual((await listPayoutLines(db, org, {})).data.map((l) => [l.payout.gateway, l.payout.decided_by]), [['stripe', 'ana']]);
    assert.equal(await statusOf(org, open.id), 'open');
  });

  it('payout lines waiting from before are settled on the next run: their proposals can no longer be accepted or changed', async () => {
    const { org, customer, open } = await stripeOrg();
    await importLines(org, [PAYOUT, { ...PAYOUT, date: '260305', text: 'STRIPE PAYOUT po_2XyZ' }]);
    const ids = await lineIds(org);
    // as they stood before payouts were recognised: each waiting with a proposal against the open invoice, one rejected
    await db.query(`DELETE FROM statement_line_payouts WHERE org_id = $1`, [org]);
    await db.query(`UPDATE statement_lines SET match_state = 'unmatched' WHERE org_id = $1`, [org]);
    const proposals = [];
    for (const id of ids) {
      proposals.push(await queueProposal(db, org, (await loadLine(db, org, id))!, { customerId: customer.id, currency: 'EUR', fee: 0, credit: 0,
        confidence: 0.6, reasons: ['the amount'], allocations: [{ invoiceId: open.id, amount: 10_000, fee: 0 }] }));
    }
    assert.ok((await rejectProposal(db, org, 'ana', proposals[1]!)).ok);
    assert.equal((await reviewQueue(db, org, {})).data.length, 2);
    const dry = await rerunMatching(db, org, { actor: 'test', now, dryRun: true });
    assert.ok(dry.ok);
    assert.deepEqual([dry.value.payout, dry.value.matched, dry.value.review, dry.value.unmatched], [2, 0, 0, 0], 'a dry run counts them as payouts');
    assert.equal((await reviewQueue(db, org, {})).data.length, 2, 'and writes nothing');
    const rerun = await rerunMatching(db, org, { actor: 'test', now });
    assert.ok(rerun.ok);
    assert.deepEqual([rerun.value.payout, rerun.value.matched, rerun.value.review], [2, 0, 0]);
    assert.equal((await reviewQueue(db, org, {})).data.length, 0);
    const accepted = await acceptProposal(db, org, 'ana', proposals[0]!, now);
    assert.ok(!accepted.ok && accepted.error.code === 'INVALID_STATE');
    const changed = await changeProposal(db, org, 'ana', proposals[1]!, { allocations: [{ invoice_id: open.id, amount: 10_000 }] }, now);
    assert.ok(!changed.ok && changed.error.code === 'INVALID_STATE', changed.ok ? 'applied' : changed.error.message);
    assert.equal(await statusOf(org, open.id), 'open');
  });
});
