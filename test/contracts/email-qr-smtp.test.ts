// Contract: a reminder email's payment QR code through a real SMTP server on loopback: the HTML part in multipart/related
// with the PNG part whose Content-ID it references (inline), read back by a QR reader as the EPC or PIX payload; the text
// part with the PIX copia e cola; an email without such an account as it was, with no image part.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { smtpAdapter, type SmtpAdapter } from '../../src/channels/index.ts';
import { renderMessage, sampleContext, type MessageContext, type RenderedMessage } from '../../src/messaging/index.ts';
import { epcPayload, pixPayload, type TransferAccount } from '../../src/payments/transfer/index.ts';
import { readPng } from '../support/qr-read.ts';
import { smtpSink, type SmtpSink } from '../support/providers/smtp.ts';

const SEPA: TransferAccount = { id: 'bta_sepa1', kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo Supplies GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };
const PIX: TransferAccount = { id: 'bta_pix1', kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Demo Supplies Ltda', pix_key_type: 'email', pix_key: 'Pix@Demo.example', city: 'Rio de Janeiro' };

function email(language: 'en' | 'es' | 'pt-BR', currency: string, accounts: TransferAccount[]): RenderedMessage {
  const base = sampleContext(language);
  const context: MessageContext = { ...base, invoices: base.invoices.map((i) => ({ ...i, balance: { ...i.balance, currency } })),
    bankTransfer: { settings: { reference: 'invoice_numbers', accounts } } };
  const r = renderMessage({ templateId: 'overdue-formal', channel: 'email', tone: 'formal', context });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('a payment QR code in an email over SMTP (nodemailer to smtp-server)', () => {
  let sink: SmtpSink;
  let adapter: SmtpAdapter;
  before(async () => {
    sink = await smtpSink();
    adapter = smtpAdapter({ host: '127.0.0.1', port: sink.port, from: 'Demo Supplies <billing@demo.example>' });
  });
  after(async () => { adapter.close(); await sink.close(); });

  async function sent(rendered: RenderedMessage, key: string) {
    const r = await adapter.send({ to: 'ana@debtor.example', rendered }, { idempotencyKey: key });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const raw = sink.messages.at(-1)!.raw;
    return { raw, mail: await simpleParser(raw, { keepCidLinks: true }) };
  }

  for (const c of [
    { language: 'es' as const, currency: 'EUR', account: SEPA, format: 'epc',
      payload: epcPayload({ name: 'Demo Supplies GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', amount: 173_050, reference: 'F-1001 F-1002' }) },
    { language: 'pt-BR' as const, currency: 'BRL', account: PIX, format: 'pix',
      payload: pixPayload({ key: 'pix@demo.example', name: 'Demo Supplies Ltda', city: 'Rio de Janeiro', amount: 173_050, txid: 'F1001', description: 'F-1001 F-1002' }) },
  ]) {
    it(`delivers the ${c.format} code as an inline PNG the HTML references by Content-ID (${c.language})`, async () => {
      const { raw, mail } = await sent(email(c.language, c.currency, [c.account]), `k-qr-${c.format}`);
      assert.match(raw, /Content-Type: multipart\/related;/);
      assert.equal(mail.attachments.length, 1);
      const image = mail.attachments[0]!;
      assert.equal(image.contentType, 'image/png');
      assert.equal(image.contentDisposition, 'inline');
      assert.equal(image.cid, `${c.format}-qr-${c.account.id}@cobro`);
      assert.equal(image.filename, `${c.format}-qr-${c.account.id}.png`);
      assert.ok(typeof mail.html === 'string' && mail.html.includes(`src="cid:${image.cid}"`), 'the HTML shows the part');
      assert.match(mail.html as string, /<img src="cid:[^"]+" alt="[^"]{20,}"/);
      assert.equal(readPng(image.content), c.payload);
      if (c.format === 'pix') {
        assert.ok(mail.text?.includes(`Pix copia e cola (cole no app do seu banco): ${c.payload}`), mail.text);
        assert.ok((mail.html as string).includes(`>${c.payload}</code>`));
      } else assert.doesNotMatch(mail.text ?? '', /copia e cola|BCD/);
    });
  }

  it('sends an email without such an account as before: text and HTML, no image part', async () => {
    const { raw, mail } = await sent(email('en', 'USD', [SEPA]), 'k-qr-none');
    assert.doesNotMatch(raw, /multipart\/related|image\/png/);
    assert.equal(mail.attachments.length, 0);
    assert.doesNotMatch(mail.html as string, /cid:/);
  });
});
