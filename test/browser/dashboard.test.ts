// The home dashboard in Chromium: its figures equal the API's (overdue, DSO, aging buckets, the trend's last week, the roll
// rates in English, Spanish and Portuguese), and a figure clicked lands on the customers behind it (the contact rate on
// those messaged or called by a person).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, moneyText, serve, squash, type Served } from './support.ts';
import { aPayment } from '../support/factories.ts';
import { logCall } from '../../src/tasks/calls.ts';
import { dateInZone } from '../../src/domain/index.ts';

interface AgingLine { currency: string; current: number; d1_30: number; d31_60: number; d61_90: number; d91_120: number; over_120: number; total: number }
interface Aging { as_of: string; totals: AgingLine[]; customers: (AgingLine & { customer_id: string; name: string })[] }
type Bucket = 'current' | 'd1_30' | 'd31_60' | 'd61_90' | 'd91_120' | 'over_120';
interface RollRow { from: Bucket; opening: number; to: Record<Bucket | 'resolved', number>; roll_rate: number | null }
interface Kpi {
  receivables: { currency: string; dso: number | null; best_possible_dso: number | null; roll_rates: RollRow[] }[];
  contacts: { accounts_attempted: number };
  recovery: { by_channel: { channel: string | null; recovered: { currency: string; amount: number }[] }[] };
}
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
/** The dashboard's last 30 days: days of the org's time zone, as GET /v1/dashboard gives them (the page reads its KPIs over them). */
const last30 = async () => (await s.api<{ period: { from: string; to: string } }>('/v1/dashboard')).period;

describe('the dashboard in a browser', () => {
  it('shows the overdue total, DSO, best possible DSO, the aging buckets and the trend as the API computes them', async () => {
    await s.signIn(page, 'admin@test.cobro');
    const aging = await s.api<Aging>('/v1/aging?customer_limit=200');
    const dash = await s.api<Dash>('/v1/dashboard');
    const p = await last30();
    const kpi = await s.api<Kpi>(`/v1/kpi?from=${p.from}&to=${p.to}&currency=MXN`);
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

  it('shows recovery by channel as the API credits it, a call logged by a person on a row of its own', async () => {
    // a call logged now on a case, and a payment of its customer's in MXN today: the call is its last touch
    const [cu] = await s.db.query<{ org_id: string; customer_id: string }>('SELECT org_id, id AS customer_id FROM customers ORDER BY id LIMIT 1');
    await s.db.query(`INSERT INTO cases (id, org_id, customer_id, status, opened_at) VALUES ('case_browser_call', $1, $2, 'open', now())
      ON CONFLICT (org_id, customer_id) DO NOTHING`, [cu!.org_id, cu!.customer_id]);
    const [c] = await s.db.query<{ org_id: string; case_id: string; customer_id: string; tz: string }>(
      `SELECT k.org_id, k.id AS case_id, k.customer_id, o.default_timezone AS tz FROM cases k JOIN orgs o ON o.id = k.org_id
       WHERE k.org_id = $1 AND k.customer_id = $2`, [cu!.org_id, cu!.customer_id]);
    const now = new Date();
    const logged = await logCall(s.db, c!.org_id, 'user:browser-test', { caseId: c!.case_id, outcome: 'right_party', phone: '+525500000001' }, now);
    assert.ok(logged.ok, JSON.stringify(logged));
    await aPayment(s.db, c!.org_id, { customer_id: c!.customer_id, amount: 12_345, currency: 'MXN', date: dateInZone(now, c!.tz), allocations: [] });
    await page.goto(s.url);
    const p = await last30();
    const kpi = await s.api<Kpi>(`/v1/kpi?from=${p.from}&to=${p.to}&currency=MXN&breakdowns=channel`);
    const call = kpi.recovery.by_channel.find((x) => x.channel === 'call');
    assert.ok(call && call.recovered.some((x) => x.amount >= 12_345), JSON.stringify(kpi.recovery.by_channel));
    const rows = page.getByTestId('recovery').locator('tbody tr[data-channel]');
    await page.getByTestId('recovery').locator('tr[data-channel="call"]').waitFor();
    assert.equal(await rows.count(), kpi.recovery.by_channel.length);
    for (const x of kpi.recovery.by_channel) {
      const row = page.getByTestId('recovery').locator(`tr[data-channel="${x.channel ?? ''}"]`);
      const recovered = x.recovered.map((r) => moneyText(r.amount, r.currency)).join(' + ') || moneyText(0, 'MXN');
      assert.equal(squash(await row.locator('td').nth(1).textContent()), recovered, `${x.channel}`);
    }
    const callRow = page.getByTestId('recovery').locator('tr[data-channel="call"]');
    assert.deepEqual([squash(await callRow.locator('th').textContent()), squash(await callRow.locator('td').first().textContent())], ['Calls logged', '–']);
    await shot('dashboard-recovery-call');
  });

  it('shows the roll rates bucket to bucket as the API gives them, in English, Spanish and Portuguese', async () => {
    const p = await last30();
    const kpi = await s.api<Kpi>(`/v1/kpi?from=${p.from}&to=${p.to}&currency=MXN&breakdowns=channel`);
    const rows = kpi.receivables.find((r) => r.currency === 'MXN')!.roll_rates;
    assert.equal(rows.length, 6);
    assert.ok(rows.some((r) => r.opening > 0), 'the demo owed something 30 days ago');
    const titles = { en: 'Roll rates in MXN, last 30 days', es: 'Tasas de rodamiento en MXN, últimos 30 días', pt: 'Taxas de rolagem em MXN, últimos 30 dias' };
    const locales = { en: 'en-US', es: 'es-MX', pt: 'pt-BR' };
    for (const lang of ['en', 'es', 'pt'] as const) {
      await page.evaluate((l) => localStorage.setItem('cobro.language', l), lang);
      await page.goto(s.url);
      const table = page.getByTestId('roll-rates');
      await table.locator('tr[data-from="current"] td').first().filter({ hasNotText: /^$/ }).waitFor();
      assert.equal(squash(await page.locator('#roll-title').textContent()), titles[lang]);
      const pct = (n: number | null) => (n === null ? '–' : squash(new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: 1 }).format(n)));
      for (const r of rows) {
        const row = table.locator(`tr[data-from="${r.from}"]`);
        const cells = (await row.locator('td').allTextContents()).map(squash);
        const expected = [r.opening, ...(['current', 'd1_30', 'd31_60', 'd61_90', 'd91_120', 'over_120', 'resolved'] as const).map((b) => r.to[b])]
          .map((x) => moneyText(x, 'MXN', locales[lang]));
        assert.deepEqual(cells, [...expected, pct(r.roll_rate)], `${lang} ${r.from}`);
      }
      await shot(`dashboard-roll-rates-${lang}`);
    }
    await page.evaluate(() => localStorage.setItem('cobro.language', 'en'));
  });

  it('takes the contact rate down to the customers it counts: messaged, or only called by a person', async () => {
    // a customer with no message in the last 31 days, called by a person today (no answer): counted, never messaged
    const [cu] = await s.db.query<{ org_id: string; customer_id: string; name: string }>(
      `SELECT cu.org_id, cu.id AS customer_id, cu.name FROM customers cu WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.org_id = cu.org_id
         AND m.customer_id = cu.id AND m.sent_at > now() - interval '31 days') ORDER BY cu.id LIMIT 1`);
    assert.ok(cu, 'the demo has a customer not messaged lately');
    await s.db.query(`INSERT INTO cases (id, org_id, customer_id, status, opened_at) VALUES ('case_browser_contact', $1, $2, 'open', now())
      ON CONFLICT (org_id, customer_id) DO NOTHING`, [cu.org_id, cu.customer_id]);
    const [c] = await s.db.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2', [cu.org_id, cu.customer_id]);
    const logged = await logCall(s.db, cu.org_id, 'user:browser-test', { caseId: c!.id, outcome: 'no_answer', phone: '+525500000002' }, new Date());
    assert.ok(logged.ok, JSON.stringify(logged));
    const { from, to } = await last30();
    const kpi = await s.api<Kpi>(`/v1/kpi?from=${from}&to=${to}&currency=MXN&breakdowns=channel`);
    const api = await s.api<{ data: { name: string }[] }>(`/v1/customers?contacted=true&from=${from}&to=${to}&limit=500`);
    assert.equal(api.data.length, kpi.contacts.accounts_attempted);
    assert.ok(api.data.some((x) => x.name === cu.name));
    await page.goto(s.url);
    await page.getByTestId('kpi').locator('[data-kpi="contact_rate"] a').click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    assert.match(page.url(), new RegExp(`/customers\\?contacted=true&from=${from}&to=${to}$`));
    await page.getByTestId('drill').locator('[data-filter="contacted"]').waitFor();
    const rows = page.getByRole('table', { name: 'Customers' }).locator('tbody tr');
    await rows.first().waitFor();
    const shown = (await rows.locator('td:first-child a').allTextContents()).map(squash).sort();
    assert.ok(api.data.length < 100, 'the list shows them all on one page');
    assert.deepEqual(shown, api.data.map((x) => x.name).sort());
    assert.ok(shown.includes(cu.name), cu.name);
    await shot('dashboard-drill-contacted');
  });
});
