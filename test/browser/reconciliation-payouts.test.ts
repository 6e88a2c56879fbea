// R-6 in the browser: an org with Stripe connected uploads a statement holding Stripe's payout; the import's result says
// one gateway payout, and the review queue shows only the customer's credit (the payout waits for no one).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { camt053 } from '../../src/reconciliation/testing/camt053-builder.ts';
import { serve, squash, type Served } from './support.ts';

let s: Served;
let page: Page;

const statement = camt053([
  { date: '2026-03-02', direction: 'CRDT', amount: '640.00', name: 'STRIPE PAYMENTS EUROPE LTD', text: 'STRIPE PAYOUT po_1BrowserQ', ref: 'P1' },
  { date: '2026-03-03', direction: 'CRDT', amount: '12.34', name: 'GRUPO SIN NOMBRE', text: 'pagos varios', ref: 'P2' },
], { currency: 'MXN', id: 'BROWSER-PAYOUT', account: 'MX12BANK000222' });

before(async () => {
  s = await serve(5);
  const r = await fetch(`${s.url}/v1/providers/stripe`, { method: 'PUT', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ settings: {}, secrets: { secret_key: 'sk_test_browser4242', webhook_secret: 'whsec_browser3456' } }) });
  assert.equal(r.status, 200, await r.text());
  page = await s.newPage();
});
after(async () => { await s?.close(); });

describe('gateway payouts in a browser', () => {
  it('the import says one gateway payout, and the queue holds only the customer\'s credit', async () => {
    await s.signIn(page, 'admin@test.cobro');
    await page.getByRole('navigation').getByRole('link', { name: 'Reconciliation' }).click();
    await page.getByRole('heading', { name: 'Reconciliation', level: 1 }).waitFor();
    await page.getByLabel('Statement file').setInputFiles({ name: 'payout.xml', mimeType: 'application/xml', buffer: Buffer.from(statement) });
    await page.getByRole('button', { name: 'Import statement' }).click();
    const result = page.getByTestId('statement-result');
    await result.waitFor();
    const figure = async (id: string) => squash(await result.locator(`[data-figure="${id}"] dd`).textContent());
    assert.deepEqual([await figure('lines'), await figure('payouts'), await figure('unmatched')], ['2', '1', '1']);
    assert.match(squash(await result.locator('[data-figure="payouts"] dt').textContent()), /Gateway payouts/);
    await page.locator('[data-line-card]').first().waitFor();
    const cards = page.locator('[data-line-card]');
    assert.equal(await cards.count(), 1);
    assert.match(squash(await cards.first().textContent()), /12\.34/);
    const payouts = await s.api<{ data: { payout: { gateway: string; payout_id: string } }[] }>('/v1/reconciliation/payouts');
    assert.deepEqual(payouts.data.map((l) => [l.payout.gateway, l.payout.payout_id]), [['stripe', 'po_1BrowserQ']]);
  });
});
