// The import wizard in Chromium: a Spanish-style invoice file (semicolons, decimal commas, day/month/year, its own column
// names) is read in the page, mapped by name, previewed with its bad row flagged, rejected whole on upload with the row
// and field named (no invoice appears), then imported once fixed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';

interface Invoice { number: string; amount: number; due_date: string; currency: string }

let s: Served;
let page: Page;
before(async () => {
  s = await serve(10);
  page = await s.newPage();
});
after(async () => { await s?.close(); });

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const header = 'Cliente;Factura;Moneda;Importe;Fecha emisión;Vencimiento;Notas';
const file = (amount: string) => [header,
  'DEMO-0001;WZ-1;MXN;1.234,50;01/02/2026;28/02/2026;primera',
  `DEMO-0002;WZ-2;MXN;${amount};03/02/2026;05/03/2026;segunda`,
  'DEMO-0001;WZ-3;MXN;99,00;04/02/2026;06/03/2026;tercera'].join('\r\n');
const ours = async () => (await s.api<{ data: Invoice[] }>('/v1/invoices?limit=500&due_from=2026-02-28&due_to=2026-03-06')).data.filter((i) => i.number.startsWith('WZ-'));

async function choose(name: string, content: string) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
}

describe('the import wizard in a browser', () => {
  it('reads the header in the page and maps each field by name, with the delimiter, decimal comma and date format guessed', async () => {
    await s.signIn(page, 'admin@test.cobro');
    await page.getByRole('navigation').getByRole('link', { name: 'Imports' }).click();
    await page.getByLabel('What the file holds').selectOption('invoices');
    await choose('facturas.csv', file('12,3x'));
    await page.getByTestId('header-read').filter({ hasText: 'Read 7 columns from the header and 3 sample rows.' }).waitFor();
    const mapped = async (field: string) => page.locator(`#map-${field}`).inputValue();
    assert.deepEqual([await mapped('customer_external_id'), await mapped('number'), await mapped('currency'), await mapped('amount'),
      await mapped('issue_date'), await mapped('due_date')], ['Cliente', 'Factura', 'Moneda', 'Importe', 'Fecha emisión', 'Vencimiento']);
    assert.equal(await page.getByLabel('Delimiter').inputValue(), ';');
    assert.equal(await page.getByLabel('Decimal mark').inputValue(), ',');
    assert.equal(await page.getByLabel('Date format').inputValue(), 'DD/MM/YYYY');
    assert.match(await page.locator('#import-mapping').inputValue(), /"amount": "Importe"/);
  });

  it('previews the first rows as cobro will read them, the bad one flagged by line and field', async () => {
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    const first = squash(await preview.locator('tr[data-line="2"]').textContent());
    assert.match(first, /WZ-1.*\$1,234\.50.*Feb 28, 2026/);
    const bad = preview.locator('tr[data-line="3"] td.error');
    assert.equal(await bad.count(), 1);
    assert.match(squash(await bad.textContent()), /12,3x/);
    assert.match(squash(await preview.textContent()), /1 of the first rows have errors/);
    await shot('imports-wizard');
  });

  it('rejects the whole file on upload, naming the row and the field, and no invoice appears', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    assert.match(squash(await report.getByRole('status').textContent()), /Rejected: 1 bad lines/);
    const rows = (await report.locator('tbody tr').allTextContents()).map(squash);
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /^3 ?amount \(file column "Importe"\)/);
    assert.deepEqual(await ours(), []);
    await shot('imports-rejected');
    await page.goto(`${s.url}/invoices?due_from=2026-02-28&due_to=2026-03-06`);
    await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
    await page.getByTestId('invoice-count').waitFor();
    assert.equal(await page.getByRole('cell', { name: /^WZ-/ }).count(), 0, 'the invoices list shows nothing new');
    await page.getByRole('navigation').getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
  });

  it('imports the fixed file, every amount and date read as previewed', async () => {
    await page.getByLabel('What the file holds').selectOption('invoices');
    await choose('facturas.csv', file('12,30'));
    await page.getByTestId('import-preview').filter({ hasText: 'The first 3 rows read cleanly.' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.getByRole('status').filter({ hasText: 'Imported.' }).waitFor();
    const got = (await ours()).sort((a, b) => a.number.localeCompare(b.number)).map((i) => [i.number, i.amount, i.due_date]);
    assert.deepEqual(got, [['WZ-1', 123_450, '2026-02-28'], ['WZ-2', 1_230, '2026-03-05'], ['WZ-3', 9_900, '2026-03-06']]);
    await shot('imports-done');
  });
});
