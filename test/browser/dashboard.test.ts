// The home dashboard in Chromium: its figures equal the API's (overdue, DSO, aging buckets, the trend's last week), and a
// figure clicked lands on the customers behind it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, moneyText, serve, squash, type Served } from './support.ts';

interface AgingLine { currency: string; current: number; d1_30: number; d31_60: number; d61_90: number; d91_120: number; over_120: number; total: number }
interface Aging { as_of: string; totals: AgingLine[]; customers: (AgingLine & { customer_id: string; name: string })[] }
interface Kpi { receivables: { dso: number | null; best_possible_dso: number | null }[] }
interface Dash { as_of: string; overdue_trend: { currency: string; points: { date: string; overdue: number }[] }[]; strategies: unknown[] }

const BUCKET_LABELS: [keyof AgingLine, string][] = [['current', 'Not due'], ['d1_30', '1–30 days'], ['d31_60', '31–60'], ['d61_90', '61–90'],
  ['d91_120', '91–120'], ['over_120', '120+']];

let s: Served;
let page: Page;
before(async () => {
  s = await serve();
  page = await s.newPage();
});
after(async () => { await s?.close(); });

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const days = (n: number | null | undefined) => (n === null || n === undefined ? '–' : new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n));
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

describe('the dashboard in a browser', () => {
  it('shows the overdue total, DSO, best possible DSO, the aging buckets and the trend as the API computes them', async () => {
    await s.signIn(page, 'admin@test.cobro');
    const aging = await s.api<Aging>('/v1/aging?customer_limit=200');
    const dash = await s.api<Dash>('/v1/dashboard');
    const now = new Date();
    const kpi = await s.api<Kpi>(`/v1/kpi?from=${ymd(new Date(now.getTime() - 29 * 86_400_000))}&to=${ymd(now)}&currency=MXN`);
    const mxn = aging.totals.find((l) => l.currency === 'MXN')!;
    assert.ok(mxn.total - mxn.current > 0, 'the demo has something overdue in MXN');
    const cards = page.getByTestId('overdue');
    await cards.waitFor();
    for (const line of aging.totals) {
      assert.equal(squash(await cards.locator(`a[data-currency="${line.currency}"] .figure-value`).textContent()), moneyText(line.total - line.current, line.currency));
    }
    // the aging chart of the org's currency, bucket by bucket
    for (const [key, label] of BUCKET_LABELS) {
      assert.equal(squash(await page.locator(`svg.chart a.bar[aria-label^="${label}:"]`).getAttribute('aria-label')), `${label}: ${moneyText(mxn[key] as number, 'MXN')}`);
    }
    const kpiCards = page.getByTestId('kpi');
    await kpiCards.locator('[data-kpi="dso"] .figure-value').filter({ hasNotText: /^–$/ }).waitFor();
    assert.equal(squash(await kpiCards.locator('[data-kpi="dso"] .figure-value').textContent()), days(kpi.receivables[0]?.dso));
    assert.equal(squash(await kpiCards.locator('[data-kpi="best_dso"] .figure-value').textContent()), days(kpi.receivables[0]?.best_possible_dso));
    // the trend: twelve weeks, the last one today's overdue
    const trend = page.getByTestId('overdue-trend').locator('a');
    assert.equal(await trend.count(), 12);
    const last = dash.overdue_trend.find((t) => t.currency === 'MXN')!.points.at(-1)!;
    assert.equal(await trend.last().getAttribute('data-overdue'), String(last.overdue));
    assert.equal(last.overdue, mxn.total - mxn.current);
    await page.getByTestId('strategies').waitFor();
    await page.getByTestId('recovery').waitFor();
    await shot('dashboard-figures');
  });

  it('takes the overdue figure down to the customers behind it', async () => {
    const aging = await s.api<Aging>('/v1/aging?customer_limit=1000');
    const behind = aging.customers.filter((c) => c.currency === 'MXN' && c.total - c.current > 0).map((c) => c.name).sort();
    await page.getByTestId('overdue').locator('a[data-currency="MXN"]').click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    assert.match(page.url(), /\/customers\?overdue=true&currency=MXN$/);
    await page.getByTestId('drill').waitFor();
    const rows = page.getByRole('table', { name: 'Customers' }).locator('tbody tr');
    await rows.first().waitFor();
    const shown = (await rows.locator('td:first-child a').allTextContents()).map(squash);
    assert.ok(shown.length > 0);
    // every customer shown is one the aging report counts overdue in MXN, and the API's filtered list is exactly those
    for (const name of shown) assert.ok(behind.includes(name), name);
    const api = await s.api<{ data: { name: string }[] }>('/v1/customers?overdue=true&currency=MXN&limit=500');
    assert.deepEqual(api.data.map((c) => c.name).sort(), behind);
    assert.equal(shown.length, Math.min(behind.length, 100));
    await shot('dashboard-drill-customers');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !u.search.includes('overdue'));
  });
});
