// Which credit lines are a gateway's payout: a gateway the org uses, named, with payout wording or a payout id.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PAYOUT_GATEWAYS, recognisePayout, reportedPayoutEvidence, type PayoutGateway } from './payout-rules.ts';

const line = (counterparty_name: string | null, remittance_text: string | null, structured_reference: string | null = null) =>
  ({ counterparty_name, remittance_text, structured_reference, end_to_end_id: null });
const all = PAYOUT_GATEWAYS;
const as = (l: ReturnType<typeof line>, gateways: readonly PayoutGateway[] = all) => {
  const p = recognisePayout(l, gateways);
  return p ? [p.gateway, p.payout_id] : null;
};

describe('recognising a gateway payout', () => {
  it('takes a named gateway with payout wording or a payout id', () => {
    assert.deepEqual(as(line('STRIPE PAYMENTS EUROPE LTD', 'STRIPE PAYOUT')), ['stripe', null]);
    assert.deepEqual(as(line('STRIPE', 'ST-X4Y2 po_1PqRsT')), ['stripe', 'po_1PqRsT']);
    assert.deepEqual(as(line('STRIPE', 'Transfer', 'po_1PqRsT')), ['stripe', 'po_1PqRsT'], 'the id in the structured reference');
    assert.deepEqual(as(line('Mercado Pago Institucion de Pago', 'Retiro de dinero 123456789')), ['mercadopago', null]);
    assert.deepEqual(as(line('MERCADOPAGO.COM REPRESENTACOES LTDA', 'SAQUE')), ['mercadopago', null]);
    assert.deepEqual(as(line('PAYPAL EUROPE S.A R.L. ET CIE', 'PAYPAL TRANSFER')), ['paypal', null]);
    assert.deepEqual(as(line('ADYEN N.V.', 'Settlement batch 1234 merchant ACME')), ['adyen', 'batch 1234']);
    assert.deepEqual(as(line('Banco X', 'Auszahlung Stripe')), ['stripe', null], 'named in the text');
  });

  it('leaves a gateway\'s name without payout evidence, refunds and other gateways\' words alone', () => {
    assert.equal(as(line('STRIPE BAKERY LTD', 'SB-77 bank transfer')), null, 'a customer with the name');
    assert.equal(as(line('STRIPE PAYMENTS EUROPE LTD', 'STRIPE REFUND OF FEES')), null);
    assert.equal(as(line('STRIPE PAYMENTS EUROPE LTD', 'payout reversal')), null, 'payout wording with a refund\'s, no id');
    assert.equal(as(line('STRIPE', 'transfer')), null, 'transfer is payout wording for PayPal only');
    assert.equal(as(line('Stripes & Co', 'payout F-1')), null, 'whole words');
    assert.equal(as(line('ACME GMBH', 'po_1PqRsT payout')), null, 'an id without the gateway named');
  });

  it('only among the gateways the org uses', () => {
    assert.equal(as(line('PAYPAL EUROPE S.A R.L. ET CIE', 'PAYPAL TRANSFER'), ['stripe', 'mercadopago']), null);
    assert.equal(as(line('STRIPE', 'STRIPE PAYOUT po_1'), []), null);
    assert.deepEqual(as(line('STRIPE', 'STRIPE PAYOUT po_1'), ['stripe']), ['stripe', 'po_1']);
  });
});

describe('a credit of a reported payout\'s amount and date', () => {
  const tie = (l: ReturnType<typeof line>, descriptor: string | null = null) => reportedPayoutEvidence(l, 'stripe', 'po_9Z', descriptor);
  it('is that payout when it names the gateway, the payout\'s id or its descriptor', () => {
    assert.match(tie(line('STRIPE TECHNOLOGY EUROPE', 'ST-K2X9')) ?? '', /names Stripe/);
    assert.match(tie(line('SEPA CREDIT', 'REF po_9Z')) ?? '', /names the payout po_9Z/);
    assert.match(tie(line('SEPA CREDIT', 'LUNA SHOP MARCH'), 'Luna Shop') ?? '', /descriptor "Luna Shop"/);
  });
  it('is not when nothing on it ties it to the payout (a customer\'s transfer of the same sum)', () => {
    assert.equal(tie(line('SEPA CREDIT', 'F-9')), null);
    assert.equal(tie(line('ACME GMBH', 'invoice 77'), 'Luna Shop'), null);
    assert.equal(tie(line('SEPA CREDIT', 'REF po_9Z1')), null, 'another payout\'s id is not this one\'s');
  });
});
