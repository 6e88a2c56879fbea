import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PaymentFacts } from './gateways/index.ts';
import { allocateToInvoices, keptOf, keptReason, mergeFacts, type HeldState } from './webhooks-decide.ts';

const paid: HeldState = { captured: 10_000, refunded: 0, disputes: {} };
const facts = (over: Partial<PaymentFacts>): PaymentFacts => ({ provider: 'stripe', paymentRef: 'pi_1', ...over });

describe('what is kept of a gateway payment', () => {
  it('keeps the captured amount less refunds, whatever order refund events come in', () => {
    const two = mergeFacts(mergeFacts(paid, facts({ refunded: 5_000 })), facts({ refunded: 2_000 }));
    assert.equal(two.refunded, 5_000, 'an older, smaller running total does not lower it');
    assert.equal(keptOf(two), 5_000);
  });

  it('holds back a chargeback while open or lost, and gives it back when won, even if the open event comes late', () => {
    const open = mergeFacts(paid, facts({ dispute: { id: 'dp_1', amount: 10_000, status: 'open' } }));
    assert.equal(keptOf(open), 0);
    const won = mergeFacts(open, facts({ dispute: { id: 'dp_1', amount: 10_000, status: 'won' } }));
    assert.equal(keptOf(won), 10_000);
    const late = mergeFacts(won, facts({ dispute: { id: 'dp_1', amount: 10_000, status: 'open' } }));
    assert.equal(keptOf(late), 10_000, 'a late "open" does not undo the outcome');
    const lost = mergeFacts(open, facts({ dispute: { id: 'dp_1', amount: 10_000, status: 'lost' } }));
    assert.equal(keptOf(lost), 0);
  });

  it('settles a dispute read from the payment\'s status (Mercado Pago approved again) only when one is held open', () => {
    const settle = facts({ provider: 'mercadopago', dispute: { id: 'chargeback:1', amount: 10_000, status: 'won', ifHeld: true } });
    assert.deepEqual(mergeFacts(paid, settle).disputes, {}, 'a payment never disputed records no dispute');
    const open = mergeFacts(paid, facts({ provider: 'mercadopago', dispute: { id: 'chargeback:1', amount: 10_000, status: 'open' } }));
    assert.equal(keptOf(open), 0, 'in mediation: held');
    const won = mergeFacts(open, settle);
    assert.equal(keptOf(won), 10_000, 'approved again: released');
    const lost = mergeFacts(open, facts({ provider: 'mercadopago', dispute: { id: 'chargeback:1', amount: 10_000, status: 'lost' } }));
    assert.equal(keptOf(mergeFacts(lost, settle)), 0, 'a stale approved read does not undo a chargeback');
    assert.equal(keptOf(mergeFacts(mergeFacts(paid, settle), facts({ provider: 'mercadopago', dispute: { id: 'chargeback:1', amount: 10_000, status: 'open' } }))), 0,
      'a mediation opened after an approved read is held');
  });

  it('counts a dispute once when its money leaves through refunds made from its opening on (PayPal), and earlier refunds on top', () => {
    const pp = (over: Partial<PaymentFacts>) => facts({ provider: 'paypal', paymentRef: 'CAP1', ...over });
    const refund = (id: string, amount: number, at: string) => pp({ refund: { id, amount, at } });
    const dispute = (status: 'open' | 'won' | 'lost', amount = 4_000) => pp({ dispute: { id: 'PP-D-1', amount, status, openedAt: '2026-03-10T12:00:00Z' } });
    let s = mergeFacts(paid, refund('R-before', 1_000, '2026-03-09T12:00:00Z'));
    s = mergeFacts(s, dispute('open'));
    assert.equal(keptOf(s), 5_000, '1000 refunded before, 4000 held');
    s = mergeFacts(mergeFacts(s, dispute('lost')), refund('R-reversal', 4_000, '2026-03-12T12:00:00Z'));
    assert.equal(keptOf(s), 5_000, 'the reversal is the lost dispute\'s money');
    assert.equal(keptOf(mergeFacts(s, refund('R-after', 2_000, '2026-03-13T12:00:00Z'))), 3_000, 'more refunded than the dispute took counts');
    const won = mergeFacts(mergeFacts(paid, dispute('open')), dispute('won'));
    assert.equal(keptOf(mergeFacts(won, refund('R-later', 2_000, '2026-03-14T12:00:00Z'))), 8_000);
    const reversedFirst = mergeFacts(mergeFacts(paid, refund('R-reversal', 4_000, '2026-03-12T12:00:00Z')), dispute('lost'));
    assert.equal(keptOf(reversedFirst), 6_000, 'in either order');
  });

  it('never keeps less than nothing, and says why in words and figures', () => {
    const s = mergeFacts(mergeFacts(paid, facts({ refunded: 4_000 })), facts({ dispute: { id: 'dp_2', amount: 10_000, status: 'open' } }));
    assert.equal(keptOf(s), 0);
    assert.equal(keptReason('stripe', 'pi_1', s), 'stripe payment pi_1: 10000 captured, 4000 refunded, 10000 in chargebacks; 0 kept');
  });
});

describe('allocating a gateway payment to the link\'s invoices', () => {
  it('pays them in order up to each balance, skips paid and cancelled ones, and leaves the rest unallocated', () => {
    const invoices = [{ id: 'a', balance: 3_000, status: 'open' }, { id: 'b', balance: 0, status: 'paid' }, { id: 'c', balance: 2_000, status: 'cancelled' },
      { id: 'd', balance: 4_000, status: 'partially_paid' }];
    assert.deepEqual(allocateToInvoices(invoices, 5_000), [{ invoice_id: 'a', amount: 3_000 }, { invoice_id: 'd', amount: 2_000 }]);
    assert.deepEqual(allocateToInvoices(invoices, 9_000), [{ invoice_id: 'a', amount: 3_000 }, { invoice_id: 'd', amount: 4_000 }]);
    assert.deepEqual(allocateToInvoices([], 9_000), []);
  });
});
