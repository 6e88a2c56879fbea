// The pure translation of loaded arrangements and messages into what the planner sees: opt-outs per channel, a promise's
// grace, a plan's instalments paid in order (a broken plan up to the instalment that broke it), disputes, messages.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { caseDispute, caseMessages, casePlan, casePromise, NO_FACTS, optedOutChannels, planSteps, type StoredFacts } from '../src/engine/case-rows.ts';

const customer = { email: 'a@example.com', phone: '+12125550100', whatsapp: null };
const plan = (over: Partial<NonNullable<StoredFacts['plan']>> = {}): NonNullable<StoredFacts['plan']> => ({
  id: 'pln_1', currency: 'USD', status: 'active', paid: 0, grace_days: 3, broken_seq: null,
  instalments: [[0, '2026-03-02', 10_000], [1, '2026-04-02', 30_000], [2, '2026-05-02', 30_000]], ...over,
});

describe('facts for the planner', () => {
  it('turns opt-outs into channels: everywhere, one channel, or the very address the customer has', () => {
    assert.deepEqual(optedOutChannels(customer, []), []);
    assert.deepEqual(optedOutChannels(customer, [{ scope: 'all', channel: null, address: null }]), ['email', 'sms', 'whatsapp', 'voice']);
    assert.deepEqual(optedOutChannels(customer, [{ scope: 'channel', channel: 'sms', address: null }]), ['sms']);
    assert.deepEqual(optedOutChannels(customer, [{ scope: 'address', channel: 'email', address: 'old@example.com' }]), [], 'an old address');
    assert.deepEqual(optedOutChannels(customer, [{ scope: 'address', channel: 'whatsapp', address: '+12125550100' }]), ['whatsapp'],
      'WhatsApp goes to the phone when there is no WhatsApp number');
  });

  it('moves a promise\'s date by its grace and counts a partly kept one as broken', () => {
    const p = { id: 'prm_1', amount: 5_000, currency: 'USD', due_date: '2026-03-06', grace_days: 2, status: 'pending', at: '' };
    assert.deepEqual(casePromise(p), { id: 'prm_1', amount: { amount: 5_000, currency: 'USD' }, dueDate: '2026-03-08', status: 'pending' });
    assert.equal(casePromise({ ...p, status: 'partly_kept' })?.status, 'broken');
    assert.equal(casePromise({ ...p, status: 'kept' })?.status, 'kept');
    assert.equal(casePromise(null), null);
  });

  it('pays instalments in order, and shows a broken plan only up to the instalment that broke it, unpaid', () => {
    assert.deepEqual(planSteps(plan({ paid: 25_000 })).map((s) => [s.seq, s.paid, s.effective]),
      [[0, true, '2026-03-05'], [1, false, '2026-04-05'], [2, false, '2026-05-05']]);
    assert.deepEqual(planSteps(plan({ paid: 40_000 })).map((s) => s.paid), [true, true, false]);
    const broken = casePlan(plan({ status: 'broken', broken_seq: 1, paid: 40_000 }));
    assert.deepEqual(broken?.instalments.map((i) => [i.dueDate, i.paid]), [['2026-03-05', true], ['2026-04-05', false]]);
  });

  it('stops for a dispute only when every invoice the case holds is disputed', () => {
    const inv = (id: string, disputed: boolean) => ({ id, number: id, balance: { amount: 100, currency: 'USD' }, dueDate: '2026-03-02', disputed });
    const disputes = [{ id: 'dsp_1', invoice_ids: ['a'] }];
    assert.equal(caseDispute(disputes, [inv('a', true), inv('b', false)]), null);
    assert.deepEqual(caseDispute(disputes, [inv('a', true)]), { id: 'dsp_1' });
    assert.equal(caseDispute([], [inv('a', true)]), null, 'an invoice disputed through the ledger alone still stops by the planner\'s own rule');
  });

  it('takes the last message sent and the failed ones', () => {
    const m = caseMessages({ ...NO_FACTS, lastInboundAt: '2026-03-04T10:00:00+00:00', messages: [
      { id: 'msg_1', status: 'sent', channel: 'email', at: '2026-03-02T10:00:00+00:00' },
      { id: 'msg_2', status: 'delivered', channel: 'sms', at: '2026-03-03T10:00:00+00:00' },
      { id: 'msg_3', status: 'bounced', channel: 'email', at: '2026-03-03T11:00:00+00:00' },
    ] });
    assert.deepEqual(m.lastOutbound, { id: 'msg_2', at: new Date('2026-03-03T10:00:00Z') });
    assert.deepEqual(m.failed.map((f) => [f.id, f.channel]), [['msg_3', 'email']]);
    assert.deepEqual(m.lastInboundAt, new Date('2026-03-04T10:00:00Z'));
  });
});
