// A point of the dashboard's overdue trend, clicked, lands on the customers overdue at the end of that day: the filter shown
// and removable, each customer with what it owed then, the list the API's and its balances adding up to the point.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';

interface Listed { name: string; overdue_on: { date: string; balances: { currency: string; amount: number; invoices: number }[] } }

let s: Served;
let page: Page;
before(async () => {
  s = await serve();
  page = await s.newPage();
});
after(async () => { await s?.close(); });

describe('the overdue trend in a browser', () => {
  it('takes a past week\'s point down to the customers overdue that day, with that day\'s balances', async () => {
    await s.signIn(page, 'admin@test.cobro');
    const trend = page.getByTestId('overdue-trend').locator('a');
    await trend.first().waitFor();
    // the trend of the org's currency (MXN), four weeks back
    const point = trend.nth((await trend.count()) - 5);
    const day = await point.getAttribute('data-date') ?? '';
    const overdue = Number(await point.getAttribute('data-overdue'));
    assert.ok(overdue > 0, 'the demo portfolio owed something overdue four weeks ago');
    await point.click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).search, `?overdue_on=${day}&currency=MXN`);
    const drill = page.getByTestId('drill');
    await drill.locator('[data-filter="overdue_on"]').filter({ hasText: `overdue at the end of ${day}` }).waitFor();
    await drill.locator('[data-filter="currency"]').filter({ hasText: 'in MXN' }).waitFor();

    // the API's list of the day, page by page: its balances add up to the point
    const all: Listed[] = [];
    let cursor: string | null = null;
    do {
      const r: { data: Listed[]; next_cursor: string | null } = await s.api(`/v1/customers?overdue_on=${day}&currency=MXN&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...r.data);
      cursor = r.next_cursor;
    } while (cursor);
    assert.equal(all.reduce((n, c) => n + c.overdue_on.balances.reduce((m, b) => m + b.amount, 0), 0), overdue);

    // the table shows the customers the API lists, each with that day's balance in its column
    const table = page.getByRole('table', { name: 'Customers' });
    const header = table.locator('thead th').nth(1);
    assert.match(squash(await header.textContent()), /^Overdue at the end of /);
    const rows = table.locator('tbody tr');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('td a')?.textContent ?? '',
      tr.querySelector('[data-overdue-on]')?.getAttribute('data-overdue-on') ?? '']));
    const byName = new Map(all.map((c) => [c.name, c.overdue_on.balances.map((b) => `${b.currency}:${b.amount}`).join(' ')]));
    assert.equal(shown.length, Math.min(all.length, 100));
    for (const [name, owed] of shown) assert.equal(owed, byName.get(name ?? ''), name);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-trend-customers.png'), fullPage: true });

    // the filter removed: every customer, no column of the day
    await drill.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !u.search.includes('overdue_on'));
    await page.getByTestId('drill').waitFor({ state: 'detached' });
    assert.doesNotMatch(squash(await table.locator('thead').textContent()), /Overdue at the end of/);
  });
});
