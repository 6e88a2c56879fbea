// The statement as a PDF through the API: the debtor downloads their own from the portal (rate-limited like the other
// downloads, never another debtor's invoice), and staff fetch a customer's with an API key of their own org only; a name
// outside WinAnsi comes back whole from the embedded font.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildServer } from '../src/api/index.ts';
import { money } from '../src/portal/statement.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { readPdf } from './support/pdf.ts';

let t: TestApi;
before(async () => { t = await testApi(() => new Date('2026-03-15T12:00:00Z')); });
after(async () => { await t.close(); });

const staff = (method: 'GET' | 'POST', url: string, payload?: object, key = t.keys.admin) =>
  t.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
const portal = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: { 'x-portal-token': token } });

let n = 0;
async function debtor(language: string, invoices: [string, number, string][], name?: string) {
  n += 1;
  const c = await staff('POST', '/v1/customers', { external_id: `PDF-${n}`, name: name ?? `Ferretería Nº ${n}`, email: `pdf${n}@example.com`, country: 'US',
    timezone: 'America/Chicago', language });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  const ids: string[] = [];
  for (const [number, amount, due] of invoices) {
    const r = await staff('POST', '/v1/invoices', { customer_id: id, number, currency: 'USD', amount, issue_date: '2026-01-15', due_date: due });
    assert.equal(r.statusCode, 201, r.body);
    ids.push(r.json().id as string);
  }
  const link = await staff('POST', `/v1/customers/${id}/portal-link`, {});
  assert.equal(link.statusCode, 201, link.body);
  return { id, invoices: ids, token: link.json().token as string };
}

function assertPdf(r: Awaited<ReturnType<typeof portal>>, filename: RegExp) {
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.match(String(r.headers['content-disposition']), filename);
  assert.equal(r.headers['cache-control'], 'private, no-store');
  return readPdf(r.rawPayload);
}

describe('the PDF statement in the portal', () => {
  it('is the debtor\'s own, in their language, with every open invoice and the total', async () => {
    const a = await debtor('es', [['A-100', 120_000, '2026-03-01'], ['A-101', 30_000, '2026-04-01']]);
    const b = await debtor('pt-BR', [['B-200', 77_700, '2026-02-01']]);
    const pdf = assertPdf(await portal(a.token, '/portal/api/statement.pdf'), /^attachment; filename="statement-2026-03-15\.pdf"$/);
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const part of ['Estado de cuenta', `Ferretería Nº ${n - 1}`, 'A-100', 'A-101', 'Días de atraso', money(120_000, 'USD', 'es-US'),
      `Total adeudado: ${money(150_000, 'USD', 'es-US')}`, 'No es un comprobante fiscal.']) assert.ok(text.includes(part), `"${part}" in ${text}`);
    assert.ok(!text.includes('B-200'));
    const one = assertPdf(await portal(a.token, `/portal/api/invoices/${a.invoices[1]}/statement.pdf`), /^attachment; filename="invoice-A-101\.pdf"$/);
    assert.ok(one.text.includes('Factura A-101') && !one.text.includes('A-100'), one.text);
    // another debtor's invoice is not on this account
    const theirs = await portal(a.token, `/portal/api/invoices/${b.invoices[0]}/statement.pdf`);
    assert.deepEqual([theirs.statusCode, theirs.json().error.field], [404, 'id']);
    assert.ok(readPdf((await portal(b.token, '/portal/api/statement.pdf')).rawPayload).text.includes('Extrato de conta'));
    const none = await t.app.inject({ method: 'GET', url: '/portal/api/statement.pdf' });
    assert.deepEqual([none.statusCode, none.json().error.field], [401, 'token']);
  });

  it('is counted by the portal\'s rate limit per link, like the other downloads', async () => {
    const a = await debtor('en', [['R-1', 5_000, '2026-03-01']]);
    const limited = await buildServer({ db: t.db, now: () => new Date('2026-03-15T12:00:00Z') },
      { limits: { portalPerToken: 2, portalPerIp: 100, webhookPerIp: 100, clockMs: () => 0 } });
    try {
      const get = () => limited.inject({ method: 'GET', url: '/portal/api/statement.pdf', headers: { 'x-portal-token': a.token } });
      assert.deepEqual([(await get()).statusCode, (await get()).statusCode, (await get()).statusCode], [200, 200, 429]);
    } finally { await limited.close(); }
  });
});

describe('a PDF statement naming a debtor outside WinAnsi', () => {
  it('carries the name in an embedded DejaVu Sans, read back through its ToUnicode map, in the portal and for staff', async () => {
    const a = await debtor('es', [['C-1', 98_765, '2026-03-01']], 'Дмитрий Иванов, Σοφία Łukasz Żółć');
    const portalPdf = assertPdf(await portal(a.token, '/portal/api/statement.pdf'), /^attachment; filename="statement-2026-03-15\.pdf"$/);
    const staffPdf = assertPdf(await staff('GET', `/v1/customers/${a.id}/statement.pdf`), /^attachment; filename="statement-PDF-\d+-2026-03-15\.pdf"$/);
    for (const pdf of [portalPdf, staffPdf]) {
      for (const part of ['Дмитрий Иванов, Σοφία Łukasz Żółć', 'Estado de cuenta', 'C-1', `Total adeudado: ${money(98_765, 'USD', 'es-US')}`]) {
        assert.ok(pdf.text.replace(/\s+/g, ' ').includes(part), `"${part}" in ${pdf.text}`);
      }
      assert.deepEqual(new Set(pdf.encodings), new Set(['Identity-H']), 'no standard font left');
      assert.equal(pdf.type0.size, 2, 'DejaVu Sans and its bold');
    }
  });
});

describe('the PDF statement for staff', () => {
  it('is the customer\'s statement, by id or external id, for any role of the org and no other org', async () => {
    const a = await debtor('en', [['S-300', 45_000, '2026-02-15']]);
    const r = await staff('GET', `/v1/customers/${a.id}/statement.pdf`, undefined, t.keys.viewer);
    const pdf = assertPdf(r, new RegExp(`^attachment; filename="statement-PDF-${n}-2026-03-15\\.pdf"$`));
    for (const part of ['Statement of account', 'Main', 'S-300', `Total owed: ${money(45_000, 'USD', 'en-US')}`, 'Page 1 of 1']) {
      assert.ok(pdf.text.includes(part), `"${part}" in ${pdf.text}`);
    }
    assert.equal((await staff('GET', `/v1/customers/PDF-${n}/statement.pdf`)).statusCode, 200);
    const other = await staff('GET', `/v1/customers/${a.id}/statement.pdf`, undefined, t.otherKey);
    assert.equal(other.statusCode, 404);
    assert.deepEqual([other.json().error.code, other.json().error.field], ['NOT_FOUND', 'id']);
    assert.equal((await t.app.inject({ method: 'GET', url: `/v1/customers/${a.id}/statement.pdf` })).statusCode, 401);
  });
});
