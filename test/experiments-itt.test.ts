// Champion/challenger results on a real database: intent to treat (every customer assigned, kept after their case moves
// to another strategy or closes), collected share per currency, opt-outs as opt-outs, and migration 154's backfill.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { runTick, syncCases } from '../src/engine/index.ts';
import { createStrategyVersion, getStrategy } from '../src/strategy/index.ts';
import { armOf } from '../src/experiments/index.ts';
import { recordConsent, revokeConsent, suppress } from '../src/compliance/index.ts';

let t: TestApi;
before(async () => { t = await testApi(); }); // the API's clock: 2026-03-15
after(async () => { await t.close(); });

const assignments = (experiment: string) => t.db.query<{ customer_id: string; arm: string; version: number; source: string }>(
  'SELECT customer_id, arm, version, source FROM experiment_assignments WHERE org_id = $1 AND experiment_id = $2 ORDER BY customer_id', [t.org, experiment]);

describe('experiment results by intent to treat', () => {
  it('counts every customer assigned, per currency, and only opt-outs as opt-outs', async () => {
    const v1 = await getStrategy(t.db, t.org, 'smb-default');
    assert.ok(v1.ok);
    assert.ok((await createStrategyVersion(t.db, t.org, { ...v1.value.definition, name: 'SMB: challenger' })).ok);
    const made = await t.app.inject({ method: 'POST', url: '/v1/experiments', headers: bearer(t.keys.manager),
      payload: { strategy_id: 'smb-default', champion_version: 1, challenger_version: 2, share: 0.5, min_per_arm: 2 } });
    assert.equal(made.statusCode, 201, made.body);
    const e = made.json();

    // customers until each arm has three owing USD and two owing MXN
    const customers: { id: string; currency: string; arm: string }[] = [];
    const count = (arm: string, currency: string) => customers.filter((c) => c.arm === arm && c.currency === currency).length;
    for (let i = 0; ['champion', 'challenger'].some((a) => count(a, 'USD') < 3 || count(a, 'MXN') < 2); i++) {
      assert.ok(i < 80);
      const c = await aCustomer(t.db, t.org, { external_id: `ITT-${i}`, email: 'ap@example.com', country: 'US', timezone: 'America/New_York' });
      const arm = armOf(e.id, c.id, 0.5);
      const currency = count(arm, 'USD') < 3 ? 'USD' : 'MXN';
      await anInvoice(t.db, t.org, { customer_id: c.id, currency, issue_date: '2026-03-01', due_date: '2026-03-16', amount: 10_000 });
      customers.push({ id: c.id, currency, arm });
    }
    const ids = customers.map((c) => c.id);
    const now = new Date('2026-03-17T15:00:00Z');
    await syncCases(t.db, t.org, now, { customerIds: ids });
    await runTick(t.db, { orgId: t.org, now });
    await runTick(t.db, { orgId: t.org, now: new Date('2026-03-18T15:00:00Z') });
    const rows = (await assignments(e.id)).filter((r) => ids.includes(r.customer_id));
    assert.deepEqual(rows.map((r) => [r.customer_id, r.arm, r.version, r.source]),
      [...customers].sort((a, b) => a.id.localeCompare(b.id)).map((c) => [c.id, c.arm, c.arm === 'challenger' ? 2 : 1, 'planned']), 'one row each, once, in the arm planned');

    // a challenger's case moves to another strategy; a champion pays in full and their case closes
    const usd = (arm: string) => customers.filter((c) => c.arm === arm && c.currency === 'USD');
    const moved = usd('challenger')[0]!, paid = usd('champion')[0]!;
    await t.db.query(`UPDATE cases SET strategy_id = 'other' WHERE org_id = $1 AND customer_id = $2`, [t.org, moved.id]);
    await aPayment(t.db, t.org, { customer_id: paid.id, amount: 10_000, date: '2026-03-18' });
    await syncCases(t.db, t.org, new Date('2026-03-19T15:00:00Z'), { customerIds: ids });
    const [closed] = await t.db.query<{ status: string }>('SELECT status FROM cases WHERE org_id = $1 AND customer_id = $2', [t.org, paid.id]);
    assert.equal(closed?.status, 'closed');

    // opt-outs: a STOP keyword, a provider's opted-out report and a consent withdrawn count; a wrong number and a bounce do not
    const at = new Date('2026-03-18T16:00:00Z');
    const [a, b, c, d, f] = [usd('champion')[1]!, usd('champion')[2]!, usd('challenger')[1]!, usd('challenger')[2]!, customers.find((x) => x.currency === 'MXN' && x.arm === 'champion')!];
    const sup = (id: string, source: string, reason: string) => suppress(t.db, t.org, 'test', id, { scope: 'channel', channel: 'sms', reason, source }, at);
    assert.ok((await sup(a.id, 'keyword', 'STOP')).ok);
    assert.ok((await sup(b.id, 'collector', 'wrong number: the person who answered is not the customer')).ok);
    assert.ok((await sup(c.id, 'provider', 'twilio says the sms contact is bounced (30005)')).ok);
    assert.ok((await sup(d.id, 'provider', 'twilio says the sms contact is opted_out (21610)')).ok);
    const consent = await recordConsent(t.db, t.org, 'test', f.id, { kind: 'channel', channel: 'email', source: 'portal' }, new Date('2026-03-16T10:00:00Z'));
    assert.ok(consent.ok && (await revokeConsent(t.db, t.org, 'test', consent.value.id, at)).ok);

    const res = await t.app.inject({ method: 'GET', url: `/v1/experiments/${e.id}/results?as_of=2026-03-20`, headers: bearer(t.keys.viewer) });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    const [ch, cl] = body.arms;
    assert.deepEqual([ch.customers, cl.customers], [customers.filter((x) => x.arm === 'champion').length, customers.filter((x) => x.arm === 'challenger').length],
      'the moved and the closed case still count');
    assert.deepEqual(ch.by_currency.map((x: { currency: string; customers: number }) => [x.currency, x.customers]), [['MXN', count('champion', 'MXN')], ['USD', 3]]);
    assert.deepEqual(cl.by_currency.map((x: { currency: string; customers: number }) => [x.currency, x.customers]), [['MXN', count('challenger', 'MXN')], ['USD', 3]]);
    // champion USD: one paid in full (share 1), two owing all (0); MXN: nothing paid
    assert.ok(Math.abs(ch.by_currency[1].collected_share - 1 / 3) < 1e-9);
    assert.equal(ch.by_currency[0].collected_share, 0);
    assert.equal(ch.collected_share, null);
    assert.deepEqual(ch.collected, [{ currency: 'USD', amount: 10_000 }]);
    assert.deepEqual([ch.opt_outs, cl.opt_outs], [2, 1]);
    assert.deepEqual(body.differences.map((x: { currency: string }) => x.currency), ['MXN', 'USD']);
    assert.equal(body.difference, null);
    for (const x of body.differences) assert.ok(x.always_valid_low <= x.low && x.always_valid_high >= x.high);
    assert.match(body.message, /^MXN: challenger minus champion .*\nUSD: challenger minus champion .*always-valid/);

    // before the tick that assigned them there is no one; stopping and planning again changes no one's arm
    const early = await t.app.inject({ method: 'GET', url: `/v1/experiments/${e.id}/results?as_of=2026-03-16`, headers: bearer(t.keys.viewer) });
    assert.deepEqual(early.json().arms.map((x: { customers: number }) => x.customers), [0, 0]);
    assert.equal((await t.app.inject({ method: 'POST', url: `/v1/experiments/${e.id}/stop`, headers: bearer(t.keys.manager) })).statusCode, 200);
    await t.db.query(`UPDATE cases SET next_action_at = $2 WHERE org_id = $1 AND customer_id = ANY($3::text[]) AND status = 'open'`, [t.org, '2026-03-20T00:00:00Z', ids]);
    await runTick(t.db, { orgId: t.org, now: new Date('2026-03-20T15:00:00Z') });
    assert.deepEqual((await assignments(e.id)).map((r) => [r.customer_id, r.arm]), rows.map((r) => [r.customer_id, r.arm]));
  });

  it('migration 154 puts the customers on the strategy before it in the arm the hash gives, as JavaScript does', async () => {
    const made = await t.app.inject({ method: 'POST', url: '/v1/experiments', headers: bearer(t.keys.manager),
      payload: { strategy_id: 'smb-default', champion_version: 1, challenger_version: 2, share: 0.3 } });
    assert.equal(made.statusCode, 201, made.body);
    const e = made.json();
    const sql = readFileSync(new URL('../src/db/migrations/154_experiment_assignments.sql', import.meta.url), 'utf8');
    const backfill = sql.slice(sql.indexOf('INSERT INTO experiment_assignments'), sql.indexOf('ON CONFLICT DO NOTHING;'));
    assert.ok(backfill.length > 100);
    await t.db.query(`${backfill} ON CONFLICT DO NOTHING`);
    const onStrategy = await t.db.query<{ customer_id: string }>(`SELECT customer_id FROM cases WHERE org_id = $1 AND strategy_id = 'smb-default' ORDER BY customer_id`, [t.org]);
    assert.ok(onStrategy.length >= 9);
    const rows = await assignments(e.id);
    assert.deepEqual(rows.map((r) => [r.customer_id, r.arm, r.version, r.source]),
      onStrategy.map((c) => { const arm = armOf(e.id, c.customer_id, 0.3); return [c.customer_id, arm, arm === 'challenger' ? 2 : 1, 'before_154']; }));
    assert.ok(new Set(rows.map((r) => r.arm)).size === 2);
  });
});
