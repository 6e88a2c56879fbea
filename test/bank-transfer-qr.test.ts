// Payment QR codes through the API and the portal (PGlite and PostgreSQL): for what a customer owes in a currency or for
// one invoice, the EPC code of a SEPA account and the PIX code of a key with its city, each read back from its SVG;
// errors naming the field; the portal's account and statement carrying the codes for the balance owed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { crc16 } from '../src/payments/transfer/index.ts';
import { pdfRectangles, readSvg } from './support/qr-read.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';

const NOW = new Date('2026-03-15T12:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => NOW); });
after(async () => { await t.close(); });

const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, key = t.keys.admin) =>
  t.app.inject({ method, url, headers: bearer(key), ...(payload !== undefined ? { payload: payload as object } : {}) });

const SEPA = { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Cobros Europa SL', iban: 'ES91 2100 0418 4502 0005 1332' };
const PIX = { kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Cobranças Brasil Ltda', pix_key_type: 'cnpj', pix_key: '11.222.333/0001-81' };
const CLABE = { kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Cobros del Norte SA de CV', clabe: '032180000118359719' };

type Qr = { customer_id: string; invoice_id: string | null; currency: string; amount: number;
  accounts: { id: string; kind: string; reference: string; format: string; payload: string; svg: string }[] };

describe('payment QR codes', () => {
  let customer = '';
  const invoices: Record<string, string> = {};
  before(async () => {
    assert.equal((await call('PUT', '/v1/bank-transfer', { accounts: [SEPA, PIX, CLABE] })).statusCode, 200);
    const c = await call('POST', '/v1/customers', { external_id: 'QR-7', name: 'Livraria Aurora', email: 'contas@aurora.example', country: 'BR', language: 'pt-BR' });
    assert.equal(c.statusCode, 201, c.body);
    customer = c.json().id;
    for (const [number, currency, amount, due] of [['QR-2026-2', 'EUR', 23_456, '2026-03-01'], ['QR-2026-1', 'EUR', 100_000, '2026-02-01'],
      ['QR-2026-3', 'BRL', 98_765, '2026-02-15']] as const) {
      const i = await call('POST', '/v1/invoices', { customer_id: customer, number, currency, amount, issue_date: '2026-01-10', due_date: due });
      assert.equal(i.statusCode, 201, i.body);
      invoices[number] = i.json().id;
    }
  });

  it('gives the EPC code for the euros the customer owes, quoting the invoices oldest first, to every role', async () => {
    const r = await call('GET', `/v1/customers/${customer}/bank-transfer/qr?currency=EUR`, undefined, t.keys.viewer);
    assert.equal(r.statusCode, 200, r.body);
    const qr = r.json() as Qr;
    assert.deepEqual([qr.customer_id, qr.invoice_id, qr.currency, qr.amount], [customer, null, 'EUR', 123_456]);
    assert.equal(qr.accounts.length, 1);
    const [a] = qr.accounts;
    assert.deepEqual([a!.kind, a!.format, a!.reference], ['sepa', 'epc', 'QR-2026-1 QR-2026-2']);
    assert.equal(a!.payload, 'BCD\n002\n1\nSCT\n\nCobros Europa SL\nES9121000418450200051332\nEUR1234.56\n\n\nQR-2026-1 QR-2026-2');
    assert.equal(readSvg(a!.svg), a!.payload);
  });

  it('refuses what it cannot answer, naming the field', async () => {
    const cases: [string, number, string][] = [
      [`/v1/customers/${customer}/bank-transfer/qr`, 400, 'currency'],
      [`/v1/customers/${customer}/bank-transfer/qr?currency=eur`, 400, 'querystring.currency'],
      [`/v1/customers/${customer}/bank-transfer/qr?currency=USD`, 400, 'currency'],
      [`/v1/customers/${customer}/bank-transfer/qr?currency=BRL`, 409, 'currency'],
      [`/v1/customers/${customer}/bank-transfer/qr?currency=EUR&account_id=nope`, 400, 'querystring.account_id'],
      [`/v1/customers/${customer}/bank-transfer/qr?currency=EUR&account_id=bta_nothere00`, 404, 'account_id'],
      ['/v1/customers/cus_nothere/bank-transfer/qr?currency=EUR', 404, 'id'],
      ['/v1/invoices/inv_nothere/bank-transfer/qr', 404, 'id'],
    ];
    for (const [url, status, field] of cases) {
      const r = await call('GET', url);
      assert.deepEqual([r.statusCode, r.json().error?.field], [status, field], `${url}: ${r.body}`);
    }
    const other = await call('GET', `/v1/customers/${customer}/bank-transfer/qr?currency=EUR`, undefined, t.otherKey);
    assert.equal(other.statusCode, 404, 'another org\'s customer is not found');
  });

  it('gives the PIX code once the key has its city, for one invoice by its number, with a CRC that checks', async () => {
    const settings = (await call('GET', '/v1/bank-transfer')).json() as { accounts: { kind: string }[] };
    const accounts = settings.accounts.map((a) => (a.kind === 'br_pix' ? { ...a, city: 'Belo Horizonte' } : a));
    assert.equal((await call('PUT', '/v1/bank-transfer', { accounts })).statusCode, 200);
    const r = await call('GET', '/v1/invoices/QR-2026-3/bank-transfer/qr');
    assert.equal(r.statusCode, 200, r.body);
    const qr = r.json() as Qr;
    assert.deepEqual([qr.invoice_id, qr.currency, qr.amount], [invoices['QR-2026-3'], 'BRL', 98_765]);
    const [a] = qr.accounts;
    assert.equal(a!.format, 'pix');
    assert.match(a!.payload, /^00020126490014br\.gov\.bcb\.pix0114112223330001810209QR-2026-35204000053039865406987\.655802BR5921Cobrancas Brasil Ltda6014Belo Horizonte62110507QR202636304[0-9A-F]{4}$/);
    assert.equal(a!.payload.slice(-4), crc16(a!.payload.slice(0, -4)));
    assert.equal(readSvg(a!.svg), a!.payload);
  });

  it('shows the codes in the portal\'s account and statement for the balance owed in each currency', async () => {
    const token = (await call('POST', `/v1/customers/${customer}/portal-link`, {})).json().token as string;
    const portal = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'x-portal-token': token } });
    const r = await portal('/portal/api/account');
    assert.equal(r.statusCode, 200, r.body);
    const views = r.json().bank_transfer as { currency: string; accounts: { kind: string; qr?: { format: string; payload: string; svg: string } }[] }[];
    const byCurrency = new Map(views.map((v) => [v.currency, v.accounts]));
    const epc = byCurrency.get('EUR')![0]!.qr!;
    assert.equal(epc.payload, 'BCD\n002\n1\nSCT\n\nCobros Europa SL\nES9121000418450200051332\nEUR1234.56\n\n\nQR-2026-1 QR-2026-2');
    assert.equal(readSvg(epc.svg), epc.payload);
    const pix = byCurrency.get('BRL')![0]!.qr!;
    assert.equal(readSvg(pix.svg), pix.payload);
    assert.match(pix.payload, /5406987\.65/);
    const html = (await portal('/portal/api/statement')).body;
    assert.equal(html.split('<figure class="qr">').length - 1, 2, 'a code for each currency in the statement');
    assert.ok(html.includes(`<dd class="code">${pix.payload}</dd>`), 'the copia e cola code written out');
    const pdf = await portal('/portal/api/statement.pdf');
    assert.equal(pdf.statusCode, 200);
    assert.ok(pdfRectangles(pdf.rawPayload).length > 100, 'the PDF draws the codes');
  });
});
