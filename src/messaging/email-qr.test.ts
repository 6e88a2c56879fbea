// The payment QR code in reminder emails: every shipped email step in every language carries the code the portal shows
// (EPC for a SEPA account in euros, PIX for a key in reais with its city) as an inline PNG the HTML names by Content-ID,
// with alt text; a PIX code's copia e cola text under it and in the text part; no image without such an account in the
// invoices' currency, in an SMS or WhatsApp message, or in an email whose text leaves out the transfer details.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readPng } from '../../test/support/qr-read.ts';
import { epcPayload, pixPayload, transferView, type TransferAccount } from '../payments/transfer/index.ts';
import { renderMessage, sampleContext } from './render.ts';
import { escapeHtml } from './render-text.ts';
import { PACKS } from './templates/index.ts';
import { LANGUAGES, type Channel, type EmailMessage, type Language, type MessageContext, type RenderedMessage } from './types.ts';

const SEPA: TransferAccount = { id: 'bta_sepa1', kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo Supplies GmbH', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' };
const PIX: TransferAccount = { id: 'bta_pix1', kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Demo Supplies Ltda', pix_key_type: 'cnpj', pix_key: '11.222.333/0001-81', city: 'São Paulo' };
const ACH: TransferAccount = { id: 'bta_ach1', kind: 'us_ach', currency: 'USD', beneficiary_name: 'Demo Supplies Inc', routing_number: '011000015', account_number: '000123456789' };

/** The sample debtor reading `language`, owing F-1001 and F-1002 (1,730.50 in all) in `currency`, with these accounts. */
function debtor(language: Language, currency: string, accounts: TransferAccount[]): MessageContext {
  const base = sampleContext(language);
  return { ...base, invoices: base.invoices.map((i) => ({ ...i, balance: { ...i.balance, currency } })),
    bankTransfer: { settings: { reference: 'invoice_numbers', accounts }, customerReference: 'C-001' } };
}

const EXPECTED = {
  epc: epcPayload({ name: 'Demo Supplies GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', amount: 173_050, reference: 'F-1001 F-1002' }),
  pix: pixPayload({ key: '11222333000181', name: 'Demo Supplies Ltda', city: 'São Paulo', amount: 173_050, txid: 'F1001', description: 'F-1001 F-1002' }),
};

const stepEmails = (language: Language) => Object.entries(PACKS[language].templates).filter(([, e]) => e.purpose !== 'confirmation' && e.email).map(([id]) => id);

function render(language: Language, templateId: string, channel: Channel, ctx: MessageContext): RenderedMessage {
  const r = renderMessage({ templateId, channel, tone: 'neutral', context: ctx, whatsappWindowOpen: true });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

function email(language: Language, templateId: string, ctx: MessageContext): EmailMessage {
  const m = render(language, templateId, 'email', ctx);
  assert.equal(m.channel, 'email');
  return m as EmailMessage;
}

/** The one image, named by the HTML with its alt text, decoded. */
function theCode(m: EmailMessage): { payload: string | null; alt: string } {
  assert.equal(m.images?.length, 1, `images: ${m.images?.map((i) => i.cid).join(', ')}`);
  const image = m.images![0]!;
  const tag = new RegExp(`<img src="cid:${image.cid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" alt="([^"]+)"`).exec(m.html);
  assert.ok(tag, `the HTML shows cid:${image.cid}`);
  assert.equal(image.contentType, 'image/png');
  const png = Buffer.from(image.content, 'base64');
  assert.equal(image.size, png.length);
  assert.match(image.filename, /^(epc|pix)-qr-bta_\w+\.png$/);
  assert.equal(tag[1], escapeHtml(image.alt));
  return { payload: readPng(png), alt: image.alt };
}

describe('the payment QR code in reminder emails', () => {
  it('carries the EPC QR of a euro SEPA account, amount owed and reference, in every step and language', () => {
    for (const language of LANGUAGES) {
      const ctx = debtor(language, 'EUR', [SEPA, ACH]);
      const portal = transferView(ctx.bankTransfer!.settings, 'EUR', ['F-1001', 'F-1002'], 'C-001', language, 173_050)!.accounts[0]!.qr!.payload;
      assert.equal(portal, EXPECTED.epc);
      for (const id of stepEmails(language)) {
        const m = email(language, id, ctx);
        const { payload, alt } = theCode(m);
        assert.equal(payload, EXPECTED.epc, `${language} ${id}`);
        assert.match(alt, /SEPA/);
        // after the account's details, and no EPC text in the text part (the details are there already)
        assert.ok(m.html.indexOf('DE89 3704 0044 0532 0130 00') < m.html.indexOf('cid:'), `${language} ${id}`);
        assert.doesNotMatch(m.text, /BCD|copia e cola/);
      }
    }
  });

  it('carries the PIX BR Code with its copia e cola text under it and in the text part, in every step and language', () => {
    for (const language of LANGUAGES) {
      const ctx = debtor(language, 'BRL', [PIX]);
      for (const id of stepEmails(language)) {
        const m = email(language, id, ctx);
        const { payload, alt } = theCode(m);
        assert.equal(payload, EXPECTED.pix, `${language} ${id}`);
        assert.match(alt, /PIX|Pix/);
        assert.ok(m.text.includes(`copia e cola`) && m.text.includes(`: ${EXPECTED.pix}\n`), `${language} ${id}: ${m.text}`);
        const under = m.html.slice(m.html.indexOf('cid:'));
        assert.ok(under.includes(`<code style="word-break:break-all;font-size:12px">${EXPECTED.pix}</code>`), `${language} ${id}`);
      }
    }
  });

  it('speaks the debtor\'s language in the alt text and the copia e cola label', () => {
    const alts = LANGUAGES.map((language) => theCode(email(language, 'overdue-formal', debtor(language, 'BRL', [PIX]))).alt);
    assert.deepEqual(alts, ['PIX QR code: scan it with your bank\'s app to pay', 'Código QR de PIX: escanéalo con la app de tu banco para pagar',
      'QR Code Pix: leia com o app do seu banco para pagar']);
    assert.match(email('pt-BR', 'overdue-formal', debtor('pt-BR', 'BRL', [PIX])).text, /\nPix copia e cola \(cole no app do seu banco\): 000201/);
  });

  it('has no image without an account a QR code covers in the invoices\' currency', () => {
    const { city: _, ...noCity } = PIX as Extract<TransferAccount, { kind: 'br_pix' }>;
    const cases: [string, MessageContext][] = [
      ['no transfer details', { ...sampleContext('en'), bankTransfer: undefined } as MessageContext],
      ['a US account only', debtor('en', 'USD', [ACH])],
      ['a euro account, invoices in dollars', debtor('en', 'USD', [SEPA, ACH])],
      ['a SEPA account in another currency', debtor('en', 'GBP', [{ ...SEPA, currency: 'GBP' } as TransferAccount])],
      ['a PIX key without its city', debtor('pt-BR', 'BRL', [noCity as TransferAccount])],
      ['a PIX key, invoices in euros', debtor('pt-BR', 'EUR', [PIX])],
      ['the shipped pt-BR sample (no city)', sampleContext('pt-BR')],
    ];
    for (const [what, ctx] of cases) for (const id of stepEmails('en')) {
      const m = email('en', id, ctx);
      assert.equal(m.images, undefined, `${what} ${id}`);
      assert.doesNotMatch(m.html, /<img|cid:/, `${what} ${id}`);
      assert.doesNotMatch(m.text, /copia e cola/, `${what} ${id}`);
    }
  });

  it('has no image when the email leaves out the transfer details, nor QR text in an SMS or WhatsApp message', () => {
    const ctx = debtor('pt-BR', 'BRL', [PIX]);
    const pack = PACKS['pt-BR'];
    const cut = { ...pack, templates: Object.fromEntries(Object.entries(pack.templates).map(([id, e]) => [id,
      e.email ? { ...e, email: { ...e.email, body: e.email.body.replace(/\{\{#bank_transfer\}\}[^]*?\{\{\/bank_transfer\}\}/g, '') } } : e])) };
    const r = renderMessage({ templateId: 'overdue-formal', channel: 'email', tone: 'neutral', context: ctx, pack: cut });
    assert.ok(r.ok && r.value.channel === 'email');
    assert.equal(r.value.images, undefined);
    for (const channel of ['sms', 'whatsapp'] as const) {
      const m = render('pt-BR', 'overdue-late-fee-warning', channel, ctx);
      assert.doesNotMatch(JSON.stringify(m), /000201|copia e cola|cid:/, channel);
    }
  });
});
