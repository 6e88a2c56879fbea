// The reconciliation screen in Chromium: a bank statement built here (camt.053) is uploaded; the line that names its invoice
// is applied at once, the one that only fits by amount waits in the review queue with its reasons; a viewer reads the
// queue with nothing to press; the keyboard accepts the proposal and the invoice's balance drops to zero; a credit nothing
// matched is split across two invoices found by search; a stray credit is marked as not ours and put back; a broken file is refused
// naming the line.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { camt053 } from '../../src/reconciliation/testing/camt053-builder.ts';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';

interface Invoice { id: string; number: string; balance: number; status: string }

let s: Served;
let page: Page;
const invoices: Record<string, Invoice> = {};

async function post<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(`${s.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}
const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

const statement = camt053([
  { date: '2026-03-02', direction: 'CRDT', amount: '1234.00', name: 'Ferreteria Browser SA', text: 'Pago factura RB-1001', ref: 'B1' },
  { date: '2026-03-03', direction: 'CRDT', amount: '987.65', name: 'F BROWSER', text: 'transferencia marzo', ref: 'B2' },
  { date: '2026-03-04', direction: 'CRDT', amount: '3.21', name: 'SAT', text: 'devolucion de impuestos', ref: 'B3' },
  { date: '2026-03-05', direction: 'CRDT', amount: '450.00', name: 'GRUPO SIN NOMBRE', text: 'pagos varios', ref: 'B4' },
], { currency: 'MXN', id: 'BROWSER-1', account: 'MX12BANK000111' });

before(async () => {
  s = await serve(20);
  const customers = await s.api<{ data: { id: string }[] }>('/v1/customers?limit=1');
  const customer = customers.data[0]!.id;
  for (const [number, amount] of [['RB-1001', 123_400], ['RB-2002', 98_765], ['RB-3003', 30_000], ['RB-4004', 25_000]] as const) {
    invoices[number] = await post<Invoice>('/v1/invoices', { customer_id: customer, number, currency: 'MXN', amount, issue_date: '2026-02-01', due_date: '2026-02-28' });
  }
  page = await s.newPage();
});
after(async () => { await s?.close(); });

const balance = async (number: string) => (await s.api<Invoice>(`/v1/invoices/${invoices[number]!.id}`)).balance;

describe('reconciliation in a browser', () => {
  it('refuses a statement that does not parse, naming the line, and imports nothing', async () => {
    await s.signIn(page, 'admin@test.cobro');
    await page.getByRole('navigation').getByRole('link', { name: 'Reconciliation' }).click();
    await page.getByRole('heading', { name: 'Reconciliation', level: 1 }).waitFor();
    const broken = statement.replace('<Amt Ccy="MXN">987.65</Amt>', '<Amt Ccy="MXN">98x.65</Amt>');
    await page.getByLabel('Statement file').setInputFiles({ name: 'broken.xml', mimeType: 'application/xml', buffer: Buffer.from(broken) });
    await page.getByRole('button', { name: 'Import statement' }).click();
    const error = page.getByTestId('statement-error');
    await error.waitFor();
    assert.match(squash(await error.textContent()), /nothing was imported.*line \d+/i);
    assert.equal((await s.api<{ data: unknown[] }>('/v1/statements')).data.length, 0);
  });

  it('uploads a camt.053: one line applied at once, one in review with its proposal, confidence and reasons', async () => {
    await page.getByLabel('Statement file').setInputFiles({ name: 'march.xml', mimeType: 'application/xml', buffer: Buffer.from(statement) });
    await page.getByRole('button', { name: 'Import statement' }).click();
    const result = page.getByTestId('statement-result');
    await result.waitFor();
    const figure = async (id: string) => squash(await result.locator(`[data-figure="${id}"] dd`).textContent());
    assert.deepEqual([await figure('lines'), await figure('applied'), await figure('review'), await figure('unmatched')], ['4', '1', '1', '2']);
    assert.match(squash(await result.getByRole('status').textContent()), /camt\.053/);
    assert.equal(await balance('RB-1001'), 0, 'the line naming RB-1001 paid it without review');
    const card = page.locator('[data-line-card][data-state="review"]');
    await card.waitFor();
    const text = squash(await card.textContent());
    assert.match(text, /987\.65/);
    assert.match(text, /RB-2002/);
    assert.match(text, /\d+% sure/);
    assert.ok((await card.locator('.reasons li').count()) > 0, 'the proposal says why');
    assert.equal(await page.locator('[data-line-card][data-state="unmatched"]').count(), 2);
    await shot(page, 'reconciliation');
  });

  it('gives a viewer the queue and the statements to read, with no upload and no decisions', async () => {
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await viewer.goto(`${s.url}/reconciliation`);
    await viewer.getByTestId('read-only').waitFor();
    await viewer.locator('[data-line-card][data-state="review"]').waitFor();
    await viewer.getByTestId('statements').getByRole('link', { name: 'march.xml' }).waitFor();
    assert.equal(await viewer.getByLabel('Statement file').count(), 0);
    for (const name of ['Accept', 'Not ours', 'Choose invoices', 'Choose other invoices or split']) {
      assert.equal(await viewer.getByRole('button', { name }).count(), 0, name);
    }
    await shot(viewer, 'reconciliation-viewer');
    await viewer.context().close();
  });

  it('accepts the proposal from the keyboard and the invoice balance drops to zero', async () => {
    assert.equal(await balance('RB-2002'), 98_765);
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-state'));
    assert.equal(focused, 'review', 'j moves to the first waiting line');
    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Accepted: the payment is on the invoices.' }).waitFor();
    assert.equal(await balance('RB-2002'), 0);
    // The message shows as soon as the API answers; the queue reloads just after, so wait for the card to go.
    await page.waitForFunction(() => document.querySelectorAll('[data-line-card][data-state="review"]').length === 0, undefined, { timeout: 10_000 });
  });

  it('splits a credit nothing matched across two invoices chosen by search; the rest of the second stays owed', async () => {
    const card = page.locator('[data-line-card]').filter({ hasText: 'pagos varios' });
    await card.getByRole('button', { name: 'Choose invoices' }).click();
    const editor = card.getByTestId('allocation-editor');
    for (const number of ['RB-3003', 'RB-4004']) {
      await editor.getByLabel('Find open invoices in MXN').fill(number);
      await editor.getByRole('button', { name: `Add invoice ${number}` }).click();
    }
    assert.equal(await editor.getByLabel('Amount to invoice RB-3003').inputValue(), '300.00');
    assert.equal(await editor.getByLabel('Amount to invoice RB-4004').inputValue(), '150.00');
    assert.match(squash(await editor.getByTestId('allocation-left').textContent()), /Left as customer credit: MX\$0\.00/);
    await shot(page, 'reconciliation-split');
    await editor.getByRole('button', { name: 'Apply to these invoices' }).click();
    await page.getByRole('status').filter({ hasText: 'Applied to the invoices chosen.' }).waitFor();
    assert.deepEqual([await balance('RB-3003'), await balance('RB-4004')], [0, 10_000]);
    // the queue reloads just after the message: the line applied leaves it
    await card.waitFor({ state: 'detached' });
  });

  it('marks a stray credit as not ours, and the queue is empty', async () => {
    const card = page.locator('[data-line-card][data-state="unmatched"]');
    assert.match(squash(await card.textContent()), /devolucion de impuestos/);
    await card.getByRole('button', { name: 'Not ours' }).click();
    await page.getByRole('status').filter({ hasText: 'Marked as not ours.' }).waitFor();
    await page.getByTestId('queue-count').filter({ hasText: '0 lines waiting' }).waitFor();
    const queue = await s.api<{ data: unknown[] }>('/v1/reconciliation/queue');
    assert.equal(queue.data.length, 0);
    await shot(page, 'reconciliation-done');
  });

  it('shows the credits marked not ours and puts one back on the queue', async () => {
    await page.getByLabel('Show').selectOption('not_receivable');
    const card = page.locator('[data-line-card][data-state="not_receivable"]');
    assert.match(squash(await card.textContent()), /devolucion de impuestos/);
    assert.equal(await card.getByRole('button', { name: 'Not ours' }).count(), 0, 'no decisions on a line set aside, only putting it back');
    await card.getByRole('button', { name: 'Put back on the queue' }).click();
    await page.getByRole('status').filter({ hasText: 'Back on the queue, unmatched.' }).waitFor();
    await page.getByTestId('queue-count').filter({ hasText: '0 lines waiting' }).waitFor();
    const queue = await s.api<{ data: { match_state: string }[] }>('/v1/reconciliation/queue');
    assert.deepEqual(queue.data.map((l) => l.match_state), ['unmatched']);
    await page.getByLabel('Show').selectOption('');
    await page.locator('[data-line-card][data-state="unmatched"]').waitFor();
  });
});
