// {{bank_transfer}} rendered per channel and in the debtor's language: the email's text and HTML parts, the SMS's short
// form, nothing (and a hidden section) when the org has no account in the message's currency.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderMessage, sampleContext } from './render.ts';
import { orgPack } from './org-text.ts';
import { packFor } from './templates/index.ts';
import type { Channel, Language, MessageContext } from './types.ts';
import type { TransferSettings } from '../payments/transfer/index.ts';

const settings: TransferSettings = { reference: 'invoice_numbers', accounts: [
  { id: 'bta_1', kind: 'us_ach', currency: 'USD', beneficiary_name: 'Demo Supplies Inc', bank_name: 'First Bank', routing_number: '011000015', account_number: '000123456789', account_type: 'checking' },
  { id: 'bta_2', kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Demo Supplies SA de CV', clabe: '032180000118359719' },
  { id: 'bta_3', kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Demo Supplies Ltda', pix_key_type: 'cnpj', pix_key: '11222333000181' },
] };

function render(language: Language, channel: Channel, body: string, ctx: Partial<MessageContext> = {}) {
  const context = { ...sampleContext(language), bankTransfer: { settings }, ...ctx };
  const pack = orgPack(packFor(language), 'reminder_custom', channel, { body, subject: 'Pay by transfer' });
  const r = renderMessage({ templateId: 'reminder_custom', channel, tone: 'neutral', context, pack });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

const BODY = '{{#bank_transfer}}{{bank_transfer}}{{/bank_transfer}}{{^bank_transfer}}NO TRANSFER{{/bank_transfer}}';

describe('the {{bank_transfer}} placeholder', () => {
  it('writes the US account in English in an email\'s text and HTML parts, quoting both invoice numbers', () => {
    const m = render('en', 'email', BODY);
    assert.ok(m.channel === 'email');
    assert.match(m.text, /Pay by bank transfer \(USD\):\nBeneficiary: Demo Supplies Inc\nBank: First Bank\nRouting number: 011000015\nAccount number: 000123456789\nAccount type: checking\nReference to quote: F-1001 F-1002/);
    assert.match(m.html, /<caption[^>]*>Pay by bank transfer \(USD\)<\/caption>/);
    assert.match(m.html, /<td[^>]*>Reference to quote<\/td><td[^>]*><strong>F-1001 F-1002<\/strong>/);
  });

  it('writes the CLABE in Spanish for a Mexican debtor', () => {
    const m = render('es', 'email', BODY);
    assert.ok(m.channel === 'email');
    assert.match(m.text, /Pagar por transferencia bancaria \(MXN\):\nBeneficiario: Demo Supplies SA de CV\nCLABE: 032180000118359719\nReferencia a indicar: F-1001 F-1002/);
    assert.match(m.html, /Referencia a indicar/);
  });

  it('writes the PIX key in Portuguese, and the short form in an SMS', () => {
    const m = render('pt-BR', 'email', BODY);
    assert.ok(m.channel === 'email');
    assert.match(m.text, /Pagar por transferência bancária \(BRL\):\nFavorecido: Demo Supplies Ltda\nChave PIX \(CNPJ\): 11222333000181\nReferência a informar: F-1001 F-1002/);
    const sms = render('pt-BR', 'sms', 'Demo: {{bank_transfer}}');
    assert.ok(sms.channel === 'sms');
    assert.match(sms.text, /^Demo: Pix para o CNPJ 11222333000181, ref\. F-1001 F-1002 /);
    const es = render('es', 'sms', '{{bank_transfer}}');
    assert.ok(es.channel === 'sms');
    assert.match(es.text, /^Transferencia a la CLABE 032180000118359719, ref\. F-1001 F-1002 /);
  });

  it('is empty, and its section hidden, without an account in the message\'s currency or without details at all', () => {
    const euro = render('en', 'email', BODY, { invoices: [{ number: 'F-9', dueDate: '2026-03-01', balance: { amount: 100, currency: 'EUR' } }] });
    assert.ok(euro.channel === 'email');
    assert.match(euro.text, /NO TRANSFER/);
    const none = render('en', 'sms', BODY, { bankTransfer: undefined });
    assert.ok(none.channel === 'sms');
    assert.match(none.text, /^NO TRANSFER/);
  });

  it('shows the sample debtor\'s details in a preview without a customer', () => {
    const m = render('es', 'sms', '{{bank_transfer}}', { bankTransfer: sampleContext('es').bankTransfer! });
    assert.ok(m.channel === 'sms');
    assert.match(m.text, /^Transferencia a la CLABE 032180000118359719, ref\. F-1001 F-1002/);
  });
});
