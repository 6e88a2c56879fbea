// `GET /v1/kpi` and `cobro kpi` on the hand-worked portfolio of test/kpi.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { seedKpiPortfolio } from './support/kpi-portfolio.ts';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code

describe('GET /v1/kpi', () => {
  let api: TestApi;
  before(async () => { api = await testApi(); await seedKpiPortfolio(api.db, api.org); });
  after(async () => { await api.close(); });

  it('answers the figures of a period to any role, refuses a bad query naming the field, and shows nothing of another org', async () => {
    const get = (query: string, key = api.keys.viewer) => api.app.inject({ method: 'GET', url: `/v1/kpi?${query}`, headers: bearer(key) });
    const res = await get('from=2026-03-01&to=2026-03-31&currency=usd&attribution_days=7');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    // USD: DSO 272,500 / 202,500 x 31 = 41.72; CEI 90,000 / 162,500 = 55.38%; promises in USD: 1 kept of 2 judged
    assert.deepEqual([body.receivables.length, body.receivables[0].dso, body.receivables[0].cei, body.promises.kept_rate], [1, 41.72, 55.38, 0.5]);
    // A's 30,000 of 10 March: last touch the SMS of 9 March; shared with the email of 8 March, 15,000 each
    const email = body.recovery.by_channel.find((x: { channel: string }) => x.channel === 'email');
    assert.deepEqual([email.recovered, email.recovered_linear], [[], [{ currency: 'USD', amount: 15_000, payments: 1 }]]);
    const bad = await get('from=2026-03-31&to=2026-03-01');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'querystring.to');
    assert.equal((await get('from=2026-03-01&to=2026-02-30')).statusCode, 400);
    const other = (await get('from=2026-03-01&to=2026-03-31', api.otherKey)).json();
    assert.deepEqual([other.receivables, other.contacts.accounts_attempted, other.promises.promises], [[], 0, 0]);
  });

  it('computes recovery and cost by channel alone when asked (the dashboard\'s call), every other figure the same', async () => {
    const get = async (query: string) => {
      const r = await api.app.inject({ method: 'GET', url: `/v1/kpi?${query}`, headers: bearer(api.keys.viewer) });
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };
    const full = await get('from=2026-03-01&to=2026-03-31&attribution_days=7');
    assert.ok(full.recovery.by_channel.length > 0 && full.recovery.by_step.length > 0 && full.recovery.by_template.length > 0, 'the portfolio has breakdowns');
    const channel = await get('from=2026-03-01&to=2026-03-31&attribution_days=7&breakdowns=channel');
    assert.deepEqual([channel.recovery.by_step, channel.recovery.by_template], [[], []]);
    assert.deepEqual({ ...channel, recovery: { ...channel.recovery, by_step: full.recovery.by_step, by_template: full.recovery.by_template } }, full);
    const bad = await api.app.inject({ method: 'GET', url: '/v1/kpi?from=2026-03-01&to=2026-03-31&breakdowns=step', headers: bearer(api.keys.viewer) });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'querystring.breakdowns']);
  });
});

describe('cobro kpi', () => {
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-kpi-')); await pgliteFolder(join(dir, 'data'));
    const db = await openDb({ dataDir: join(dir, 'data') });
    await seedKpiPortfolio(db, (await createOrg(db, { name: 'Acme' })).id);
    await db.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the figures as tables and as JSON, and names a bad option', async () => {
    const env = { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' };
    const cobro = (...args: string[]) => runCobro(['kpi', ...args], env);
    const json = JSON.parse((await cobro('--from', '2026-03-01', '--to', '2026-03-31', '--json')).stdout);
    assert.deepEqual(json.receivables.map((r: { currency: string; count_back_dso: number }) => [r.currency, r.count_back_dso]), [['EUR', 48.5], ['USD', 62.1]]);
    const { stdout } = await cobro('--from', '2026-03-01', '--to', '2026-03-31');
    // the USD line: opening 1,700.00, net sales 2,025.00, credit notes 300.00, collected 900.00, written off 100.00, closing 2,725.00
    assert.match(stdout, /USD\s+1700\.00\s+2025\.00\s+300\.00\s+900\.00\s+100\.00\s+2725\.00\s+41\.72\s+62\.10\s+32\.15\s+9\.57\s+55\.38%/);
    assert.match(stdout, /accounts attempted 4, reached 3 \(contact rate 75\.00%\), right party 2 \(50\.00%\)/);
    assert.match(stdout, /kept rate 33\.33%/);
    // both credits named: A's 300.00 of 10 March to the SMS of 9 March (last touch), shared with the email of 8 March
    assert.match(stdout, /recovered \(last touch\)\s+recovered \(shared\)/);
    assert.match(stdout, /\nsms\s+3\s.*USD 300\.00\s+USD 150\.00\n/);
    assert.match(stdout, /keypresses 0; contacts 8 \(2\.00 per account; "call" is calls logged by people\)/);
    await assert.rejects(cobro('--from', '2026-03-31', '--to', '2026-03-01'), (e: { code: number; stderr: string }) =>
      e.code === 1 && /--to: is before from/.test(e.stderr));
  });
});
