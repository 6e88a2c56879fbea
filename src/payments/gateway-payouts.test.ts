// Which report of a payout's state wins (R-2: events at least once, in any order): failed and canceled are final; between
// two paid reports the later event does; and how Stripe's payout events are read.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { replacesPayoutState } from './gateway-payouts.ts';
import { interpretStripeEvent } from './gateways/index.ts';

const T1 = '2026-03-04T06:00:00.000Z';
const T2 = '2026-03-06T09:00:00.000Z';

describe('a payout\'s state', () => {
  const cases: [string, { status: 'paid' | 'failed' | 'canceled'; status_at: string | null }, { status: 'paid' | 'failed' | 'canceled'; reportedAt: string | null }, boolean][] = [
    ['paid, then failed', { status: 'paid', status_at: T1 }, { status: 'failed', reportedAt: T2 }, true],
    ['paid, then a failure older by its created time (still final)', { status: 'paid', status_at: T2 }, { status: 'failed', reportedAt: T1 }, true],
    ['failed, then paid later', { status: 'failed', status_at: T1 }, { status: 'paid', reportedAt: T2 }, false],
    ['canceled, then failed', { status: 'canceled', status_at: T1 }, { status: 'failed', reportedAt: T2 }, false],
    ['paid, then the same paid again', { status: 'paid', status_at: T1 }, { status: 'paid', reportedAt: T1 }, false],
    ['paid, then an older paid', { status: 'paid', status_at: T2 }, { status: 'paid', reportedAt: T1 }, false],
    ['paid, then a newer paid', { status: 'paid', status_at: T1 }, { status: 'paid', reportedAt: T2 }, true],
    ['paid kept before states had times, then paid', { status: 'paid', status_at: null }, { status: 'paid', reportedAt: T1 }, true],
  ];
  for (const [name, held, next, replaces] of cases) {
    it(`${replaces ? 'changes' : 'keeps'} it: ${name}`, () => assert.equal(replacesPayoutState(held, next), replaces));
  }

  it('reads payout.failed, payout.canceled and payout.updated to either; payout.updated on its way is nothing', () => {
    const event = (type: string, status: string) => ({ id: 'evt_1', object: 'event', type, created: 1_772_784_000, data: { object: { id: 'po_1', object: 'payout',
      amount: 1_234, currency: 'jpy', arrival_date: 1_772_582_400, status, statement_descriptor: 'SHOP', failure_code: 'account_closed' } } });
    const failed = interpretStripeEvent(event('payout.failed', 'failed'));
    assert.deepEqual(failed, { kind: 'payout', payout: { provider: 'stripe', payoutId: 'po_1', amount: 1_234, currency: 'JPY', arrivalDate: '2026-03-04',
      descriptor: 'SHOP', status: 'failed', reportedAt: '2026-03-06T08:00:00.000Z', failureCode: 'account_closed' } });
    assert.equal(interpretStripeEvent(event('payout.canceled', 'canceled')).kind, 'payout');
    const updated = interpretStripeEvent(event('payout.updated', 'failed'));
    assert.equal(updated.kind === 'payout' && updated.payout.status, 'failed');
    const paid = interpretStripeEvent(event('payout.paid', 'paid'));
    assert.equal(paid.kind === 'payout' && paid.payout.failureCode, null, 'a paid payout carries no failure');
    assert.equal(interpretStripeEvent(event('payout.updated', 'in_transit')).kind, 'ignore');
  });

  it('reads reconciliation_status, and payout.reconciliation_completed as a paid payout Stripe has reconciled', () => {
    const event = (type: string, reconciliation?: string) => ({ id: 'evt_2', object: 'event', type, created: 1_772_784_000, data: { object: { id: 'po_2',
      object: 'payout', amount: 5_000, currency: 'eur', arrival_date: 1_772_582_400, status: 'paid', reconciliation_status: reconciliation } } });
    const of = (m: ReturnType<typeof interpretStripeEvent>) => (m.kind === 'payout' ? [m.payout.status, m.payout.reconciliationStatus] : [m.kind]);
    assert.deepEqual(of(interpretStripeEvent(event('payout.paid', 'in_progress'))), ['paid', 'in_progress']);
    assert.deepEqual(of(interpretStripeEvent(event('payout.reconciliation_completed', 'completed'))), ['paid', 'completed']);
    assert.deepEqual(of(interpretStripeEvent(event('payout.reconciliation_completed'))), ['paid', 'completed']);
    assert.deepEqual(of(interpretStripeEvent(event('payout.paid', 'something_new'))), ['paid', undefined]);
  });
});
