// The portal confirmations' {{#bank_transfer}} sections: with the org's account in the currency owed, each email (text and
// HTML, en/es/pt-BR) asks the debtor to quote the reference and gives the details before the portal link, and each SMS
// adds one line only when it stays within three segments; without one, every confirmation renders as it did before.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderMessage, sampleContext, withSampleArrangement } from '../render.ts';
import { LANGUAGES, type Channel, type Language, type MessageContext, type Tone } from '../types.ts';
import { PACKS } from './index.ts';
import type { LanguagePack, TemplateEntry } from './types.ts';

const CONFIRMATIONS = ['portal-promise-confirmed', 'portal-extension-confirmed', 'portal-plan-confirmed', 'portal-promise-cancelled', 'portal-plan-cancelled',
  'portal-promise-cancelled-by-staff', 'portal-plan-cancelled-by-staff'];
const SECTION = /\{\{#bank_transfer\}\}[\s\S]*?\{\{\/bank_transfer\}\}/g;

function render(pack: LanguagePack, id: string, channel: Channel, ctx: MessageContext, tone: Tone = 'neutral') {
  const r = renderMessage({ templateId: id, channel, tone, context: withSampleArrangement(id, ctx), pack });
  assert.ok(r.ok, `${id} ${channel}: ${r.ok ? '' : r.error.message}`);
  return r.value;
}

/** The sample debtor of the language; `transfer: false` without the org's bank transfer details. */
function debtor(language: Language, transfer = true): MessageContext {
  const { bankTransfer, ...base } = sampleContext(language);
  return transfer && bankTransfer ? { ...base, bankTransfer } : base;
}

const withoutSections = (pack: LanguagePack): LanguagePack => {
  const cut = (v: unknown): unknown => typeof v === 'string' ? v.replace(SECTION, '')
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cut(x)])) : v;
  return { ...pack, templates: cut(pack.templates) as Record<string, TemplateEntry> };
};

const CASES = {
  en: { intro: 'To pay by bank transfer, please quote the reference below so that we can match your payment straight away:',
    lines: 'Pay by bank transfer (USD):\nBeneficiary: Demo Supplies Inc\nRouting number: 011000015\nAccount number: 000123456789\nReference to quote: F-1001 F-1002',
    sms: / Transfer: Routing number 011000015, Account number 000123456789, ref F-1001 F-1002\. / },
  es: { intro: 'Para pagar por transferencia bancaria, indique la referencia que aparece abajo para que podamos identificar su pago de inmediato:',
    lines: 'Pagar por transferencia bancaria (MXN):\nBeneficiario: Demo Supplies SA de CV\nCLABE: 032180000118359719\nReferencia a indicar: F-1001 F-1002',
    sms: / Transferencia a la CLABE 032180000118359719, ref\. F-1001 F-1002\. / },
  'pt-BR': { intro: 'Para pagar por transferência bancária, informe a referência abaixo para que possamos identificar seu pagamento na hora:',
    lines: 'Pagar por transferência bancária (BRL):\nFavorecido: Demo Supplies Ltda\nChave PIX (CNPJ): 11222333000181\nReferência a informar: F-1001 F-1002',
    sms: / Pix para o CNPJ 11222333000181, ref\. F-1001 F-1002\. / },
} as const;

describe('bank transfer details in the portal confirmations', () => {
  for (const language of LANGUAGES) {
    it(`gives the details in every ${language} confirmation email, text and HTML, before the portal link`, () => {
      const c = CASES[language];
      for (const id of CONFIRMATIONS) {
        const m = render(PACKS[language], id, 'email', debtor(language));
        assert.ok(m.channel === 'email');
        assert.ok(m.text.includes(`${c.intro}\n\n${c.lines}\n\n`), `${id}: ${m.text}`);
        assert.ok(m.text.indexOf(c.intro) < m.text.indexOf('https://portal.example/c/xyz'), id);
        assert.ok(m.html.includes(`<p style="margin:0 0 16px;line-height:1.5">${c.intro}</p>`), id);
        assert.match(m.html, /<strong>F-1001 F-1002<\/strong>/, id);
      }
    });

    it(`adds the line to every ${language} confirmation SMS, within three segments`, () => {
      for (const id of CONFIRMATIONS) {
        const m = render(PACKS[language], id, 'sms', debtor(language));
        assert.ok(m.channel === 'sms');
        // the Portuguese sample debtor is in Brazil: the supplier line follows the transfer line
        assert.match(m.text, CASES[language].sms, `${id}: ${m.text}`);
        assert.ok(m.text.indexOf('https://portal.example/c/xyz') < m.text.search(CASES[language].sms), id);
        assert.ok(m.segments.segments <= 3, `${id}: ${m.segments.segments}`);
        assert.deepEqual(m.warnings, [], id);
      }
    });

    it(`renders every ${language} confirmation exactly as before for an org with no transfer details`, () => {
      const before = withoutSections(PACKS[language]);
      for (const id of CONFIRMATIONS) for (const channel of ['email', 'sms', 'whatsapp', 'voice'] as const) for (const smsFold of ['auto', 'never'] as const) {
        const ctx = { ...debtor(language, false), smsFold };
        assert.deepEqual(render(PACKS[language], id, channel, ctx), render(before, id, channel, ctx), `${id} ${channel} ${smsFold}`);
      }
    });
  }

  it('leaves the SMS line out when it would take the message past three segments (accents kept, a long reference)', () => {
    const invoices = Array.from({ length: 9 }, (_, i) => ({ number: `F-10${10 + i}`, dueDate: '2026-03-01', balance: { amount: 1_000, currency: 'MXN' } }));
    const ctx: MessageContext = { ...debtor('es'), invoices, smsFold: 'never' };
    const m = render(PACKS.es, 'portal-promise-cancelled', 'sms', ctx);
    assert.ok(m.channel === 'sms');
    assert.doesNotMatch(m.text, /CLABE/);
    const folded = render(PACKS.es, 'portal-promise-cancelled', 'sms', { ...ctx, smsFold: 'auto' });
    assert.ok(folded.channel === 'sms');
    assert.match(folded.text, /CLABE 032180000118359719, ref\. F-1010 F-1011/, 'folded into GSM-7 it has room');
    assert.ok(folded.segments.segments <= 3);
  });
});
