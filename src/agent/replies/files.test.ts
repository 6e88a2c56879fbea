// The answers to a file the debtor sent (the receipt received with the date reminders resume, a file kept with nothing
// overdue, a file cobro does not keep): in each language, written and rendered for SMS, WhatsApp (in the window and as the
// approved template outside it) and email in each place the lints know, passing the template lints every message passes.
// Agent answers render in the neutral tone only (render.ts), so that is the one tone they need.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintMessage, placeContext, PLACES } from '../../compliance/index.ts';
import type { AgentReply } from '../outbox.ts';
import type { ReplyPlan } from '../policy-types.ts';
import { renderAgentReply } from '../render.ts';
import type { AgentLanguage } from '../types.ts';
import { replyLocale, writeReply } from './index.ts';

const LANGUAGES: readonly AgentLanguage[] = ['en', 'es', 'pt-BR'];
const PLANS: ReplyPlan[] = [
  { key: 'receipt_received', params: { date: '2026-03-20' }, kind: 'reply', tags: [], withInvoices: false },
  { key: 'file_thanks', params: {}, kind: 'confirmation', tags: [], withInvoices: false },
  { key: 'file_refused', params: {}, kind: 'reply', tags: [], withInvoices: false },
];
const COUNTRY: Readonly<Record<AgentLanguage, string>> = { en: 'US', es: 'MX', 'pt-BR': 'BR' };

describe('the answers to a file the debtor sent', () => {
  it('name the date reminders resume, in the debtor\'s language and locale', () => {
    const write = (language: AgentLanguage, short = false) => writeReply(PLANS[0]!, { language, locale: replyLocale(language, COUNTRY[language]), company: 'Luna',
      currency: 'MXN', first: false, short });
    assert.equal(write('es'), 'Recibimos su comprobante. Lo vamos a verificar y le confirmaremos; pausamos los recordatorios hasta el viernes, 20 de marzo. (asistente automático)');
    assert.equal(write('en'), 'We received your receipt. We will check it and confirm; reminders are paused until Friday, March 20. (automated assistant)');
    assert.equal(write('pt-BR'), 'Recebemos seu comprovante. Vamos conferir e confirmar; pausamos os lembretes até sexta-feira, 20 de março. (assistente automático)');
    assert.match(write('es', true), /hasta el 20 mar\./);
  });

  for (const language of LANGUAGES) {
    it(`pass the template lints in ${language} on every channel and place`, () => {
      const problems: string[] = [];
      for (const plan of PLANS) for (const first of [true, false]) for (const place of PLACES) for (const channel of ['sms', 'whatsapp', 'email'] as const) {
        for (const whatsappOpen of channel === 'whatsapp' ? [true, false] : [true]) {
          const ctx = placeContext(place, language);
          const text = writeReply(plan, { language, locale: replyLocale(language, ctx.customer.country), company: ctx.company.name, currency: 'MXN', first,
            short: channel === 'sms' });
          const reply: AgentReply = { spec: { turn: 'agt_1', language, text, kind: plan.kind, tags: [] }, whatsappOpen,
            purpose: { kind: plan.kind, tags: [], whatsappFormat: whatsappOpen ? 'free_form' : 'template', aiAgent: true, disclosesAi: true } };
          const m = renderAgentReply(reply, channel, ctx);
          if (!m.ok) { problems.push(`${plan.key} ${channel} ${place}: ${m.error.message}`); continue; }
          for (const p of lintMessage({ language, channel, tags: [], context: ctx, message: m.value })) problems.push(`${plan.key} ${channel} ${place}: ${JSON.stringify(p)}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
