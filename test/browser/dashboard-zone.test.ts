// The dashboard in Chromium with the browser in another time zone than the org's (America/Mexico_City): the page shows
// the org's today, week and month, as GET /v1/dashboard gives them, and says in which zone; its collected links, the
// forecasts it sets them beside, the aging and the KPIs it reads all take those days, never the browser's calendar.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, serve, squash, type Served } from './support.ts';
import { dateInZone } from '../../src/domain/index.ts';

const ORG_ZONE = 'America/Mexico_City';
let s: Served | undefined;
after(async () => { await s?.close(); });

interface Dash { as_of: string; today: string; week_from: string; month_from: string; time_zone: string; period: { from: string; to: string } }
const eve = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('the dashboard\'s periods with the browser in another time zone', () => {
  it('shows the org\'s day, week and month, and reads the forecasts, aging and KPIs over them', async () => {
    s = await serve();
    // a browser zone whose date differs from Mexico City's now: 20 hours ahead from 04:00 there, else 5 hours behind
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: ORG_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const timezoneId = hour >= 4 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    const context = await s.browser.newContext({ locale: 'en-US', timezoneId, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const requests: URL[] = [];
    page.on('request', (r) => { requests.push(new URL(r.url())); });
    await s.signIn(page, 'admin@test.cobro');
    const dash = await s.api<Dash>('/v1/dashboard');
    assert.equal(dash.time_zone, ORG_ZONE);
    assert.equal(dash.as_of, dateInZone(new Date(), ORG_ZONE));
    const browserDay = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
    assert.notEqual(browserDay, dash.as_of, `the browser (${timezoneId}) is on another day than the org`);

    const zone = page.getByTestId('periods-zone');
    await zone.waitFor();
    assert.deepEqual([await zone.getAttribute('data-zone'), await zone.getAttribute('data-today')], [ORG_ZONE, dash.as_of]);
    assert.match(squash(await zone.textContent()), new RegExp(`^Days in ${ORG_ZONE}, the organization's time zone: today is .+$`));

    const row = page.getByTestId('collected').locator('tr[data-currency="MXN"]');
    await row.waitFor();
    assert.equal(await row.locator('a[data-figure="week"]').getAttribute('href'), `/payments?from=${dash.week_from}&to=${dash.as_of}`);
    assert.equal(await row.locator('a[data-figure="month"]').getAttribute('href'), `/payments?from=${dash.month_from}&to=${dash.as_of}`);
    await page.locator('[data-forecast="month"]').waitFor();
    assert.equal(await page.locator('[data-forecast="week"]').getAttribute('data-as-of'), eve(dash.week_from));
    assert.equal(await page.locator('[data-forecast="month"]').getAttribute('data-as-of'), eve(dash.month_from));

    await page.getByTestId('kpi').locator('[data-kpi="dso"] .figure-value').filter({ hasNotText: /^–$/ }).waitFor();
    const kpi = requests.filter((u) => u.pathname === '/v1/kpi');
    assert.ok(kpi.length > 0, 'the page read the KPIs');
    for (const u of kpi) assert.deepEqual([u.searchParams.get('from'), u.searchParams.get('to')], [dash.period.from, dash.period.to]);
    const aging = requests.filter((u) => u.pathname === '/v1/aging');
    assert.ok(aging.length > 0 && aging.every((u) => u.searchParams.get('as_of') === dash.as_of), aging.map(String).join(' '));
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-zone.png'), fullPage: true });
  });
});
