// The debtor portal in Chromium shows the payment QR code beside the transfer details: the EPC code for the euros owed,
// read back from the pixels the browser drew (as a phone would read the screen), and PIX's copia e cola with its button.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addDays, dateInZone } from '../../src/domain/index.ts';
import { createPortalLink } from '../../src/portal/index.ts';
import { setTransferSettings } from '../../src/payments/transfer/index.ts';
import { aCustomer, anInvoice } from '../support/factories.ts';
import { readDrawnQr } from './qr-image.ts';
import { serve, type Served } from './support.ts';

const ZONE = 'Europe/Madrid';
let s: Served;
let org: string;
const pages: Page[] = [];
before(async () => {
  s = await serve(5);
  org = (await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1'))[0]!.id;
  const r = await setTransferSettings(s.db, org, 'test', { accounts: [
    { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo Europa SL', iban: 'ES9121000418450200051332' },
    { kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Demo Brasil Ltda', pix_key_type: 'random', pix_key: '123e4567-e12b-12d1-a456-426655440000', city: 'Curitiba' },
  ] }, new Date());
  assert.ok(r.ok);
});
after(async () => {
  for (const p of pages) await p.context().close();
  await s?.close();
});

async function portalOf(name: string, currency: string, language: 'es' | 'pt-BR', numbers: string[]): Promise<Page> {
  const today = dateInZone(new Date(), ZONE);
  const c = await aCustomer(s.db, org, { name, country: language === 'es' ? 'ES' : 'BR', timezone: ZONE, language });
  for (const [n, number] of numbers.entries()) {
    await anInvoice(s.db, org, { customer_id: c.id, number, currency, amount: 61_050 + n * 1_000, issue_date: addDays(today, -30), due_date: addDays(today, n - 5) });
  }
  const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
  assert.ok(link.ok);
  const context = await s.browser.newContext({ locale: language, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  pages.push(page);
  await page.goto(`${s.url}/p/${link.value.token}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** The image's pixels as the browser drew them (on a 240-pixel canvas), decoded by a QR reader. */
async function readImage(page: Page, alt: string): Promise<string | null> {
  const img = page.getByRole('img', { name: alt });
  await img.waitFor();
  return readDrawnQr(img);
}

describe('payment QR codes in the portal', () => {
  it('shows the EPC code beside the SEPA details, for the euros owed and quoting the invoices', async () => {
    const page = await portalOf('Qr Uno', 'EUR', 'es', ['QRB-1', 'QRB-2']);
    await page.getByRole('button', { name: 'Pagar por transferencia bancaria' }).click();
    const details = page.getByRole('group', { name: 'Pagar por transferencia bancaria (EUR)' });
    await details.waitFor();
    assert.equal(await details.getByRole('img', { name: 'Código QR para pagar por transferencia SEPA' }).count(), 1, 'the code is in the account\'s group');
    assert.ok((await details.innerText()).includes('Escanéalo con la app de tu banco'));
    assert.equal(await readImage(page, 'Código QR para pagar por transferencia SEPA'),
      'BCD\n002\n1\nSCT\n\nDemo Europa SL\nES9121000418450200051332\nEUR1231.00\n\n\nQRB-1 QRB-2');
  });

  it('shows the PIX code and copies its copia e cola text', async () => {
    const page = await portalOf('Qr Dois', 'BRL', 'pt-BR', ['QRP-1']);
    await page.getByRole('button', { name: 'Pagar por transferência bancária' }).click();
    const code = await readImage(page, 'QR Code Pix');
    assert.match(code ?? '', /^00020126670014br\.gov\.bcb\.pix0136123e4567-e12b-12d1-a456-4266554400000205QRP-15204000053039865406610\.505802BR5916Demo Brasil Ltda6008Curitiba62080504QRP16304[0-9A-F]{4}$/);
    await page.getByRole('button', { name: 'Copiar Pix Copia e Cola' }).click();
    await page.getByRole('status').filter({ hasText: 'Pix Copia e Cola copiado.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  });
});
