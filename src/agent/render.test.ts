// Writing and rendering the agent's answers: the debtor's language and locale, the automated-assistant disclosure, each
// channel's form (GSM-7 SMS, email headers, WhatsApp free text or the approved template) and the notices the law adds,
// checked with the same template lints every message passes at send time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintMessage } from '../compliance/index.ts';
import { sampleContext, type MessageContext } from '../messaging/index.ts';
import type { AgentReply } from './outbox.ts';
import type { ReplyPlan } from './policy-types.ts';
import { renderAgentReply } from './render.ts';
import { replyLocale, writeReply } from './replies/index.ts';
import type { AgentLanguage } from './types.ts';

const promise: ReplyPlan = { key: 'promise_confirmed', params: { amount: 150_000, date: '2026-03-13' }, kind: 'confirmation', tags: [], withInvoices: false };
const write = (language: AgentLanguage, currency: string, country: string, first: boolean, short = false) =>
  writeReply(promise, { language, locale: replyLocale(language, country), company: 'Luna', currency, first, short });

const reply = (language: AgentLanguage, text: string, whatsappOpen = true): AgentReply => ({
  spec: { turn: 'agt_1', language, text, kind: 'reply', tags: [] }, whatsappOpen,
  purpose: { kind: 'reply', tags: [], whatsappFormat: whatsappOpen ? 'free_form' : 'template', aiAgent: true, disclosesAi: true },
});

function lint(ctx: MessageContext, r: AgentReply, channel: 'sms' | 'whatsapp' | 'email') {
  const m = renderAgentReply(r, channel, ctx);
  assert.ok(m.ok, m.ok ? '' : m.error.message);
  return { message: m.value, problems: lintMessage({ language: r.spec.language, channel, tags: [], context: ctx, message: m.value }) };
}

describe('writing an answer', () => {
  it('introduces the automated assistant first and signs as one after, in the debtor\'s language and locale', () => {
    assert.equal(write('es', 'MXN', 'MX', true).split('. ')[0], 'Hola, le escribe el asistente automático de Luna');
    assert.match(write('es', 'MXN', 'MX', false), /pagar \$1,500\.00 a más tardar el viernes, 13 de marzo\..* \(asistente automático\)$/);
    assert.match(write('pt-BR', 'BRL', 'BR', true), /^Olá, aqui é o assistente automático da Luna\. .*R\$ 1\.500,00 até sexta-feira, 13 de março/);
    assert.match(write('en', 'USD', 'US', false), /promise to pay \$1,500\.00 by Friday, March 13\..* \(automated assistant\)$/);
    assert.match(write('es', 'MXN', 'MX', false, true), /el 13 mar\./, 'short dates for SMS');
  });
});

describe('rendering an answer for its channel', () => {
  it('keeps a Spanish SMS in GSM-7 by leaving out accents it lacks, with the opt-out line', () => {
    const { message, problems } = lint(sampleContext('es'), reply('es', 'Hola, le escribe el asistente automático. Puede pagar aquí: {{payment_link}}'), 'sms');
    assert.equal(message.channel, 'sms');
    if (message.channel !== 'sms') return;
    assert.match(message.text, /asistente automatico\. Puede pagar aqui: https:\/\/pay\.example\/l\/abc123 Responda BAJA para no recibir mas\.$/);
    assert.equal(message.segments.encoding, 'GSM-7');
    assert.deepEqual(problems, []);
  });

  it('adds the US debt-collector notice and the opt-out to a US consumer, and passes the lints', () => {
    const us = sampleContext('en');
    const { message, problems } = lint(us, reply('en', 'You can pay here: {{payment_link}} (automated assistant)'), 'whatsapp');
    assert.equal(message.channel === 'whatsapp' && message.mode, 'text');
    assert.match(message.channel === 'whatsapp' ? message.preview : '', /from a debt collector.*Reply STOP to opt out\./);
    assert.deepEqual(problems, []);
  });

  it('names the supplier to a debtor in Brazil, and sends the approved template outside the 24-hour window', () => {
    const sample = sampleContext('pt-BR');
    const br = { ...sample, company: { ...sample.company, taxId: '12.345.678/0001-95' } };
    const open = lint(br, reply('pt-BR', 'Você pode pagar aqui: {{payment_link}}'), 'whatsapp');
    assert.deepEqual(open.problems, []);
    const closed = lint(br, reply('pt-BR', 'Você pode pagar aqui: {{payment_link}}', false), 'whatsapp');
    const m = closed.message;
    assert.ok(m.channel === 'whatsapp' && m.mode === 'template');
    if (m.channel !== 'whatsapp' || m.mode !== 'template') return;
    assert.deepEqual(m.template, { name: 'cobro_agent_reply_br', language: 'pt_BR', parameters: ['Demo Supplies', 'Você pode pagar aqui: https://pay.example/l/abc123'] });
    assert.match(m.preview, /^Resposta da Demo Supplies à sua mensagem: Você pode pagar.*Credor: Demo Supplies, 1 Main St, CNPJ\/CPF 12\.345\.678\/0001-95\.$/);
  });

  it('writes an email with a subject, the one-click unsubscribe headers and the footer\'s link', () => {
    const { message, problems } = lint(sampleContext('es'), reply('es', 'Puede pagar aquí: {{payment_link}}'), 'email');
    assert.ok(message.channel === 'email');
    if (message.channel !== 'email') return;
    assert.equal(message.subject, 'Sobre su cuenta con Demo Supplies');
    assert.equal(message.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.match(message.text, /Puede pagar aquí: https:\/\/pay\.example\/l\/abc123/);
    assert.deepEqual(problems, []);
  });

  it('does not answer by a call', () => {
    const r = renderAgentReply(reply('es', 'hola'), 'voice', sampleContext('es'));
    assert.equal(r.ok, false);
  });
});
