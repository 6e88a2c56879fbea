// cobro's own dispute evidence in the org's language: the account of the debt and the communication history in en, es
// and pt-BR (dates ISO, amounts with their currency code in each), and a Stripe submit of an org writing Spanish sending
// the invoices and the account of the debt in Spanish (fake Stripe; PGlite and PostgreSQL).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKey } from '../src/orgs/index.ts';
import { summaryText, type AutoEvidence } from '../src/payments/dispute-evidence-auto.ts';
import { historyParagraphs } from '../src/payments/dispute-evidence-pdf.ts';
import { evidenceWords } from '../src/payments/dispute-evidence-words.ts';
import type { GatewayDisputeRef } from '../src/payments/dispute-evidence-store.ts';
import { bearer } from './support/api.ts';
import { stripeEvidenceServer, type StripeEvidenceServer } from './support/stripe-evidence-server.ts';
import { seedStripeDispute } from './support/stripe-dispute-seed.ts';

const AUTO: AutoEvidence = {
  customer: { id: 'cus_1', name: 'Rosa Quintero', email: 'rosa@cliente.example' },
  invoices: [{ id: 'inv_1', number: 'F-7', issue_date: '2026-01-02', due_date: '2026-02-01', amount: 12_000, currency: 'MXN', service_date: '2026-01-15', shipping_date: null }],
  arrangements: [{ kind: 'promise', id: 'pro_1', amount: 12_000, currency: 'MXN', made_on: '2026-02-03', due_date: '2026-02-06', status: 'kept' }],
  communications: [{ at: '2026-02-02T10:00:00Z', direction: 'sent', channel: 'email', status: 'delivered', subject: 'Aviso', text: 'Recordatorio' },
    { at: '2026-02-03T09:00:00Z', direction: 'received', channel: 'sms', status: null, subject: null, text: '' }],
  service_date: '2026-01-15', shipping_date: null,
} as unknown as AutoEvidence;
const DISPUTE = { provider: 'stripe', dispute_id: 'dp_1', payment_ref: 'pi_1', amount: 12_000, currency: 'MXN' } as GatewayDisputeRef;

describe('dispute evidence words', () => {
  it('writes the account of the debt and the history in en, es and pt-BR', () => {
    const expect = {
      en: [/^Payment pi_1 \(120\.00 MXN disputed\) by Rosa Quintero/, /invoice F-7, issued 2026-01-02/, /1 message\(s\) sent .* 1 reply/, /received from the customer/, /\(no text\)/,
        /- promise to pay made 2026-02-03: 120\.00 MXN by 2026-02-06 \(kept\)/],
      es: [/^El pago pi_1 \(120\.00 MXN en disputa\) de Rosa Quintero/, /factura F-7, emitida el 2026-01-02/, /1 mensaje\(s\) enviado\(s\) .* 1 respuesta/, /recibido del cliente/, /\(sin texto\)/,
        /- promesa de pago del 2026-02-03: 120\.00 MXN para el 2026-02-06 \(cumplida\)/],
      'pt-BR': [/^O pagamento pi_1 \(120\.00 MXN contestado\) de Rosa Quintero/, /fatura F-7, emitida em 2026-01-02/, /1 mensagem\(ns\) enviada\(s\) .* 1 resposta/, /recebida do cliente/, /\(sem texto\)/,
        /- promessa de pagamento de 2026-02-03: 120\.00 MXN até 2026-02-06 \(cumprida\)/],
    } as const;
    for (const [lang, [paid, invoice, count, received, empty, arrangement]] of Object.entries(expect)) {
      const w = evidenceWords(lang as keyof typeof expect);
      const text = summaryText(AUTO, DISPUTE, 'Firmó la orden.', w);
      for (const re of [paid, invoice, count]) assert.match(text, re, `${lang}: ${text}`);
      assert.match(text, /Firmó la orden\.$/);
      assert.match(text, arrangement, `${lang}: ${text}`);
      if (lang !== 'en') assert.doesNotMatch(text, /\(kept\)|- promise /, `${lang}: the codes are not left in: ${text}`);
      const history = historyParagraphs(AUTO, w).join('\n');
      assert.match(history, received, lang);
      assert.match(history, empty, lang);
    }
  });
});

describe('a Stripe submit of an org writing Spanish', () => {
  const clock = new Date('2026-03-10T17:00:00Z');
  let s: StripeEvidenceServer;
  let manager = '';
  before(async () => {
    s = await stripeEvidenceServer(clock, 'words', 'es');
    manager = (await createApiKey(s.db, s.org, 'manager')).secret;
  });
  after(async () => { await s.close(); });

  it('sends the invoices and the account of the debt in Spanish', async () => {
    const { app, files } = s;
    const d = await seedStripeDispute(s.db, s.stripe, s.org, { name: 'Rosa Quintero', email: 'rosa@cliente.example' }, 120_00, clock);
    const done = await app.inject({ method: 'POST', url: `/v1/disputes/${d.dp}/evidence/submit`, headers: bearer(manager), payload: {} });
    assert.equal(done.statusCode, 200, done.body);
    const form = files.updates.at(-1)!.form;
    assert.match(form['evidence[product_description]']!, /^Facturas /);
    assert.match(form['evidence[uncategorized_text]']!, /^El pago .* \(120\.00 MXN en disputa\) de Rosa Quintero/);
    assert.match(form['evidence[uncategorized_text]']!, /Comunicación: 0 mensaje\(s\)/);
  });
});
