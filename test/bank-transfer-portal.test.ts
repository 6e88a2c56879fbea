// Bank transfer details where the debtor looks (PGlite and PostgreSQL): the portal's account through its API, for the
// currency owed with the reference to quote, and the statement (HTML and PDF) that the debtor downloads.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { portalAccount, statementHtml, statementPdf } from '../src/portal/index.ts';
import { readPdf } from './support/pdf.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';

const NOW = new Date('2026-03-15T12:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => NOW); });
after(async () => { await t.close(); });

const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(t.keys.admin), ...(payload !== undefined ? { payload: payload as object } : {}) });

const CLABE = { kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Cobros del Norte SA de CV', bank_name: 'BBVA México', clabe: '032180000118359719' };
const SEPA = { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Cobros Europa SL', iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX' };

describe('the debtor sees how to pay by transfer', () => {
  let customer = '';
  let token = '';
  before(async () => {
    assert.equal((await call('PUT', '/v1/bank-transfer', { accounts: [CLABE, SEPA] })).statusCode, 200);
    const c = await call('POST', '/v1/customers', { external_id: 'CLI-77', name: 'Abarrotes La Central', email: 'pagos@lacentral.example',
      country: 'MX', language: 'es', timezone: 'America/Mexico_City' });
    assert.equal(c.statusCode, 201, c.body);
    customer = c.json().id;
    for (const [number, due] of [['FAC-2026-0101', '2026-02-01'], ['FAC-2026-0102', '2026-03-01']]) {
      const i = await call('POST', '/v1/invoices', { customer_id: customer, number, currency: 'MXN', amount: 150_000, issue_date: '2026-01-10', due_date: due });
      assert.equal(i.statusCode, 201, i.body);
    }
    token = (await call('POST', `/v1/customers/${customer}/portal-link`, {})).json().token;
  });

  it('in the portal\'s account: the accounts of the currency owed, in their language, quoting the open invoices', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/portal/api/account', headers: { 'x-portal-token': token } });
    assert.equal(r.statusCode, 200, r.body);
    const views = r.json().bank_transfer as { currency: string; accounts: { reference: string; lines: { label: string; value: string }[]; main: { copy: string } }[] }[];
    assert.deepEqual(views.map((v) => v.currency), ['MXN']);
    const [account] = views[0]!.accounts;
    assert.equal(account!.reference, 'FAC-2026-0101 FAC-2026-0102');
    assert.deepEqual(account!.lines.map((l) => [l.label, l.value]), [['Beneficiario', 'Cobros del Norte SA de CV'], ['Banco', 'BBVA México'], ['CLABE', '032180000118359719']]);
    assert.equal(account!.main.copy, '032180000118359719');
  });

  it('in the statement, HTML and PDF', async () => {
    const a = await portalAccount(t.db, { orgId: t.org, customerId: customer, linkId: '' }, NOW);
    assert.ok(a.ok);
    const html = statementHtml(a.value);
    assert.match(html, /Pagar por transferencia bancaria \(MXN\)/);
    assert.match(html, /<strong>FAC-2026-0101 FAC-2026-0102<\/strong>/);
    const pdf = readPdf(await statementPdf(a.value, NOW)).text;
    for (const part of ['Pagar por transferencia bancaria (MXN)', 'CLABE:', '032180000118359719', 'Referencia a indicar:', 'FAC-2026-0101 FAC-2026-0102']) {
      assert.ok(pdf.includes(part), `${part} in the PDF`);
    }
  });

  it('quotes the customer\'s reference when the org chose it, and shows nothing once the accounts are gone', async () => {
    assert.equal((await call('PUT', '/v1/bank-transfer', { accounts: [CLABE], reference: 'customer_reference' })).statusCode, 200);
    let a = await portalAccount(t.db, { orgId: t.org, customerId: customer, linkId: '' }, NOW);
    assert.ok(a.ok);
    assert.equal(a.value.bank_transfer?.[0]?.accounts[0]?.reference, 'CLI-77');
    assert.equal((await call('PUT', '/v1/bank-transfer', { accounts: [] })).statusCode, 200);
    a = await portalAccount(t.db, { orgId: t.org, customerId: customer, linkId: '' }, NOW);
    assert.ok(a.ok);
    assert.deepEqual(a.value.bank_transfer, []);
    assert.doesNotMatch(statementHtml(a.value), /transferencia/);
  });
});
