// The shipped templates' {{#bank_transfer}} sections: without an account in the invoices' currency every shipped text
// renders exactly as it did before the sections (no text, no blank line, no space); with one, the emails (text and HTML)
// carry the details and the reference after the payment link in each language, and every SMS one short line when it fits
// in three segments (a natural line, else a compact one, else none). The UCS-2 cases here are an org's `sms_fold: never`
// (accents always kept); by default an SMS goes folded into GSM-7 when that saves segments (bank-transfer-folded.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderMessage, sampleContext } from '../render.ts';
import { LANGUAGES, type Channel, type Language, type MessageContext, type Tone } from '../types.ts';
import { channelsOf, PACKS } from './index.ts';
import type { LanguagePack, TemplateEntry } from './types.ts';
import type { TransferAccount } from '../../payments/transfer/index.ts';

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
/** The context of an org that keeps every accent (`sms_fold: never`): its Spanish and Portuguese SMS go as UCS-2. */
const never = (ctx: MessageContext): MessageContext => ({ ...ctx, smsFold: 'never' });

/** An account of each kind in the given currency, and how its SMS line reads in English, Spanish or Portuguese. */
const ACCOUNTS: Record<string, (currency: string) => TransferAccount> = {
  mx_clabe: (currency) => ({ id: 'bta_clabe', kind: 'mx_clabe', currency, beneficiary_name: 'Demo', clabe: '032180000118359719' }),
  ar_cbu: (currency) => ({ id: 'bta_cbu', kind: 'ar_cbu', currency, beneficiary_name: 'Demo', cbu: '2850590940090418135201' }),
  ar_cvu: (currency) => ({ id: 'bta_cvu', kind: 'ar_cbu', currency, beneficiary_name: 'Demo', cbu: '0000003100010000000018' }),
  br_pix: (currency) => ({ id: 'bta_pix', kind: 'br_pix', currency, beneficiary_name: 'Demo', pix_key_type: 'cnpj', pix_key: '11222333000181' }),
  sepa: (currency) => ({ id: 'bta_iban', kind: 'sepa', currency, beneficiary_name: 'Demo', iban: 'ES9121000418450200051332' }),
  us_ach: (currency) => ({ id: 'bta_ach', kind: 'us_ach', currency, beneficiary_name: 'Demo', routing_number: '011000015', account_number: '000123456789' }),
};
const LINE: Record<string, RegExp> = {
  mx_clabe: / (Transfer: CLABE|Transferencia a la CLABE|CLABE|Transfer[êe]ncia para a CLABE) 032180000118359719, ref\.? F-1001 F-1002\. /,
  ar_cbu: / (Transfer: CBU\/CVU|Transferencia al CBU|CBU|Transfer[êe]ncia para o CBU) 2850590940090418135201, ref\.? F-1001 F-1002\. /,
  ar_cvu: / (Transfer: CBU\/CVU|Transferencia al CVU|CVU|Transfer[êe]ncia para o CVU) 0000003100010000000018, ref\.? F-1001 F-1002\. /,
  br_pix: / (Transfer: PIX key \(CNPJ\)|Pix a la clave|Pix|Pix para o CNPJ) 11222333000181, ref\.? F-1001 F-1002\. /,
  sepa: / (Transfer: IBAN|Transferencia al IBAN|IBAN|Transfer[êe]ncia para o IBAN) ES9121000418450200051332, ref\.? F-1001 F-1002\. /,
  us_ach: / (Transfer: Routing number 011000015, Account number|Transferencia ACH: ruta 011000015, cuenta|ACH ruta 011000015, cuenta|Transfer[êe]ncia ACH: ABA 011000015, conta|ACH ABA 011000015, conta) 000123456789, ref\.? F-1001 F-1002\. /,
};

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

/**
 * The templates that ask for payment, whose texts carry the sections: not the portal confirmations, which state what the
 * debtor agreed and show the way back to the portal (src/messaging/confirm-templates.test.ts holds them).
 */
const stepEntries = (language: Language) => Object.entries(PACKS[language].templates).filter(([, e]) => e.purpose !== 'confirmation');
const emailIds = (language: Language) => stepEntries(language).filter(([, e]) => e.email).map(([id]) => id);
const smsIds = (language: Language) => stepEntries(language).filter(([, e]) => e.sms).map(([id]) => id);

describe('bank transfer details in the shipped templates', () => {
  it('puts a section right after the payment link in every email and every SMS text', () => {
    for (const language of LANGUAGES) {
      for (const [id, entry] of stepEntries(language)) {
        const body = entry.email?.body ?? '';
        if (entry.email) assert.match(body, /\{\{\/payment_link\}\}(\n\n)?\{\{#bank_transfer\}\}[^]*\{\{bank_transfer\}\}\n\n\{\{\/bank_transfer\}\}/, `${language} ${id} email`);
        if (entry.sms) assert.match(entry.sms, /\{\{\/payment_link\}\}\{\{#bank_transfer\}\} \{\{bank_transfer\}\}\.\{\{\/bank_transfer\}\}$/, `${language} ${id} sms`);
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
      for (const [id] of stepEntries(language)) for (const channel of channelsOf(pack, id)) for (const tone of TONES) {
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

  it('adds, accents kept, the natural Spanish line when it fits, the compact one when only that fits, and none past three segments', () => {
    const due = sms('es', 'due-today', never(withAccount('es')));
    assert.equal(due.text, 'Demo Supplies: $1,730.50 (F-1001, F-1002) vence hoy. Pague en https://pay.example/l/abc123 '
      + 'Transferencia a la CLABE 032180000118359719, ref. F-1001 F-1002. Responda BAJA para no recibir más.');
    assert.deepEqual(due.segments, { encoding: 'UCS-2', units: 190, segments: 3 });
    assert.deepEqual(sms('es', 'due-today', never(debtor('es', 'es'))).segments, { encoding: 'UCS-2', units: 125, segments: 2 });
    const fee = sms('es', 'overdue-late-fee-warning', never(withAccount('es')));
    assert.match(fee.text, / Pague en https:\/\/pay\.example\/l\/abc123 CLABE 032180000118359719, ref\. F-1001 F-1002\. Responda BAJA/);
    assert.deepEqual(fee.segments, { encoding: 'UCS-2', units: 196, segments: 3 });
    // 159 units without it: even the compact line (46) would make a fourth segment
    assert.deepEqual(sms('es', 'promise-broken', never(withAccount('es'))), sms('es', 'promise-broken', never(debtor('es', 'es'))));
  });

  it('writes the Brazilian line as a Pix to the key, for a Portuguese reader whose SMS has room', () => {
    const reader = never({ ...withAccount('pt-BR'), customer: { ...withAccount('pt-BR').customer, country: 'PT' } });
    const due = sms('pt-BR', 'due-today', reader);
    assert.match(due.text, / Pague em https:\/\/pay\.example\/l\/abc123 Pix para o CNPJ 11222333000181, ref\. F-1001 F-1002\. Responda SAIR/);
    assert.deepEqual(due.segments, { encoding: 'UCS-2', units: 181, segments: 3 });
    assert.match(sms('pt-BR', 'final-notice', reader).text, / https:\/\/pay\.example\/l\/abc123 Pix 11222333000181, ref\. F-1001 F-1002\. Responda/);
  });

  it('leaves a Brazilian debtor\'s SMS without the line when accents are kept: the creditor\'s CNPJ line already fills three UCS-2 segments', () => {
    for (const id of smsIds('pt-BR')) {
      const m = sms('pt-BR', id, never(withAccount('pt-BR')));
      assert.equal(m.segments.encoding, 'UCS-2', id);
      assert.ok(m.text.includes('CNPJ/CPF'), id);
      assert.deepEqual(m, sms('pt-BR', id, never(debtor('pt-BR', 'pt-BR'))), id);
    }
  });

  it('never takes a shipped SMS past three segments, in any language, tone or account kind', () => {
    let withLine = 0;
    let compared = 0;
    for (const smsFold of ['auto', 'never'] as const) for (const language of LANGUAGES) for (const kind of Object.keys(ACCOUNTS)) for (const country of [undefined, 'PT', 'AR']) {
      const base = { ...debtor(language, language), smsFold };
      const currency = base.invoices[0]!.balance.currency;
      const customer = country ? { ...base.customer, country } : base.customer;
      const ctx: MessageContext = { ...base, customer, bankTransfer: { settings: { reference: 'invoice_numbers', accounts: [ACCOUNTS[kind]!(currency)] } } };
      for (const id of smsIds(language)) for (const tone of TONES) {
        const r = render(PACKS[language], id, 'sms', tone, ctx);
        const before = render(PACKS[language], id, 'sms', tone, { ...base, customer });
        assert.ok(r.ok && r.value.channel === 'sms' && before.ok && before.value.channel === 'sms');
        const at = `${smsFold} ${language} ${kind} ${country} ${id} ${tone}`;
        if (before.value.segments.segments <= 3) assert.ok(r.value.segments.segments <= 3, `${at}: ${r.value.segments.segments}`);
        if (before.value.warnings.length === 0) assert.deepEqual(r.value.warnings, [], at);
        if (r.value.text !== before.value.text) {
          assert.match(r.value.text, LINE[kind]!, at);
          withLine += 1;
        } else assert.ok(language !== 'en', at);
        compared += 1;
      }
    }
    assert.ok(withLine > compared / 2, `${withLine} of ${compared}`);
  });

  it('leaves the line out when a long reference would take the SMS past three segments (accents kept)', () => {
    const invoices = Array.from({ length: 9 }, (_, i) => ({ number: `F-10${10 + i}`, dueDate: '2026-03-01', balance: { amount: 1_000, currency: 'MXN' } }));
    const ctx = never({ ...withAccount('es'), invoices });
    const m = sms('es', 'due-today', ctx);
    assert.ok(m.segments.segments <= 3, String(m.segments.segments));
    assert.doesNotMatch(m.text, /CLABE/);
  });
});
