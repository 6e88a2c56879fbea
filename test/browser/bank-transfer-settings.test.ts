// The bank transfer settings in Chromium: an admin adds a CLABE, a wrong check digit is refused naming the field, the
// account is listed and saved through the API; in Spanish the card speaks Spanish.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { serve, type Served } from './support.ts';

let s: Served;
let page: Page;
before(async () => {
  s = await serve(5);
  page = await s.newPage();
  await s.signIn(page, 'admin@test.cobro');
});
after(async () => { await s?.close(); });

describe('bank transfer settings in a browser', () => {
  it('adds a CLABE after refusing one with a wrong check digit', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { name: 'Bank transfer details' }).waitFor();
    await page.getByText('No accounts yet').waitFor();
    await page.getByLabel('Kind').selectOption('mx_clabe');
    assert.equal(await page.getByLabel('Currency', { exact: true }).last().inputValue(), 'MXN');
    await page.getByLabel('Beneficiary').fill('Distribuidora Demo SA de CV');
    await page.getByLabel('CLABE').fill('032180000118359718');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByRole('alert').filter({ hasText: 'accounts.0.clabe' }).waitFor();
    await page.getByLabel('CLABE').fill('032180000118359719');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByRole('table', { name: 'Bank transfer details' }).getByText('CLABE: 032180000118359719').waitFor();
    const saved = await s.api<{ accounts: { kind: string; clabe: string }[] }>('/v1/bank-transfer');
    assert.deepEqual(saved.accounts.map((a) => [a.kind, a.clabe]), [['mx_clabe', '032180000118359719']]);
  });

  it('speaks Spanish when the user does', async () => {
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    await page.getByRole('heading', { name: 'Datos para transferencia bancaria' }).waitFor();
    await page.getByText('México (CLABE)').first().waitFor();
  });
});
