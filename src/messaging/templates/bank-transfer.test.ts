// The shipped templates' {{#bank_transfer}} sections: without an account in the invoices' currency every shipped text
// renders exactly as it did before the sections (no text, no blank line, no space); with one, the emails (text and HTML)
// carry the details and the reference after the payment link in each language, and the English SMS one short line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderMessage, sampleContext } from '../render.ts';
import { LANGUAGES, type Channel, type Language, type MessageContext, type Tone } from '../types.ts';
import { channelsOf, PACKS } from './index.ts';
import type { LanguagePack, TemplateEntry } from './types.ts';

const SECTION = /\{\{#bank_transfer\}\}[\s\S]*?\{\{\/bank_transfer\}\}/g;
const TONES: readonly Tone[] = ['friendly', 'neutral', 'formal', 'firm'];

/** The pack as it was before the sections: every text with its bank transfer sections cut out. */
function withoutSections(pack: LanguagePack): LanguagePack {
  const cut = (v: unknown): unknown => typeof v === 'string' ? v.replace(SECTION, '')
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cut(x)])) : v;
  return { ...pack, templates: cut(pack.templates) as Record<string, TemplateEntry> };
}

function render(pack: LanguagePack, templateId: string, channel: Channel, tone: Tone, context: MessageContext, whatsappWindowOpen = false) {
  return renderMessage({ templateId, channel, tone, context, pack, whatsappWindowOpen });
}

/** The sample debtor of a language, reading `language`, with the given transfer details (none: no bankTransfer at all). */
function debtor(sample: Language, language: Language, bankTransfer?: MessageContext['bankTransfer']): MessageContext {
  const { bankTransfer: _, ...base } = sampleContext(sample);
  return { ...base, customer: { ...base.customer, language }, ...(bankTransfer ? { bankTransfer } : {}) };
}

const EUR_ONLY: MessageContext['bankTransfer'] = { settings: { reference: 'invoice_numbers', accounts: [
  { id: 'bta_eur', kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo Supplies GmbH', iban: 'DE89370400440532013000' }] } };

const withAccount = (language: Language) => sampleContext(language);

function email(language: Language, templateId: string, ctx: MessageContext) {
  const r = render(PACKS[language], templateId, 'email', 'neutral', ctx);
  assert.ok(r.ok && r.value.channel === 'email', JSON.stringify(r));
  return r.value;
}

function sms(language: Language, templateId: string, ctx: MessageContext) {
  const r = render(PACKS[language], templateId, 'sms', 'neutral', ctx);
  assert.ok(r.ok && r.value.channel === 'sms', JSON.stringify(r));
  return r.value;
}

const emailIds = (language: Language) => Object.entries(PACKS[language].templates).filter(([, e]) => e.email).map(([id]) => id);
const smsIds = (language: Language) => Object.entries(PACKS[language].templates).filter(([, e]) => e.sms).map(([id]) => id);

describe('bank transfer details in the shipped templates', () => {
  it('puts a section right after the payment link in every email, and in the English SMS texts only', () => {
    for (const language of LANGUAGES) {
      for (const [id, entry] of Object.entries(PACKS[language].templates)) {
        const body = entry.email?.body ?? '';
        if (entry.email) assert.match(body, /\{\{\/payment_link\}\}(\n\n)?\{\{#bank_transfer\}\}[^]*\{\{bank_transfer\}\}\n\n\{\{\/bank_transfer\}\}/, `${language} ${id} email`);
        if (entry.sms) assert.equal(/\{\{#bank_transfer\}\}/.test(entry.sms), language === 'en', `${language} ${id} sms`);
        for (const text of [entry.whatsapp, entry.voice]) assert.doesNotMatch(text ?? '', /bank_transfer/, `${language} ${id}`);
        // nothing but the section itself was added: it follows the payment link's section with no text or space between
        for (const text of [body, entry.sms ?? '']) for (const m of text.matchAll(SECTION)) {
          assert.match(text.slice(0, m.index), /\{\{\/payment_link\}\}(\n\n)?$/, `${language} ${id}`);
          // and is followed by the end of the text or the next paragraph's first word or placeholder, as the link's was
          assert.match(text.slice(m.index + m[0].length), /^($|\{\{[#^]?[a-z]|\p{Lu})/u, `${language} ${id}`);
        }
      }
    }
  });

  it('renders every shipped text byte for byte as without the sections for a debtor with no account in the currency', () => {
    let compared = 0;
    for (const language of LANGUAGES) {
      const pack = PACKS[language];
      const before = withoutSections(pack);
      for (const id of Object.keys(pack.templates)) for (const channel of channelsOf(pack, id)) for (const tone of TONES) {
        for (const sample of LANGUAGES) for (const transfer of [undefined, EUR_ONLY]) for (const windowOpen of channel === 'whatsapp' ? [false, true] : [false]) {
          const ctx = debtor(sample, language, transfer);
          const now = render(pack, id, channel, tone, ctx, windowOpen);
          assert.deepEqual(now, render(before, id, channel, tone, ctx, windowOpen), `${language} ${id} ${channel} ${tone} ${sample}`);
          if (now.ok && now.value.channel === 'email') {
            assert.doesNotMatch(now.value.text, /\n\n\n|transfer|transferencia|transferência/i);
            assert.doesNotMatch(now.value.html, /<p[^>]*><\/p>/);
          }
          if (now.ok && now.value.channel === 'sms') assert.doesNotMatch(now.value.text, / {2}|Transfer/);
          compared += 1;
        }
      }
    }
    assert.ok(compared > 1000, String(compared));
  });

  it('shows the US account and the invoice numbers in English emails, text and HTML, after the payment link', () => {
    for (const id of emailIds('en')) {
      const m = email('en', id, withAccount('en'));
      const intro = 'You can also pay by bank transfer. Please quote the reference below so that we can match your payment straight away:';
      assert.ok(m.text.includes(`${intro}\n\nPay by bank transfer (USD):\nBeneficiary: Demo Supplies Inc\nRouting number: 011000015\n`
        + 'Account number: 000123456789\nReference to quote: F-1001 F-1002\n\n'), `${id}: ${m.text}`);
      assert.ok(m.text.indexOf('https://pay.example/l/abc123') < m.text.indexOf(intro), id);
      assert.match(m.html, /<p[^>]*>You can also pay by bank transfer\. Please quote[^<]*<\/p>\n<table role="presentation"[^>]*><caption[^>]*>Pay by bank transfer \(USD\)<\/caption>/);
      assert.match(m.html, /<td[^>]*>Routing number<\/td><td[^>]*>011000015<\/td>.*<td[^>]*>Reference to quote<\/td><td[^>]*><strong>F-1001 F-1002<\/strong>/);
      assert.ok(m.html.indexOf('>https://pay.example/l/abc123') < m.html.indexOf('Pay by bank transfer (USD)'), id);
    }
  });

  it('shows the CLABE in Spanish emails and the PIX key in Portuguese ones, text and HTML', () => {
    const cases = [
      { language: 'es' as const, intro: 'También puede pagar por transferencia bancaria. Indique la referencia que aparece abajo',
        lines: 'Pagar por transferencia bancaria (MXN):\nBeneficiario: Demo Supplies SA de CV\nCLABE: 032180000118359719\nReferencia a indicar: F-1001 F-1002\n\n',
        cell: /<td[^>]*>CLABE<\/td><td[^>]*>032180000118359719<\/td>.*<td[^>]*>Referencia a indicar<\/td><td[^>]*><strong>F-1001 F-1002<\/strong>/ },
      { language: 'pt-BR' as const, intro: 'Você também pode pagar por transferência bancária. Informe a referência abaixo',
        lines: 'Pagar por transferência bancária (BRL):\nFavorecido: Demo Supplies Ltda\nChave PIX (CNPJ): 11222333000181\nReferência a informar: F-1001 F-1002\n\n',
        cell: /<td[^>]*>Chave PIX \(CNPJ\)<\/td><td[^>]*>11222333000181<\/td>.*<td[^>]*>Referência a informar<\/td><td[^>]*><strong>F-1001 F-1002<\/strong>/ },
    ];
    for (const c of cases) for (const id of emailIds(c.language)) {
      const m = email(c.language, id, withAccount(c.language));
      assert.ok(m.text.includes(c.intro) && m.text.includes(c.lines), `${c.language} ${id}: ${m.text}`);
      assert.ok(m.text.indexOf('https://pay.example/l/abc123') < m.text.indexOf(c.intro), `${c.language} ${id}`);
      assert.ok(m.html.includes(`<p style="margin:0 0 16px;line-height:1.5">${c.intro}`), `${c.language} ${id}`);
      assert.match(m.html, c.cell);
    }
  });

  it('adds one line to every English SMS, which stays GSM-7 and within three segments with the US disclosure', () => {
    const due = sms('en', 'due-today', withAccount('en'));
    assert.match(due.text, /Pay: https:\/\/pay\.example\/l\/abc123 Transfer: Routing number 011000015, Account number 000123456789, ref F-1001 F-1002\. This communication is from a debt collector/);
    assert.deepEqual(due.segments, { encoding: 'GSM-7', units: 339, segments: 3 });
    assert.deepEqual(sms('en', 'due-today', debtor('en', 'en')).segments, { encoding: 'GSM-7', units: 255, segments: 2 });
    for (const id of smsIds('en')) {
      const m = sms('en', id, withAccount('en'));
      assert.match(m.text, / Transfer: Routing number 011000015, Account number 000123456789, ref F-1001 F-1002\. /, id);
      assert.equal(m.segments.encoding, 'GSM-7', id);
      assert.ok(m.segments.segments <= 3, `${id}: ${m.segments.segments}`);
      assert.deepEqual(m.warnings, [], id);
    }
  });

  it('leaves the Spanish and Portuguese SMS as they were (UCS-2: the line would take most over three segments)', () => {
    for (const language of ['es', 'pt-BR'] as const) for (const id of smsIds(language)) {
      const m = sms(language, id, withAccount(language));
      assert.equal(m.segments.encoding, 'UCS-2', `${language} ${id}`);
      assert.deepEqual(m, sms(language, id, debtor(language, language)), `${language} ${id}`);
    }
    assert.deepEqual(sms('es', 'due-today', withAccount('es')).segments, { encoding: 'UCS-2', units: 125, segments: 2 });
    assert.deepEqual(sms('pt-BR', 'due-today', withAccount('pt-BR')).segments, { encoding: 'UCS-2', units: 185, segments: 3 });
  });
});
