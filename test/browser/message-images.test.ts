// The case's message view in Chromium shows a reminder email's inline payment QR code: the cid: reference its HTML makes
// is rewritten to the API's copy of the PNG, which loads for the signed-in reader (its pixels read back as the EPC code),
// while the email's HTML itself is never put on the page (the text part shows, as before). The org's logo (a JPEG here)
// heads the email and loads the same way, alt text the org's name.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../../src/domain/ids.ts';
import { recordConsent, setContactProfile } from '../../src/compliance/index.ts';
import { epcPayload, setTransferSettings } from '../../src/payments/transfer/index.ts';
import { dispatchOnce, sandboxAdapters } from '../../src/worker/index.ts';
import { setOrgLogo } from '../../src/orgs/index.ts';
import { JPEG } from '../support/images.ts';
import { aCustomer, anInvoice } from '../support/factories.ts';
import { aSend } from '../support/messaging.ts';
import { readDrawnQr } from './qr-image.ts';
import type { Page } from 'playwright-core';
import { serve, type Served } from './support.ts';

let s: Served;
let page: Page;
let caseId = '';
let invoiceNumber = '';
let orgName = '';
before(async () => {
  s = await serve(5);
  page = await s.newPage();
  await s.signIn(page, 'admin@test.cobro');
  const { db } = s;
  const first = (await db.query<{ id: string; name: string }>('SELECT id, name FROM orgs ORDER BY id LIMIT 1'))[0]!;
  const org = first.id;
  orgName = first.name;
  // a Tuesday afternoon in Madrid, in the debtor's sending window
  const now = new Date('2026-03-10T15:00:00Z');
  const set = await setTransferSettings(db, org, 'test', { reference: 'invoice_numbers', accounts: [
    { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo Europa SL', iban: 'ES9121000418450200051332' }] }, now);
  assert.ok(set.ok);
  assert.ok((await setOrgLogo(db, org, 'test', JPEG, now)).ok);
  const customer = await aCustomer(db, org, { name: 'Qr Correo', country: 'ES', timezone: 'Europe/Madrid', language: 'es', email: 'qr@cliente.example', phone: '+34611000008' });
  await setContactProfile(db, org, 'test', customer.id, { debtor_type: 'business', lawful_basis: 'contract' }, new Date('2026-01-01T00:00:00Z'));
  const invoice = await anInvoice(db, org, { customer_id: customer.id, currency: 'EUR', amount: 150_000, due_date: '2026-02-01' });
  invoiceNumber = invoice.number;
  caseId = newId('case');
  await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, cycle, opened_at) VALUES ($1, $2, $3, 'open', 'smb-default', 1, 1, $4)`,
    [caseId, org, customer.id, new Date('2026-02-02T00:00:00Z')]);
  await recordConsent(db, org, 'test', customer.id, { kind: 'channel', channel: 'email', source: 'test' }, new Date('2026-01-01T00:00:00Z'));
  await aSend(db, org, { customer, invoice, caseId }, ['email'], { template: 'overdue-late-fee-warning' });
  await dispatchOnce({ db, now: () => now, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
});
after(async () => { await s?.close(); });

describe('an email\'s inline images in the message view', () => {
  it('shows the payment QR code of a sent reminder, loaded through the API, and none of the email\'s HTML', async () => {
    const requests: string[] = [];
    page.on('request', (r) => { if (r.resourceType() === 'image') requests.push(r.url()); });
    await page.goto(`${s.url}/cases/${caseId}`);
    const entry = page.locator('li[data-kind="message_sent"]').first();
    await entry.getByRole('button', { name: 'Show the message' }).click();
    const img = entry.getByRole('img', { name: 'Código QR para pagar por transferencia SEPA: escanéalo con la app de tu banco' });
    await img.waitFor();
    assert.match(await img.getAttribute('src') ?? '', /^\/v1\/messages\/msg_\w+\/images\/epc-qr-\w+%40cobro$/, 'the cid: reference rewritten to the API');
    assert.equal(await readDrawnQr(img), epcPayload({ name: 'Demo Europa SL', iban: 'ES9121000418450200051332', amount: 150_000, reference: invoiceNumber }));
    const natural = await img.evaluate((el: HTMLImageElement) => el.naturalWidth);
    assert.ok(natural >= 440, `loaded: ${natural} pixels wide`);
    assert.ok(requests.some((u) => u.includes('/images/')), JSON.stringify(requests));
    // the org's logo, first, as its JPEG
    const logo = entry.getByRole('img', { name: orgName, exact: true });
    assert.match(await logo.getAttribute('src') ?? '', /\/images\/org-logo%40cobro$/);
    await page.waitForFunction(() => (document.querySelector('img[src$="/images/org-logo%40cobro"]') as HTMLImageElement | null)?.naturalWidth === 16);
    // the email's HTML is not on the page: its table and cid: reference are nowhere, the text part shows as before
    const preview = entry.locator('.message-preview');
    assert.equal(await preview.locator('table').count(), 0);
    assert.equal(await page.locator('img[src^="cid:"]').count(), 0);
    assert.ok((await preview.locator('pre').innerText()).includes('ES91 2100 0418 4502 0005 1332') || (await preview.locator('pre').innerText()).includes('ES9121000418450200051332'));
  });
});
