// The statement's payment QR codes read back by a QR reader: in the HTML the inline SVG, in the PDF the filled squares
// its content stream draws; PIX's copia e cola code written out beside them; no code for a rail without one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { modulesFromRectangles, pdfRectangles, readModules, readSvg } from '../../test/support/qr-read.ts';
import { readPdf } from '../../test/support/pdf.ts';
import { transferView, type TransferAccount, type TransferSettings } from '../payments/transfer/index.ts';
import type { PortalAccount, PortalInvoice } from './account.ts';
import { statementHtml } from './statement.ts';
import { statementPdf } from './statement-pdf.ts';

const NOW = new Date('2026-03-15T12:00:00Z');

function anInvoice(o: Partial<PortalInvoice> = {}): PortalInvoice {
  return { id: 'inv_1', number: 'F-0001', issue_date: '2026-01-10', due_date: '2026-02-10', currency: 'EUR', amount: 123456, balance: 100000,
    status: 'partially_paid', days_overdue: 33, disputed: false, adjustments: [], ...o };
}

function anAccount(account: TransferAccount, o: Partial<PortalAccount> = {}): PortalAccount {
  const invoices = o.invoices ?? [anInvoice({ currency: account.currency }), anInvoice({ id: 'inv_2', number: 'F-0002', currency: account.currency, balance: 2345 })];
  const settings: TransferSettings = { accounts: [account], reference: 'invoice_numbers' };
  const owed = invoices.reduce((a, i) => a + i.balance, 0);
  const language = o.language ?? 'en';
  return {
    customer: { name: 'Acme Retail' }, org: { name: 'Cobros del Norte', country: null }, language, locale: 'en-US', today: '2026-03-15',
    totals: [{ currency: account.currency, balance: owed, overdue: owed }], invoices, payments: [], promise: null, plan: null, disputes: [], online_payment: false,
    bank_transfer: [transferView(settings, account.currency, invoices.map((i) => i.number), null, language, owed)!],
    limits: { promise_last_date: '2026-04-15', promise_min_share_bp: 1000, extension_max_days: 30 }, ...o,
  };
}

const sepa: TransferAccount = { id: 'bta_1', kind: 'sepa', currency: 'EUR', beneficiary_name: 'Cobros del Norte SL', iban: 'ES9121000418450200051332' };
const pix: TransferAccount = { id: 'bta_2', kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Cobranças do Norte Ltda', pix_key_type: 'email',
  pix_key: 'financeiro@norte.com.br', city: 'Belém' };

/** The QR code the PDF draws: its squares are one module high, the top-left finder's corner is the smallest x and y. */
function readPdfQr(pdf: Buffer): string | null {
  const rects = pdfRectangles(pdf);
  assert.ok(rects.length > 20, `the PDF draws the code's squares (${rects.length})`);
  const module = Math.min(...rects.map((r) => r[3]));
  const origin: [number, number] = [Math.min(...rects.map((r) => r[0])), Math.min(...rects.map((r) => r[1]))];
  const size = Math.round((Math.max(...rects.map((r) => r[0] + r[2])) - origin[0]) / module);
  return readModules(modulesFromRectangles(rects, origin, module, size));
}

describe('payment QR codes in the statement', () => {
  it('shows the EPC code for the euros owed in the HTML, read back as the transfer of the balance quoting both invoices', () => {
    const html = statementHtml(anAccount(sepa));
    const svg = /<figure class="qr">(<svg[^]*?<\/svg>)<figcaption>Scan with your banking app to pay<\/figcaption>/.exec(html);
    assert.ok(svg, html);
    assert.equal(readSvg(svg[1]!), 'BCD\n002\n1\nSCT\n\nCobros del Norte SL\nES9121000418450200051332\nEUR1023.45\n\n\nF-0001 F-0002');
  });

  it('draws the EPC code in the PDF as squares that a reader reads back', async () => {
    const pdf = await statementPdf(anAccount(sepa), NOW);
    assert.equal(readPdf(pdf).pages, 1);
    assert.equal(readPdfQr(pdf), 'BCD\n002\n1\nSCT\n\nCobros del Norte SL\nES9121000418450200051332\nEUR1023.45\n\n\nF-0001 F-0002');
  });

  it('gives the PIX code in Portuguese with its copia e cola text, in the HTML and in the PDF', async () => {
    const account = anAccount(pix, { language: 'pt-BR', locale: 'pt-BR' });
    const payload = account.bank_transfer![0]!.accounts[0]!.qr!.payload;
    assert.match(payload, /^00020126620014br\.gov\.bcb\.pix0123financeiro@norte\.com\.br0213F-0001 F-000252040000530398654071023\.455802BR5923Cobrancas do Norte Ltda6005Belem62090505F00016304[0-9A-F]{4}$/);
    const html = statementHtml(account);
    assert.ok(html.includes(`<dt>Pix Copia e Cola</dt><dd class="code">${payload}</dd>`));
    assert.equal(readSvg(/<figure class="qr">(<svg[^]*?<\/svg>)/.exec(html)![1]!), payload);
    const pdf = await statementPdf(account, NOW);
    assert.equal(readPdfQr(pdf), payload);
    const text = readPdf(pdf).text.replace(/\n/g, '');
    assert.ok(text.includes('Escaneie com o app do seu banco para pagar') && text.includes(payload), text);
  });

  it('draws no code for a CLABE', async () => {
    const clabe: TransferAccount = { id: 'bta_3', kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Norte SA de CV', clabe: '032180000118359719' };
    const account = anAccount(clabe);
    assert.ok(!statementHtml(account).includes('<svg'));
    assert.equal(pdfRectangles(await statementPdf(account, NOW)).length, 0);
  });
});
