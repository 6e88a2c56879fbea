import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DisputeFacts } from './gateways/index.ts';
import { mercadoPagoDisputeId } from './mercadopago-disputes.ts';
import type { HeldState } from './webhooks-decide.ts';

const status = (s: DisputeFacts['status'], over: Partial<DisputeFacts> = {}): DisputeFacts => ({ id: 'chargeback:77', amount: 500_00, status: s, ...over });
const chargeback = (caseId: string, s: DisputeFacts['status'] = 'open'): DisputeFacts => status(s, { caseId });
const held = (s: 'open' | 'won' | 'lost', caseId?: string) => ({ amount: 500_00, status: s, ...(caseId ? { caseId } : {}) });
const id = (disputes: HeldState['disputes'], d: DisputeFacts) => mercadoPagoDisputeId(disputes, '77', d);

describe('which of a Mercado Pago payment\'s disputes a reading speaks of', () => {
  it('puts the payment\'s first dispute under chargeback:<payment>, whether its status or its chargeback opens it', () => {
    assert.equal(id({}, status('open')), 'chargeback:77');
    assert.equal(id({}, chargeback('901')), 'chargeback:77');
    assert.equal(id({ 'chargeback:77': held('open') }, chargeback('901')), 'chargeback:77', 'opened by the status, given its chargeback\'s id');
  });

  it('opens a dispute of its own for a chargeback read once the first belongs to another chargeback or has closed', () => {
    assert.equal(id({ 'chargeback:77': held('won', '901') }, chargeback('902')), 'chargeback:77:902');
    assert.equal(id({ 'chargeback:77': held('open', '901') }, chargeback('902')), 'chargeback:77:902');
    assert.equal(id({ 'chargeback:77': held('won') }, chargeback('902')), 'chargeback:77:902', 'a mediation won, then a chargeback');
    assert.equal(id({ 'chargeback:77': held('won') }, chargeback('901', 'won')), 'chargeback:77', 'the first one\'s chargeback read after it closed');
  });

  it('applies a repeat to the same dispute, and the payment\'s status to the one open', () => {
    const two = { 'chargeback:77': held('won', '901'), 'chargeback:77:902': held('open', '902') };
    assert.equal(id(two, chargeback('902')), 'chargeback:77:902');
    assert.equal(id(two, status('lost')), 'chargeback:77:902');
    assert.equal(id(two, status('won', { ifHeld: true })), 'chargeback:77:902');
    assert.equal(id({ 'chargeback:77': held('lost') }, status('lost')), 'chargeback:77', 'one dispute: as it always was');
  });

  it('leaves a closed dispute as it was once the payment has had another', () => {
    const closed = { 'chargeback:77': held('won', '901'), 'chargeback:77:902': held('lost', '902') };
    assert.equal(id(closed, chargeback('901', 'lost')), null, 'the first one\'s notification again: the status is the second\'s');
    assert.equal(id(closed, status('lost')), null);
    assert.equal(id(closed, chargeback('902', 'lost')), null);
  });

  it('orders later chargebacks by their ids, and reads no other payment\'s disputes', () => {
    const many = { 'chargeback:77': held('won', '901'), 'chargeback:77:9020': held('open', '9020'), 'chargeback:77:903': held('open', '903'), 'chargeback:770': held('open') };
    assert.equal(id(many, status('lost')), 'chargeback:77:9020', 'the latest open');
  });
});
