// The dashboard's collected this week and month in Chromium, each beside the forecast made as its period began: the one
// stored as of the day before it starts when there is one (said so, with its as-of day), else one computed now (said so).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, moneyText, servedSignedIn, squash } from './support.ts';

interface Week { week: number; from: string; to: string; expected: number; low: number; high: number }
interface Forecast { id: string; stored: boolean; as_of: string; currencies: { currency: string; expected_total: number; weeks: Week[] }[] }

const served = servedSignedIn(60);

const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const dayBefore = (d: string) => new Date(dayMs(d) - 86_400_000).toISOString().slice(0, 10);
/** What a forecast expected from `from` to `to`: each week's share by its days in the range (as the page counts it). */
function expectedBetween(weeks: Week[], from: string, to: string): number {
  let sum = 0;
  for (const w of weeks) {
    const start = Math.max(dayMs(w.from), dayMs(from));
    const end = Math.min(dayMs(w.to), dayMs(to));
    if (end >= start) sum += (w.expected * ((end - start) / 86_400_000 + 1)) / 7;
  }
  return Math.round(sum);
}

describe('collected against the forecast in a browser', () => {
  it('sets this week beside the forecast stored as it began, and the month beside one computed now when none was stored', async () => {
    const { s, page } = served;
    // the page's periods: days of the org's time zone, as GET /v1/dashboard gives them
    const { as_of: to, week_from: weekFrom, month_from: monthFrom } = await s.api<{ as_of: string; week_from: string; month_from: string }>('/v1/dashboard');
    const weekAsOf = dayBefore(weekFrom);
    const monthAsOf = dayBefore(monthFrom);
    // a forecast stored as of the Sunday before, as the worker stores one: 7,000,000.00 MXN expected each week, a figure
    // no forecast computed from the demo's ledger gives
    const base = await s.api<Forecast & Record<string, unknown>>(`/v1/forecast?as_of=${weekAsOf}`);
    const [org] = await s.db.query<{ id: string }>('SELECT org_id AS id FROM customers ORDER BY id LIMIT 1');
    const weeks = base.currencies.find((c) => c.currency === 'MXN')!.weeks.map((w) => ({ ...w, expected: 700_000_000, low: 600_000_000, high: 800_000_000 }));
    const kept = { ...base, id: 'forecast_browser_week', stored: true, created_at: `${weekAsOf}T23:00:00.000Z`, period: `weekly ${weekFrom}`,
      currencies: [{ currency: 'MXN', expected_total: 700_000_000 * 13, weeks }] };
    await s.db.query(`INSERT INTO forecasts (id, org_id, as_of, created_at, method, kept_rate, result, period) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [kept.id, org!.id, weekAsOf, kept.created_at, base['method'], base['kept_rate'], JSON.stringify(kept), kept.period]);

    await page.goto(s.url);
    const panel = page.getByTestId('collected');
    const row = panel.locator('tr[data-currency="MXN"]');
    await row.locator('[data-figure="week-forecast"]').filter({ hasNotText: /–/ }).waitFor();
    assert.equal(squash(await row.locator('[data-figure="week-forecast"]').textContent()), `forecast ${moneyText(expectedBetween(weeks, weekFrom, to), 'MXN')}`);
    const weekNote = page.locator('[data-forecast="week"]');
    assert.deepEqual([await weekNote.getAttribute('data-stored'), await weekNote.getAttribute('data-as-of')], ['true', weekAsOf]);
    assert.match(squash(await weekNote.textContent()), /^This week: the forecast stored as of .+, made .+ \((from risk scores|by due dates and age, no risk scores yet|risk scores where there are any)\)\.$/);

    const monthNote = page.locator('[data-forecast="month"]');
    assert.equal(await monthNote.getAttribute('data-as-of'), monthAsOf);
    if (monthAsOf === weekAsOf) {
      // the month began on this Monday: the same stored forecast
      assert.equal(await monthNote.getAttribute('data-stored'), 'true');
      assert.equal(squash(await row.locator('[data-figure="month-forecast"]').textContent()), `forecast ${moneyText(expectedBetween(weeks, monthFrom, to), 'MXN')}`);
    } else {
      const computed = await s.api<Forecast>(`/v1/forecast?as_of=${monthAsOf}`);
      const mxn = computed.currencies.find((c) => c.currency === 'MXN')?.weeks ?? [];
      assert.equal(await monthNote.getAttribute('data-stored'), 'false');
      assert.match(squash(await monthNote.textContent()), /^This month: no forecast stored as of .+; one computed now as of that day \(.+\)\.$/);
      assert.equal(squash(await row.locator('[data-figure="month-forecast"]').textContent()), `forecast ${mxn.length ? moneyText(expectedBetween(mxn, monthFrom, to), 'MXN') : '–'}`);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-forecast-stored.png'), fullPage: true });
  });
});
