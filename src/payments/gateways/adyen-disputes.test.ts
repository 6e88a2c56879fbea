// Adyen's dispute notifications read and folded in any order: what the payment keeps at each stage, and what the review task is told.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpretAdyenItem } from './adyen.ts';
import { disputed, keptOf, mergeFacts, type HeldState } from '../webhooks-decide.ts';
import type { PaymentFacts } from './types.ts';

const PAYMENT = '7914073381342284';
/** A dispute notification for D1 on the payment, as Adyen sends it (additionalData values are strings), at a minute past 10:00Z. */
function read(eventCode: string, minute: number, extra: Record<string, string> = {}, value = 1130): PaymentFacts {
  const m = interpretAdyenItem({ pspReference: 'D1', originalReference: PAYMENT, merchantAccountCode: 'AcmeShopEUR', merchantReference: '',
    amount: { value, currency: 'EUR' }, eventCode, success: 'true', eventDate: `2026-03-10T11:${String(minute).padStart(2, '0')}:00+01:00`,
    reason: 'Other Fraud-Card Absent Environment', additionalData: { chargebackReasonCode: '10.4', chargebackSchemeCode: 'visa',
      defensePeriodEndsAt: '2026-03-31T10:00:00+01:00', disputeStatus: 'Undefended', modificationMerchantReferences: 'plk_1', ...extra } });
  assert.ok(m.kind === 'facts', `${eventCode}: ${JSON.stringify(m)}`);
  return m.facts;
}
const paid: HeldState = { captured: 1130, refunded: 0, disputes: {} };
const fold = (...fs: PaymentFacts[]) => fs.reduce(mergeFacts, paid);

describe('Adyen dispute notifications', () => {
  it('reads a notification of chargeback as open with no money taken, its reason code and defence deadline', () => {
    assert.deepEqual(read('NOTIFICATION_OF_CHARGEBACK', 0).dispute, { id: 'D1', amount: 1130, status: 'open', held: false,
      reason: 'Other Fraud-Card Absent Environment (visa 10.4)', respondBy: '2026-03-31T09:00:00.000Z', at: '2026-03-10T10:00:00.000Z' });
    assert.equal(keptOf(fold(read('NOTIFICATION_OF_CHARGEBACK', 0))), 1130, 'the defence period takes nothing yet');
  });

  it('debits on CHARGEBACK, gives back on CHARGEBACK_REVERSED, takes again on SECOND_CHARGEBACK', () => {
    let s = fold(read('NOTIFICATION_OF_CHARGEBACK', 0), read('CHARGEBACK', 1));
    assert.deepEqual([keptOf(s), s.disputes.D1?.status], [0, 'open']);
    s = fold(read('NOTIFICATION_OF_CHARGEBACK', 0), read('CHARGEBACK', 1), read('INFORMATION_SUPPLIED', 2));
    assert.deepEqual([keptOf(s), s.disputes.D1?.status], [0, 'open'], 'the defence sent changes no money');
    s = mergeFacts(s, read('CHARGEBACK_REVERSED', 3));
    assert.deepEqual([keptOf(s), s.disputes.D1?.status], [1130, 'won']);
    s = mergeFacts(s, read('SECOND_CHARGEBACK', 4));
    assert.deepEqual([keptOf(s), s.disputes.D1?.status], [0, 'lost']);
    assert.deepEqual([keptOf(mergeFacts(s, read('PREARBITRATION_WON', 5))), keptOf(mergeFacts(s, read('PREARBITRATION_LOST', 5)))], [1130, 0]);
  });

  it('comes to the same state whatever order the notifications arrive in, and repeats change nothing', () => {
    const events = [read('NOTIFICATION_OF_CHARGEBACK', 0), read('CHARGEBACK', 1), read('INFORMATION_SUPPLIED', 2), read('CHARGEBACK_REVERSED', 3)];
    const orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 0, 3, 2], [1, 3, 0, 2], [0, 1, 1, 2, 3, 3, 0]];
    for (const order of orders) {
      const s = fold(...order.map((i) => events[i]!));
      assert.deepEqual([keptOf(s), s.disputes.D1?.status], [1130, 'won'], String(order));
    }
    const early = fold(read('CHARGEBACK', 1), read('NOTIFICATION_OF_CHARGEBACK', 0));
    assert.deepEqual([disputed(early), early.disputes.D1?.held], [1130, undefined], 'a late notification does not give the debited money back');
  });

  it('reads a chargeback Adyen says is accepted, lost or not defendable as lost', () => {
    for (const extra of [{ disputeStatus: 'Accepted' }, { disputeStatus: 'Lost' }, { defendable: 'false' }] as Record<string, string>[]) {
      assert.equal(read('CHARGEBACK', 1, extra).dispute?.status, 'lost', JSON.stringify(extra));
    }
    assert.equal(read('DISPUTE_DEFENSE_PERIOD_ENDED', 9).dispute?.status, 'lost');
  });

  it('reads a request for information as an inquiry and a fraud notice as such, neither taking money; a chargeback after either debits', () => {
    const rfi = read('REQUEST_FOR_INFORMATION', 0, { rfiReasonCode: '33', rfiSchemeCode: 'visa' });
    assert.deepEqual([rfi.dispute?.kind, rfi.dispute?.held, rfi.dispute?.reason], ['inquiry', false, 'Other Fraud-Card Absent Environment (visa 33)']);
    const nof = read('NOTIFICATION_OF_FRAUD', 0, { nofReasonCode: '6', nofSchemeCode: 'visa' });
    assert.deepEqual([nof.dispute?.kind, nof.dispute?.held], ['fraud', false]);
    assert.equal(keptOf(fold(rfi)), 1130);
    const s = fold(rfi, read('INFORMATION_SUPPLIED', 1));
    assert.deepEqual([keptOf(s), s.disputes.D1?.kind], [1130, 'inquiry'], 'the answer keeps it an inquiry');
    const escalated = mergeFacts(s, read('CHARGEBACK', 2));
    assert.deepEqual([keptOf(escalated), escalated.disputes.D1?.kind], [0, undefined]);
  });

  it('reads ISSUER_RESPONSE_TIMEFRAME_EXPIRED as won by the issuer\'s silence: nothing taken after a notice, the money back after a chargeback, in any order', () => {
    const expired = read('ISSUER_RESPONSE_TIMEFRAME_EXPIRED', 9, { disputeStatus: 'Won' });
    assert.deepEqual([expired.dispute?.status, expired.dispute?.settledBy], ['won', 'issuer_timeout']);
    const events = [read('NOTIFICATION_OF_CHARGEBACK', 0), read('CHARGEBACK', 1), expired];
    for (const order of [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]) {
      const s = fold(...order.map((i) => events[i]!));
      assert.deepEqual([keptOf(s), s.disputes.D1?.status], [1130, 'won'], String(order));
    }
    assert.equal(keptOf(fold(read('NOTIFICATION_OF_CHARGEBACK', 0), expired)), 1130, 'nothing debited');
  });

  it('carries the references that name the payment before it is recorded: merchantReference, each modificationMerchantReferences, shopperReference', () => {
    const m = interpretAdyenItem({ pspReference: 'D2', originalReference: PAYMENT, merchantAccountCode: 'AcmeShopEUR', merchantReference: 'plk_9',
      amount: { value: 500, currency: 'EUR' }, eventCode: 'NOTIFICATION_OF_FRAUD', success: 'true', eventDate: '2026-03-10T11:00:00+01:00',
      additionalData: { modificationMerchantReferences: 'capture-1, plk_9,INV-7,', nofReasonCode: '6', nofSchemeCode: 'visa', shopperReference: ' C-1042 ' } });
    assert.ok(m.kind === 'facts');
    assert.deepEqual(m.facts.references, ['plk_9', 'capture-1', 'INV-7', 'C-1042']);
    assert.equal(read('NOTIFICATION_OF_CHARGEBACK', 0).references?.[0], 'plk_1', 'an empty merchantReference is left out');
  });
});
