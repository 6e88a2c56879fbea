// The debtor portal in Chromium shows how to pay by bank transfer: the org's CLABE for the pesos owed, the reference to
// quote (the open invoices' numbers), and copy buttons that put each value on the clipboard; nothing without accounts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addDays, dateInZone } from '../../src/domain/index.ts';
import { createPortalLink } from '../../src/portal/index.ts';
import { setTransferSettings } from '../../src/payments/transfer/index.ts';
import { aCustomer, anInvoice } from '../support/factories.ts';
import { serve, type Served } from './support.ts';

const ZONE = 'America/Mexico_City';
let s: Served;
let org: string;
const pages: Page[] = [];
before(async () => {
  s = await serve(5);
  org = (await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1'))[0]!.id;
});
after(async () => {
  for (const p of pages) await p.context().close();
  await s?.close();
});

async function portalOf(name: string, currency: string): Promise<Page> {
  const today = dateInZone(new Date(), ZONE);
  const c = await aCustomer(s.db, org, { name, country: 'MX', timezone: ZONE, language: 'es' });
  for (const suffix of ['A', 'B']) {
    await anInvoice(s.db, org, { customer_id: c.id, number: `TRF-${name.length}-${suffix}`, currency, amount: 250_000, issue_date: addDays(today, -30), due_date: addDays(today, suffix === 'A' ? -5 : 10) });
  }
  const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
  assert.ok(link.ok);
  const context = await s.browser.newContext({ locale: 'es-MX', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  pages.push(page);
  await page.goto(`${s.url}/p/${link.value.token}`);
  await page.getByRole('heading', { level: 1, name: `Hola, ${name}` }).waitFor();
  return page;
}

describe('bank transfer details in the portal', () => {
  before(async () => {
    const r = await setTransferSettings(s.db, org, 'test', { accounts: [
      { kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Distribuidora Demo SA de CV', bank_name: 'BBVA México', clabe: '032180000118359719' },
      { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo Europa SL', iban: 'ES9121000418450200051332' },
    ] }, new Date());
    assert.ok(r.ok);
  });

  it('shows the CLABE for the pesos owed with the reference to quote, and copies them', async () => {
    const name = 'Transferencia Uno';
    const page = await portalOf(name, 'MXN');
    await page.getByRole('button', { name: 'Pagar por transferencia bancaria' }).click();
    const details = page.getByRole('group', { name: 'Pagar por transferencia bancaria (MXN)' });
    await details.waitFor();
    const text = await details.innerText();
    for (const part of ['Beneficiario', 'Distribuidora Demo SA de CV', 'CLABE', '032180000118359719', 'Referencia a indicar', `TRF-${name.length}-A TRF-${name.length}-B`]) {
      assert.ok(text.includes(part), `${part} in ${text}`);
    }
    assert.ok(!text.includes('ES91'), 'the euro account is not shown for pesos');
    await page.getByRole('button', { name: 'Copiar CLABE' }).click();
    await page.getByRole('status').filter({ hasText: 'CLABE copiado.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '032180000118359719');
    await page.getByRole('button', { name: 'Copiar Referencia a indicar' }).click();
    await page.getByRole('status').filter({ hasText: 'Referencia a indicar copiado.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `TRF-${name.length}-A TRF-${name.length}-B`);
  });

  it('offers no transfer where the org has no account in the currency owed', async () => {
    const page = await portalOf('Sin Cuenta Dos', 'USD');
    await page.getByRole('button', { name: 'Pagar ahora' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Pagar por transferencia bancaria' }).count(), 0);
  });
});
