// The dashboard's risk tile in a browser: before any score run it says so in words; after one, each band's customers,
// balance and expected recovery in the chosen currency are the API's, and a band leads to its customers, as many as it counts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runScoring } from '../../src/scoring/index.ts';
import { ARTIFACTS, moneyText, serve, squash, type Served } from './support.ts';

interface Risk { run: { as_of: string } | null; totals: { currency: string; amount: number }[];
  bands: { band: string; balances: { currency: string; customers: number; amount: number; expected_recovery: number | null }[] }[] }

let s: Served;
let page: Page;
before(async () => {
  s = await serve();
  page = await s.newPage();
});
after(async () => { await s?.close(); });

describe('the risk tile in a browser', () => {
  it('says there is no score run yet, then shows the bands of the first one, a band leading to its customers', async () => {
    await s.signIn(page, 'admin@test.cobro');
    await page.getByTestId('risk-none').filter({ hasText: 'No risk scores yet' }).waitFor();
    assert.equal(await page.getByTestId('risk-bands').count(), 0);

    const [org] = await s.db.query<{ id: string }>('SELECT id FROM orgs ORDER BY created_at LIMIT 1');
    const now = new Date();
    await runScoring(s.db, org!.id, now.toISOString().slice(0, 10), now);
    const api = await s.api<Risk>('/v1/dashboard/risk?currency=MXN');
    assert.ok(api.run);

    await page.reload();
    const rows = page.getByTestId('risk-bands').locator('tbody tr');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({ band: tr.getAttribute('data-band') ?? '',
      amount: Number(tr.getAttribute('data-amount')), customers: Number(tr.getAttribute('data-customers')),
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '') })));
    assert.deepEqual(shown.map((r) => r.band), ['high', 'medium', 'low', 'unscored']);
    for (const b of api.bands) {
      const x = b.balances[0]!;
      const row = shown.find((r) => r.band === b.band)!;
      assert.deepEqual([row.amount, row.customers], [x.amount, x.customers], b.band);
      assert.equal(squash(row.cells[1] ?? ''), moneyText(x.amount, 'MXN'), b.band);
      if (x.expected_recovery !== null) assert.match(squash(row.cells[3] ?? ''), new RegExp(`^${moneyText(x.expected_recovery, 'MXN').replace(/[$.]/g, '\\$&')}`), b.band);
      else assert.equal(squash(row.cells[3] ?? ''), '–');
    }
    assert.equal(shown.reduce((n, r) => n + r.amount, 0), api.totals.find((t) => t.currency === 'MXN')?.amount);
    // the bands share out the open balance the overdue card and the aging of the day count
    const aging = await s.api<{ totals: { currency: string; total: number }[] }>('/v1/aging');
    assert.equal(api.totals.find((t) => t.currency === 'MXN')?.amount, aging.totals.find((t) => t.currency === 'MXN')?.total);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-risk.png'), fullPage: true });

    // the band with the most customers, clicked: its customers owing in MXN, as many as the tile counts
    const most = [...shown].filter((r) => r.band !== 'unscored').sort((a, b) => b.customers - a.customers)[0]!;
    assert.ok(most.customers > 0);
    await page.getByTestId('risk-bands').locator(`tr[data-band="${most.band}"] th a`).click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).search, `?risk_band=${most.band}&currency=MXN`);
    const label = { high: 'High risk', medium: 'Medium risk', low: 'Low risk' }[most.band as 'high'];
    await page.getByTestId('drill').locator('[data-filter="risk_band"]').filter({ hasText: label }).waitFor();
    const listed = page.getByRole('table', { name: 'Customers' }).locator('tbody tr');
    await listed.first().waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length === n, Math.min(most.customers, 100));
    assert.equal(await listed.count(), Math.min(most.customers, 100));
  });
});
