// R-6 in the browser: the reconciliation screen lists the payouts the gateways reported; a payout's check shows its
// result, fees and issues by code; an admin settles a manual Stripe payout for review by hand with a note, and the check
// then says who settled it, when and why. A viewer reads the check but is not offered the settlement.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { serve, squash, type Served } from './support.ts';

let s: Served;
let page: Page;
const MANUAL = 'stripe:po_BrowserManual1';
const SHORT = 'mercadopago:88123456';

before(async () => {
  s = await serve(5);
  const [org] = await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY id LIMIT 1');
  const insert = (gateway: string, id: string, amount: number, automatic: boolean | null, state: string) => s.db.query(`INSERT INTO gateway_payouts
      (org_id, gateway, payout_id, amount, currency, arrival_date, received_at, status, txn_state, automatic)
    VALUES ($1, $2, $3, $4, 'MXN', '2026-03-12', now(), 'paid', $5, $6)`, [org!.id, gateway, id, amount, state, automatic]);
  // a manual Stripe payout, whose balance transactions Stripe does not list: for review, settled by hand
  await insert('stripe', 'po_BrowserManual1', 1_000_00, false, 'pending');
  // a Mercado Pago payout 10.00 short of what it carried: a payment of 500.00 less a 20.00 fee
  await insert('mercadopago', '88123456', 470_00, null, 'fetched');
  await s.db.query(`INSERT INTO gateway_payout_transactions (org_id, gateway, payout_id, txn_id, type, reporting_category, amount, fee, net, currency,
      source_id, charge_id, payment_intent, description, created_at, position)
    VALUES ($1, 'mercadopago', '88123456', 'payment:7001', 'payment', 'payment', 50000, 2000, 48000, 'MXN', '7001', '7001', '7001', NULL, '2026-03-10T15:00:00Z', 0),
           ($1, 'mercadopago', '88123456', 'payout:88123456', 'payout', 'payout', -47000, 0, -47000, 'MXN', '88123456', NULL, NULL, NULL, '2026-03-12T14:00:00Z', 1)`,
  [org!.id]);
  page = await s.newPage();
});
after(async () => { await s?.close(); });

async function openCheck(p: Page, id: string) {
  await p.getByRole('navigation').getByRole('link', { name: 'Reconciliation' }).click();
  await p.getByTestId('reported-payouts').getByRole('button', { name: `Check of ${id}` }).click();
  const check = p.getByRole('region', { name: `Check of ${id}` });
  await check.waitFor();
  return check;
}

describe('a gateway payout\'s check in a browser', () => {
  it('shows the result, the fees and each issue with its code', async () => {
    await s.signIn(page, 'admin@test.cobro');
    const check = await openCheck(page, SHORT);
    assert.equal(squash(await check.getByTestId('check-result').textContent()), 'For review');
    const figure = async (id: string) => squash(await check.locator(`[data-figure="${id}"] dd`).textContent());
    assert.deepEqual([await figure('gross'), await figure('fees'), await figure('net'), await figure('difference')].map((x) => x.replace(/[^\d.-]/g, '')),
      ['500.00', '20.00', '480.00', '-10.00']);
    const codes = await check.locator('[data-issue]').evaluateAll((els) => els.map((e) => e.getAttribute('data-issue')));
    assert.deepEqual(codes, ['NET_MISMATCH', 'UNKNOWN_CHARGE']);
    assert.match(squash(await check.locator('[data-issue="NET_MISMATCH"]').textContent()), /NET_MISMATCH \(net\).*unaccounted for/);
  });

  it('an admin settles a manual payout for review with a note; the check then says who, when and why', async () => {
    const check = await openCheck(page, MANUAL);
    assert.equal(squash(await check.getByTestId('check-result').textContent()), 'For review');
    assert.match(squash(await check.locator('[data-issue="MANUAL_PAYOUT"]').textContent()), /manual payout/);
    const settle = check.getByRole('button', { name: 'Settle by hand' });
    assert.equal(await settle.isDisabled(), true, 'no settlement without a note');
    await check.getByLabel('Note: why it is settled').fill('Checked against the Stripe balance report of March');
    await settle.click();
    await check.getByTestId('settlement').waitFor();
    assert.equal(squash(await check.getByTestId('check-result').textContent()), 'Settled by hand');
    const said = squash(await check.getByTestId('settlement').textContent());
    assert.match(said, /^Settled by hand by admin@test\.cobro \(user:usr_\w+\) on .+: Checked against the Stripe balance report of March$/);
    assert.equal(await check.getByRole('button', { name: 'Settle by hand' }).count(), 0);
    const api = await s.api<{ breakdown: { check: { result: string; settlement: { by: string; note: string } | null } } }>(
      `/v1/reconciliation/reported-payouts/${MANUAL}`);
    assert.equal(api.breakdown.check.result, 'settled');
    assert.equal(api.breakdown.check.settlement?.note, 'Checked against the Stripe balance report of March');
    assert.ok(said.includes(api.breakdown.check.settlement!.by), 'the settler shown is the one kept');
  });

  it('a viewer reads a check for review but is not offered the settlement', async () => {
    const other = await s.newPage();
    await s.signIn(other, 'viewer@test.cobro');
    const check = await openCheck(other, SHORT);
    await check.getByText('Settling a payout by hand needs the manager or admin role.').waitFor();
    assert.equal(await check.getByRole('button', { name: 'Settle by hand' }).count(), 0);
    await other.close();
  });
});
