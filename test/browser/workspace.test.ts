// The collectors' workspace in Chromium against a real server: sign in, dashboard figures, customers, invoices, CSV, imports, language, roles.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, moneyText, readUntil, serve, squash, type Served } from './support.ts';

interface AgingLine { currency: string; current: number; total: number; invoices: number }
interface Aging { totals: AgingLine[]; customers: (AgingLine & { customer_id: string; name: string })[] }

let s: Served;
let page: Page;
before(async () => {
  s = await serve();
  page = await s.newPage();
});
after(async () => { await s?.close(); });

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('the workspace in a browser', () => {
  it('refuses a wrong password and signs in with the right one', async () => {
    await page.goto(s.url);
    await page.getByLabel('Email').fill('admin@test.cobro');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or the password is wrong.' }).waitFor();
    await shot('sign-in');
    await s.signIn(page, 'admin@test.cobro');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'cobro_session');
    assert.ok(session?.httpOnly);
    assert.equal(session?.sameSite, 'Strict');
  });

  it('shows the overdue total of every currency as the API computes it', async () => {
    const aging = await s.api<Aging>('/v1/aging?customer_limit=1000');
    assert.ok(aging.totals.length >= 3);
    const cards = page.getByTestId('overdue');
    await cards.waitFor();
    for (const line of aging.totals) {
      const card = cards.locator(`a[data-currency="${line.currency}"]`);
      assert.equal(squash(await card.locator('.figure-value').textContent()), moneyText(line.total - line.current, line.currency), line.currency);
    }
    const top = aging.customers.filter((c) => c.currency === 'MXN').sort((a, b) => b.total - a.total)[0]!;
    const firstTop = page.getByTestId('top-balances').locator('tbody tr').first();
    assert.equal(squash(await firstTop.locator('td').nth(1).textContent()), moneyText(top.total, 'MXN'));
    assert.equal(await page.locator('svg.chart a.bar').count(), 6);
    await shot('dashboard');
  });

  it('opens a customer from the top balances with balances, invoices and contact law', async () => {
    const link = page.getByTestId('top-balances').locator('tbody a').first();
    const name = squash(await link.textContent());
    await link.click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByTestId('balances').locator('.figure-value').first().waitFor();
    await page.getByRole('heading', { name: 'Consents and opt-outs' }).waitFor();
    await page.getByRole('table', { name: 'Invoices' }).locator('tbody tr').first().waitFor();
    await shot('customer');
  });

  it('filters invoices by status and days past due, and exports exactly what the filters select', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Invoices' }).click();
    await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
    await page.getByLabel('Open', { exact: true }).check();
    await page.getByLabel('Days past due, at least').fill('31');
    await page.waitForURL(/dpd_min=31/);
    const api = await s.api<{ data: { status: string; due_date: string; customer_name: string }[]; has_more: boolean }>('/v1/invoices?status=open&dpd_min=31&limit=500');
    assert.ok(api.data.length > 0);
    // the URL changes before the list is read again with its filters (the unfiltered rows stay until then): wait for the
    // rows the filters select, as many as the API lists
    const dpd = await readUntil(async () => (await page.locator('tbody tr td:nth-child(6)').allTextContents()).map(Number),
      (d) => d.length === Math.min(100, api.data.length) && d.every((x) => x >= 31));
    await page.getByTestId('invoice-count').waitFor();
    const names = new Set(api.data.map((i) => i.customer_name));
    const shown = await page.locator('tbody tr td:nth-child(2) a').allTextContents();
    assert.ok(shown.length > 0 && shown.every((n) => names.has(n)), `customer names shown: ${shown.slice(0, 3).join()}`);
    assert.equal(squash(await page.getByTestId('invoice-count').textContent()), `${Math.min(100, api.data.length)} shown`);
    const statuses = await page.locator('tbody .badge').allTextContents();
    assert.ok(statuses.every((x) => x === 'Open'), statuses.join());
    assert.ok(dpd.every((d) => d >= 31), dpd.join());
    await shot('invoices');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.equal(download.suggestedFilename(), 'invoices.csv');
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(csv[0], 'id,number,customer_id,status,currency,amount,balance,issue_date,due_date,days_past_due,customer_name');
    assert.equal(csv.length - 1, api.data.length);
    assert.ok(csv.slice(1).every((l) => l.split(',')[3] === 'open'));
  });

  it('uploads a CSV with a bad row and shows its line and reason; nothing is imported', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Imports' }).click();
    await page.getByLabel('What the file holds').selectOption('invoices');
    const file = ['customer_external_id,number,currency,amount,issue_date,due_date',
      'DEMO-0001,BT-1,MXN,100.00,2026-01-01,2026-02-01',
      'DEMO-0001,BT-2,MXN,abc,2026-01-01,2026-02-01',
      'DEMO-0002,BT-3,MXN,50.00,2026-01-01,2026-13-01'].join('\n');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    assert.match(squash(await report.getByRole('status').textContent()), /Rejected: 2 bad lines/);
    const rows = await report.locator('tbody tr').allTextContents();
    assert.ok(rows.some((r) => r.startsWith('3') && r.includes('amount')), rows.join(' | '));
    assert.ok(rows.some((r) => r.startsWith('4') && r.includes('due_date')), rows.join(' | '));
    const inv = await s.api<{ data: unknown[] }>('/v1/invoices?limit=5&status=open&due_from=2026-02-01&due_to=2026-02-01');
    assert.equal(inv.data.filter((i) => (i as { number: string }).number.startsWith('BT-')).length, 0);
    await shot('imports');
  });

  it('switches the whole interface to Spanish, with money and dates in a Spanish locale', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'Panel', level: 1 }).waitFor();
    const nav = await page.getByRole('navigation').getByRole('link').allTextContents();
    assert.deepEqual(nav.slice(0, 5), ['Panel', 'Pendientes', 'Traspasos', 'Clientes', 'Facturas']);
    const aging = await s.api<Aging>('/v1/aging');
    const mxn = aging.totals.find((l) => l.currency === 'MXN')!;
    const card = page.getByTestId('overdue').locator('a[data-currency="MXN"] .figure-value');
    assert.equal(squash(await card.textContent()), moneyText(mxn.total - mxn.current, 'MXN', 'es-MX'));
    await shot('dashboard-es');
    await page.getByLabel('Idioma').selectOption('en');
  });

  it('lets an admin create an API key whose secret is shown once, and invite a user', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Name', { exact: true }).first().fill('erp');
    await page.getByRole('button', { name: 'Create key' }).click();
    assert.match(squash(await page.getByTestId('secret').textContent()), /^cobro_sk_/);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('#user-email').fill('nueva@test.cobro');
    await page.getByRole('button', { name: 'Invite' }).click();
    assert.ok(squash(await page.getByTestId('secret').textContent()).length >= 16);
    await page.getByRole('cell', { name: 'nueva@test.cobro' }).waitFor();
    await shot('settings');
  });

  it('gives a viewer pages to read and nothing to change', async () => {
    const viewer = await s.newPage();
    await s.signIn(viewer, 'viewer@test.cobro');
    await viewer.goto(`${s.url}/imports`);
    await viewer.getByText('Imports need the manager or admin role.').waitFor();
    assert.equal(await viewer.getByRole('button', { name: 'Import', exact: true }).isDisabled(), true);
    await viewer.goto(`${s.url}/settings`);
    await viewer.getByText('Users and API keys are managed by admins.').waitFor();
    assert.equal(await viewer.getByRole('button', { name: 'Create key' }).count(), 0);
    await viewer.context().close();
  });

  it('signs out and is back at the sign-in page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to your workspace' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/v1/me')).status);
    assert.equal(me, 401);
  });
});
