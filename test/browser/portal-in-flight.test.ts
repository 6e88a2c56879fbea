// The debtor portal in Chromium shows a payment in flight by bank debit (a Stripe SEPA/ACH debit processing, a PayPal
// eCheck pending: the same hold) as being processed and since when, in the debtor's language, beside a voucher to pay;
// once the debit is confirmed the line is gone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addDays, dateInZone } from '../../src/domain/index.ts';
import { applyFacts, createPaymentLink } from '../../src/payments/index.ts';
import { createPortalLink } from '../../src/portal/index.ts';
import { aCustomer, anInvoice } from '../support/factories.ts';
import { fakeStripe, type FakeStripe } from '../support/providers/stripe.ts';
import { moneyText, serve, squash, type Served } from './support.ts';

let s: Served;
let org: string;
let stripe: FakeStripe;
const opened: Page[] = [];
before(async () => {
  s = await serve(5);
  org = (await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1'))[0]!.id;
  stripe = await fakeStripe({ secretKey: 'sk_test_browser_in_flight', webhookSecret: 'whsec_browser_in_flight' });
  await stripe.connect(s.db, org);
});
after(async () => {
  await Promise.all(opened.map((p) => p.context().close()));
  await Promise.all([stripe?.close(), s?.close()]);
});

let n = 0;
/** A debtor owing one overdue invoice, a payment link for it, its debit processing at the gateway, and their portal open on a phone. */
async function payingByDebit(o: { country: string; zone: string; language: string; currency: string; locale: string; method: string }) {
  n += 1;
  const today = dateInZone(new Date(), o.zone);
  const c = await aCustomer(s.db, org, { name: `Debtor In Flight ${n}`, email: `in-flight${n}@example.com`, country: o.country, timezone: o.zone, language: o.language });
  await anInvoice(s.db, org, { customer_id: c.id, number: `FLIGHT-${n}`, currency: o.currency, amount: 250_00, issue_date: addDays(today, -40), due_date: addDays(today, -10) });
  const link = await createPaymentLink({ db: s.db, publicUrl: s.url }, org, 'test', { customerId: c.id, source: 'api' }, new Date());
  assert.ok(link.ok, link.ok ? '' : link.error.message);
  const paymentRef = `pi_browser_${n}`;
  const held = await s.db.transaction((tx) => applyFacts(tx, org, 'test', { provider: 'stripe', paymentRef, currency: o.currency, linkId: link.value.id,
    debit: { state: 'processing', method: o.method } }, new Date()));
  assert.equal(held.kind, 'nothing');
  const portal = await createPortalLink(s.db, org, 'test', c.id, 'staff', new Date());
  assert.ok(portal.ok);
  const context = await s.browser.newContext({ locale: o.locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  opened.push(page);
  await page.goto(`${s.url}/p/${portal.value.token}`);
  await page.getByTestId('totals').waitFor();
  const started = new Intl.DateTimeFormat(o.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${today}T12:00:00Z`));
  return { customer: c.id, paymentRef, link: link.value, page, started };
}

describe('the debtor portal with a bank debit in flight', () => {
  it('says an ACH debit is being processed and since when, in English; the line is gone once the debit succeeds', async () => {
    const d = await payingByDebit({ country: 'US', zone: 'America/New_York', language: 'en', currency: 'USD', locale: 'en-US', method: 'us_bank_account' });
    const line = d.page.getByTestId('debit-pending');
    await line.waitFor();
    const text = squash(await line.textContent());
    assert.match(text, new RegExp(`^Your payment of ${moneyText(250_00, 'USD', 'en-US').replace(/[$.]/g, '\\$&')} by bank debit is being processed, started `), text);
    assert.ok(text.includes(`started ${d.started}.`), `${text} / ${d.started}`);
    assert.equal(await d.page.getByTestId('voucher-pending').count(), 0, 'not worded as a voucher to pay');

    await s.db.transaction((tx) => applyFacts(tx, org, 'test', { provider: 'stripe', paymentRef: d.paymentRef, currency: 'USD', linkId: d.link.id,
      captured: 250_00, method: 'stripe_checkout' }, new Date()));
    await d.page.reload();
    await d.page.getByText(/You owe nothing/).waitFor();
    assert.equal(await d.page.getByTestId('debit-pending').count(), 0, 'paid: nothing in flight');
  });

  it('says it in Brazilian Portuguese for a Brazilian debtor', async () => {
    const d = await payingByDebit({ country: 'BR', zone: 'America/Sao_Paulo', language: 'pt-BR', currency: 'BRL', locale: 'pt-BR', method: 'echeck' });
    const line = d.page.getByTestId('debit-pending');
    await line.waitFor();
    const text = squash(await line.textContent());
    assert.match(text, /^Seu pagamento de .*250,00 por débito bancário está sendo processado desde /, text);
    assert.ok(text.includes(`desde ${d.started}.`), `${text} / ${d.started}`);
    assert.match(text, /Não enviaremos lembretes enquanto isso/);
  });
});
