// renderMessage: money and dates in the debtor's locale, escaping, unsubscribe headers, WhatsApp window, voice menu.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answerKeypress, packFor, renderMessage, sampleContext, type MessageContext, type RenderInput } from './index.ts';
import { fill } from './render-text.ts';

function chile(): MessageContext {
  const base = sampleContext('es');
  return {
    ...base,
    customer: { name: 'Comercial Andes', contactName: 'Rosa', language: 'es', country: 'CL' },
    invoices: [{ number: 'B-77', dueDate: '2026-03-01', balance: { amount: 1_234_567, currency: 'CLP' } }],
    promise: undefined, instalment: undefined, lateFee: { amount: 15_000, currency: 'CLP' },
  };
}

function input(over: Partial<RenderInput> = {}): RenderInput {
  return { templateId: 'overdue-late-fee-warning', channel: 'email', tone: 'firm', context: chile(), ...over };
}

describe('renderMessage', () => {
  it('formats CLP without decimals for a Chilean debtor', () => {
    const r = renderMessage(input());
    assert.ok(r.ok && r.value.channel === 'email');
    assert.match(r.value.text, /\$1\.234\.567/);
    assert.doesNotMatch(r.value.text, /1\.234\.567,00/);
    assert.match(r.value.text, /\$15\.000/);
    assert.match(r.value.text, /1 de marzo de 2026/);
  });
  it('formats BRL with a decimal comma for a Brazilian debtor', () => {
    const r = renderMessage({ ...input(), context: sampleContext('pt-BR') });
    assert.ok(r.ok && r.value.channel === 'email');
    assert.match(r.value.text, /R\$ 1\.730,50/);
    assert.match(r.value.html, /R\$ 1\.250,00/);
  });
  it('lists every invoice in both parts and escapes HTML coming from data', () => {
    const ctx = sampleContext('en');
    const evil = { ...ctx, customer: { ...ctx.customer, contactName: '<script>alert(1)</script>' } };
    const r = renderMessage(input({ templateId: 'overdue-formal', tone: 'formal', context: evil }));
    assert.ok(r.ok && r.value.channel === 'email');
    assert.doesNotMatch(r.value.html, /<script>/);
    assert.match(r.value.html, /&lt;script&gt;/);
    for (const n of ['F-1001', 'F-1002']) { assert.match(r.value.text, new RegExp(n)); assert.match(r.value.html, new RegExp(n)); }
    assert.match(r.value.html, /<meta name="viewport"/);
  });
  it('sends the RFC 8058 one-click headers and refuses email without an HTTPS unsubscribe link', () => {
    const r = renderMessage(input());
    assert.ok(r.ok && r.value.channel === 'email');
    assert.equal(r.value.headers['List-Unsubscribe'], '<https://app.example/u/tok123>');
    assert.equal(r.value.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    const ctx = chile();
    const missing = renderMessage(input({ context: { ...ctx, links: { ...ctx.links, unsubscribe: 'http://plain.example/u' } } }));
    assert.ok(!missing.ok && missing.error.field === 'links.unsubscribe');
  });
  it('sends a WhatsApp template outside the 24-hour window and free text inside it', () => {
    const closed = renderMessage(input({ channel: 'whatsapp' }));
    assert.ok(closed.ok && closed.value.channel === 'whatsapp' && closed.value.mode === 'template');
    assert.equal(closed.value.template.language, 'es');
    assert.deepEqual(closed.value.template.parameters.slice(0, 2), ['Comercial Andes', '$1.234.567']);
    const open = renderMessage(input({ channel: 'whatsapp', whatsappWindowOpen: true }));
    assert.ok(open.ok && open.value.channel === 'whatsapp' && open.value.mode === 'text');
    assert.match(open.value.text, /^Para Comercial Andes:/);
  });
  it('refuses a WhatsApp template whose parameter would be empty', () => {
    const ctx = chile();
    const r = renderMessage(input({ channel: 'whatsapp', context: { ...ctx, links: { ...ctx.links, payment: undefined } } }));
    assert.ok(!r.ok && r.error.field === 'payment_link');
  });
  it('uses the approved name an org registered', () => {
    const r = renderMessage(input({ channel: 'whatsapp', whatsappTemplateNames: { cobro_overdue_late_fee_warning_firm: 'acme_fee_v2' } }));
    assert.ok(r.ok && r.value.channel === 'whatsapp' && r.value.mode === 'template' && r.value.template.name === 'acme_fee_v2');
  });
  it('speaks the call in the debtor language with a one-key menu', () => {
    const r = renderMessage(input({ channel: 'voice', context: sampleContext('pt-BR') }));
    assert.ok(r.ok && r.value.channel === 'voice');
    assert.match(r.value.twiml, /<Gather input="dtmf speech" numDigits="1"[^>]*action="https:\/\/app\.example\/webhooks\/twilio\/voice\/gather"/);
    assert.match(r.value.twiml, /<Say language="pt-BR" voice="Polly.Camila">[^<]*digite 1/);
    const pack = packFor('es');
    assert.equal(answerKeypress('1', pack, { gatherUrl: 'https://x/g' }).action, 'send_payment_link_sms');
    const two = answerKeypress('2', pack, { gatherUrl: 'https://x/g', agentNumber: '+56 2 2345 6789' });
    assert.equal(two.action, 'transfer_to_person');
    assert.match(two.twiml, /<Dial>\+56 2 2345 6789<\/Dial>/);
    assert.equal(answerKeypress('9', pack, { gatherUrl: 'https://x/g' }).action, 'repeat_menu');
  });
  it('never evaluates what a value contains', () => {
    const out = fill('Hi {{contact_name}}', { contact_name: '{{company_name}} ${process.exit()}' });
    assert.equal(out.text, 'Hi {{company_name}} ${process.exit()}');
    assert.deepEqual(fill('{{constructor}}', {}).unknown, ['constructor']);
  });
});
