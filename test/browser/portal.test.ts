// The debtor portal in Chromium on a phone-sized screen against a real server: what is owed in the debtor's language, pay
// (a part, through the Stripe fake, to its hosted page), promise, choose a plan, dispute with a receipt, opt out of a
// channel, the second factor; expired and tampered links refused; and no page showing another debtor's data.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, dateInZone } from '../../src/domain/index.ts';
import { createPortalLink, setPortalSettings } from '../../src/portal/index.ts';
import { aCustomer, anInvoice } from '../support/factories.ts';
import { fakeStripe, type FakeStripe } from '../support/providers/stripe.ts';
import { readPdf } from '../support/pdf.ts';
import { ARTIFACTS, moneyText, serve, squash, type Served } from './support.ts';

const ZONE = 'America/Mexico_City';
let s: Served;
let org: string;
let stripe: FakeStripe;
const pages: Page[] = [];
before(async () => {
  s = await serve(5);
  org = (await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1'))[0]!.id;
  stripe = await fakeStripe({ secretKey: 'sk_test_browser_portal', webhookSecret: 'whsec_browser_portal' });
  await stripe.connect(s.db, org);
});
after(async () => {
  for (const p of pages) await p.context().close();
  await stripe?.close();
  await s?.close();
});

const today = () => dateInZone(new Date(), ZONE);
let n = 0;

/** A Mexican debtor with overdue invoices, and a portal link made for them (optionally at another moment, for expiry). */
async function debtor(over: Record<string, unknown> = {}, made = new Date(), days?: number) {
  n += 1;
  const c = await aCustomer(s.db, org, { name: `Lucía Portal ${n}`, email: `lucia${n}@example.mx`, phone: '+525512345678', country: 'MX', timezone: ZONE,
    language: 'es', ...over });
  const invoices = [
    await anInvoice(s.db, org, { customer_id: c.id, number: `PORTAL-${n}-A`, currency: 'MXN', amount: 1_250_000, issue_date: addDays(today(), -40), due_date: addDays(today(), -10) }),
    await anInvoice(s.db, org, { customer_id: c.id, number: `PORTAL-${n}-B`, currency: 'MXN', amount: 480_050, issue_date: addDays(today(), -5), due_date: addDays(today(), 20) }),
  ];
  const link = await createPortalLink(s.db, org, 'test', c.id, 'staff', made, days);
  assert.ok(link.ok);
  return { customer: c, invoices, url: `${s.url}/p/${link.value.token}`, token: link.value.token };
}

/** A phone: small screen, touch, Spanish (Mexico) browser. */
async function phone(locale = 'es-MX'): Promise<Page> {
  const context = await s.browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  pages.push(page);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `portal-${name}.png`), fullPage: true });
/** Every text the page shows and every value in its markup: nothing of another debtor may be there. */
const everything = async (page: Page) => `${await page.locator('body').innerText()}\n${await page.content()}`;

async function open(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: `Hola, ${name}` }).waitFor();
}

/** A new debtor's portal opened on a new phone. */
async function visit() {
  const a = await debtor();
  const page = await phone();
  await open(page, a.url, a.customer.name);
  return { a, page };
}

describe('the debtor portal in a browser', () => {
  it('shows what is owed and why, in Spanish with Mexican money, and nothing of another debtor', async () => {
    const a = await debtor();
    const b = await debtor();
    const page = await phone();
    await open(page, a.url, a.customer.name);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    assert.equal(squash(await page.getByTestId('totals').locator('.total').textContent()), moneyText(1_730_050, 'MXN', 'es-MX'));
    const cards = page.getByRole('list', { name: 'Sus facturas' }).locator('> li');
    assert.equal(await cards.count(), 2);
    assert.match(squash(await cards.first().textContent()), /PORTAL-\d+-A.*10 días de atraso/);
    assert.match(squash(await cards.nth(1).textContent()), /Aún no vence/);
    const text = await everything(page);
    for (const other of [b.customer.name, b.customer.id, b.invoices[0]!.number, b.invoices[0]!.id]) assert.ok(!text.includes(other), other);
    assert.equal(await page.evaluate(() => document.referrer), '');
    await shot(page, 'owed');
    // B's own page, in the same browser, shows B's invoices and none of A's
    await open(page, b.url, b.customer.name);
    const theirs = await everything(page);
    assert.ok(theirs.includes(b.invoices[0]!.number) && !theirs.includes(a.invoices[0]!.number) && !theirs.includes(a.customer.name));
  });

  it('works from the keyboard, with every control labelled', async () => {
    const { a, page } = await visit();
    const pay = page.getByRole('button', { name: 'Pagar ahora' });
    await pay.focus();
    await page.keyboard.press('Enter');
    assert.equal(await pay.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).type), 'radio');
    for (const id of ['promise', 'plan', 'time', 'dispute', 'contact']) await page.locator(`#${id}-heading button`).click();
    await page.getByLabel('Prefiero').waitFor();
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label')).map((el) => el.outerHTML));
    assert.deepEqual(unlabelled, []);
    await shot(page, 'actions');
  });

  it('downloads the statement as a PDF in Spanish from the button beside the printable one', async () => {
    const { a, page } = await visit();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar estado de cuenta (PDF)' }).click()]);
    assert.equal(download.suggestedFilename(), `statement-${today()}.pdf`);
    const pdf = readPdf(await readFile((await download.path())!));
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const part of ['Estado de cuenta', a.customer.name, a.invoices[0]!.number, a.invoices[1]!.number, 'Días de atraso']) assert.ok(text.includes(part), `"${part}" in ${text}`);
    assert.deepEqual(pdf.mediaBoxes, ['0 0 612 792'], 'Letter for a Mexican org');
  });

  it('pays part of the balance, typed the Mexican way, and reaches the gateway\'s hosted page', async () => {
    const { a, page } = await visit();
    await page.getByRole('button', { name: 'Pagar ahora' }).click();
    await page.getByLabel('Una parte').check();
    await page.getByLabel('Importe en MXN').fill('1500.50');
    await Promise.all([page.waitForURL(`${stripe.url}/c/pay/**`), page.getByRole('button', { name: 'Ir a la página de pago segura' }).click()]);
    const sent = stripe.created.at(-1)!.form;
    assert.deepEqual([sent['metadata[cobro_customer_id]'], sent['line_items[0][price_data][unit_amount]'], sent['line_items[0][price_data][currency]']],
      [a.customer.id, '150050', 'mxn']);
    const links = await s.api<{ data: { id: string; amount: number; status: string }[] }>(`/v1/payment-links?customer_id=${a.customer.id}`);
    assert.deepEqual(links.data.map((l) => [l.amount, l.status]), [[150_050, 'open']]);
    assert.ok(sent['success_url']!.endsWith(`/p/return/${links.data[0]!.id}?payment=success`));
    // the hosted page's return, as the provider sends the browser: through cobro's redirect back to this portal
    const ret = new URL(sent['success_url']!);
    await page.goto(`${s.url}${ret.pathname}${ret.search}`); // the served app's own port (the link names the default public URL)
    await page.waitForURL((u) => u.pathname === `/p/${a.token}` && u.search === '?payment=success');
    await page.getByRole('status').filter({ hasText: 'Gracias. Su pago se está confirmando' }).waitFor();
  });

  it('promises a date, which then shows on the account and stops reminders', async () => {
    const { a, page } = await visit();
    await page.getByRole('button', { name: 'Comprometer una fecha' }).click();
    await page.getByLabel('Importe en MXN').fill('10,000.00');
    const day = addDays(today(), 5);
    await page.getByLabel('Fecha en que pagará').fill(day);
    await page.getByRole('button', { name: 'Comprometer el pago' }).click();
    await page.getByRole('status').filter({ hasText: 'Anotamos su compromiso' }).waitFor();
    await page.getByTestId('arrangements').getByText('Usted se comprometió a pagar').waitFor();
    const promises = await s.api<{ data: { amount: number; due_date: string; source: string; status: string }[] }>(`/v1/promises?customer_id=${a.customer.id}`);
    assert.deepEqual(promises.data.map((p) => [p.amount, p.due_date, p.source, p.status]), [[1_000_000, day, 'portal', 'pending']]);
    await shot(page, 'promise');
  });

  it('chooses an instalment plan among those the limits allow', async () => {
    const { a, page } = await visit();
    await page.getByRole('button', { name: 'Pagar en cuotas' }).click();
    const options = page.getByRole('group', { name: 'Elija un plan' }).getByRole('radio');
    await options.first().waitFor();
    assert.ok(await options.count() > 1);
    await options.nth(1).check();
    await page.getByRole('button', { name: 'Elegir este plan' }).click();
    await page.getByRole('status').filter({ hasText: 'Su plan quedó registrado' }).waitFor();
    await page.getByTestId('arrangements').getByText('Su plan de pagos').waitFor();
    const plans = await s.api<{ data: { status: string; source: string; total: number }[] }>(`/v1/plans?customer_id=${a.customer.id}`);
    assert.deepEqual(plans.data.map((p) => [p.status, p.source, p.total]), [['active', 'portal', 1_730_050]]);
    await shot(page, 'plan');
  });

  it('disputes one invoice with a receipt attached', async () => {
    const { a, page } = await visit();
    await page.getByRole('button', { name: 'Hay un problema con una factura' }).click();
    await page.getByLabel('¿Qué está mal?').selectOption('already_paid');
    await page.getByRole('group', { name: /¿Qué facturas\?/ }).getByLabel(new RegExp(a.invoices[0]!.number)).check();
    await page.getByLabel('Cuéntenos qué pasó').fill('Pagué por transferencia el día 3.');
    await page.getByLabel(/Adjunte un comprobante/).setInputFiles({ name: 'recibo.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nrecibo\n%%EOF') });
    await page.getByRole('button', { name: 'Enviar' }).click();
    await page.getByRole('status').filter({ hasText: 'Lo recibimos' }).waitFor();
    await page.getByTestId('arrangements').getByText('En revisión desde').waitFor();
    const disputes = await s.api<{ data: { reason: string; source: string; invoice_ids: string[]; attachment: { filename: string } | null }[] }>(
      `/v1/disputes?customer_id=${a.customer.id}`);
    assert.deepEqual(disputes.data.map((d) => [d.reason, d.source, d.invoice_ids, d.attachment?.filename]),
      [['already_paid', 'portal', [a.invoices[0]!.id], 'recibo.pdf']]);
    const invoice = await s.api<{ status: string }>(`/v1/invoices/${a.invoices[0]!.id}`);
    assert.equal(invoice.status, 'disputed');
  });

  it('opts out of text messages, which the contact gate records with source portal', async () => {
    const { a, page } = await visit();
    await page.getByRole('button', { name: 'Cómo lo contactamos' }).click();
    const sms = page.getByLabel(/Mensaje de texto \(SMS\)/);
    assert.equal(await sms.isChecked(), true);
    await sms.uncheck();
    // the org has no voice provider: calls can be stopped but not chosen as the preferred channel
    const offered = await page.getByLabel('Prefiero').locator('option').allTextContents();
    assert.ok(offered.includes('Mensaje de texto (SMS)') && !offered.includes('Llamadas'), offered.join(', '));
    await page.getByLabel(/^Llamadas/).waitFor();
    await page.getByLabel('Prefiero').selectOption('email');
    await page.getByRole('button', { name: 'Guardar mis opciones' }).click();
    await page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    const sup = await s.api<{ data: { scope: string; channel: string; source: string; lifted_at: string | null }[] }>(`/v1/customers/${a.customer.id}/suppressions`);
    assert.deepEqual(sup.data.map((x) => [x.scope, x.channel, x.source, x.lifted_at]), [['channel', 'sms', 'portal', null]]);
    const customer = await s.api<{ preferred_channel: string }>(`/v1/customers/${a.customer.id}`);
    assert.equal(customer.preferred_channel, 'email');
    await shot(page, 'contact');
  });

  it('opens within a few seconds on a slow 3G phone, its script sent compressed', async () => {
    const a = await debtor();
    const page = await phone();
    const cdp = await page.context().newCDPSession(page);
    // Chrome's "Slow 3G": 400 ms round trips, 500 kbit/s down; and a phone's CPU four times slower
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 62_500, uploadThroughput: 62_500 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const script = page.waitForResponse((r) => r.url().endsWith('/portal/portal.js'));
    const started = Date.now();
    await open(page, a.url, a.customer.name);
    const seconds = (Date.now() - started) / 1000;
    const encoding = (await script).headers()['content-encoding'];
    assert.ok(encoding === 'gzip' || encoding === 'br', `portal.js sent with content-encoding ${encoding}`);
    process.stdout.write(`# the portal showed the account in ${seconds.toFixed(1)} s on slow 3G with a 4x slower CPU\n`);
    assert.ok(seconds < 10, `${seconds} s`);
  });

  it('refuses an expired link and a tampered one, showing nothing of the account', async () => {
    const a = await debtor({}, new Date(Date.now() - 3 * 86_400_000), 2);
    const page = await phone();
    await page.goto(a.url);
    await page.getByRole('heading', { name: 'No se puede abrir este enlace' }).waitFor();
    await page.getByText('Este enlace venció').waitFor();
    assert.ok(!(await everything(page)).includes(a.customer.name));
    await shot(page, 'expired');
    const b = await debtor();
    const last = b.token.at(-1) === 'A' ? 'B' : 'A';
    await page.goto(`${s.url}/p/${b.token.slice(0, -1)}${last}`);
    await page.getByText('Este enlace no es válido').waitFor();
    const text = await everything(page);
    assert.ok(!text.includes(b.customer.name) && !text.includes(b.invoices[0]!.number));
  });

  it('asks the postcode first when the org wants a second factor', async () => {
    await setPortalSettings(s.db, org, 'test', { second_factor: 'postcode' }, new Date());
    try {
      const a = await debtor({ metadata: { postcode: '06700' } });
      const page = await phone('pt-BR');
      await page.goto(a.url);
      const answer = page.getByLabel('Su código postal');
      await answer.waitFor();
      assert.ok(!(await everything(page)).includes(a.customer.name), 'nothing of the debtor before the answer');
      await answer.fill('11000');
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByRole('alert').filter({ hasText: 'No coincide con nuestros registros. Le quedan 4 intentos.' }).waitFor();
      await answer.fill('06700');
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByRole('heading', { level: 1, name: `Hola, ${a.customer.name}` }).waitFor();
      await page.getByLabel('Idioma').selectOption('pt-BR');
      await page.getByRole('heading', { level: 1, name: `Olá, ${a.customer.name}` }).waitFor();
      assert.equal(squash(await page.getByTestId('totals').locator('.total').textContent()), moneyText(1_730_050, 'MXN', 'pt-BR'));
    } finally {
      await setPortalSettings(s.db, org, 'test', { second_factor: 'none' }, new Date());
    }
  });
});
