// `GET /v1/dashboard` and the customers list's drill-down filters on a small portfolio worked out by hand.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { applyAdjustment, cancelInvoice, reversePayment } from '../src/ledger/index.ts';
import type { Queryable } from '../src/db/index.ts';

/**
 * As of Sunday 2026-03-15 (the test clock), week ends 1, 8 and 15 March:
 * A1 USD 1,000.00 due 31 Jan, 300.00 paid 5 Mar          -> overdue 1,000.00 | 700.00 | 700.00
 * A2 USD   500.00 due  3 Mar, credit note 100.00 10 Mar  -> not yet due      | 500.00 | 400.00
 * B1 USD   200.00 due 20 Feb, paid 12 Mar, reversed 14th -> 200.00           | 200.00 | 200.00
 * B2 EUR   800.00 due 10 Mar (issued 1 Mar), 300.00 paid 11 Mar -> none      | none   | 500.00
 * C1 USD   100.00 issued and due 14 Mar                  -> none             | none   | 100.00
 * C2 USD   9.99 cancelled                                -> never
 * USD: 1,200.00 (2) | 1,400.00 (3) | 1,400.00 (4); EUR: 0 | 0 | 500.00 (1).
 */
async function seed(q: Queryable, org: string) {
  const [a, b, c] = [await aCustomer(q, org), await aCustomer(q, org), await aCustomer(q, org)];
  // SMB version 2 (active) works A's case; version 1 worked B's (closed) and works C's, from before their payments (each
  // payment is credited to the version the case is on when it is allocated)
  for (const [version, active] of [[1, false], [2, true]] as const) {
    await q.query(`INSERT INTO strategies (org_id, id, version, name, definition, active) VALUES ($1, 'str_smb', $2, 'SMB', '{}', $3)`, [org, version, active]);
  }
  for (const [customer, version, status] of [[a.id, 2, 'open'], [b.id, 1, 'closed'], [c.id, 1, 'open']] as const) {
    await q.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, opened_at) VALUES ($1, $2, $3, $4, 'str_smb', $5, '2026-01-01T00:00:00Z')`,
      [`case_${customer}`, org, customer, status, version]);
  }
  const a1 = await anInvoice(q, org, { customer_id: a.id, amount: 100_000, issue_date: '2026-01-01', due_date: '2026-01-31' });
  const a2 = await anInvoice(q, org, { customer_id: a.id, amount: 50_000, issue_date: '2026-02-01', due_date: '2026-03-03' });
  const b1 = await anInvoice(q, org, { customer_id: b.id, amount: 20_000, issue_date: '2026-02-01', due_date: '2026-02-20' });
  const b2 = await anInvoice(q, org, { customer_id: b.id, currency: 'EUR', amount: 80_000, issue_date: '2026-03-01', due_date: '2026-03-10' });
  await anInvoice(q, org, { customer_id: c.id, amount: 10_000, issue_date: '2026-03-14', due_date: '2026-03-14' });
  const c2 = await anInvoice(q, org, { customer_id: c.id, amount: 999, issue_date: '2026-01-01', due_date: '2026-01-02' });
  assert.ok((await cancelInvoice(q, org, 'test', c2.id)).ok);
  const pay = (customer: string, invoice: string, amount: number, date: string, currency = 'USD') =>
    aPayment(q, org, { customer_id: customer, amount, date, currency, allocations: [{ invoice_id: invoice, amount }] });
  await pay(a.id, a1.id, 30_000, '2026-03-05');
  assert.ok((await applyAdjustment(q, org, 'test', { invoice_id: a2.id, kind: 'credit_note', amount: 10_000, date: '2026-03-10' })).ok);
  const bounced = await pay(b.id, b1.id, 20_000, '2026-03-12');
  assert.ok((await reversePayment(q, org, 'test', bounced.id, 'returned')).ok);
  await q.query(`UPDATE payments SET reversed_at = '2026-03-14T12:00:00Z' WHERE id = $1`, [bounced.id]);
  await q.query(`UPDATE allocations SET reversed_at = '2026-03-14T12:00:00Z' WHERE payment_id = $1`, [bounced.id]);
  await pay(b.id, b2.id, 30_000, '2026-03-11', 'EUR');
  // [customer, version, channel, status, sent at]; the org is in Mexico City (UTC-6), so 16 Mar 00:30 UTC is still the 15th
  const messages: [string, number, string, string, string][] = [
    [a.id, 2, 'email', 'delivered', '2026-03-02T10:00:00Z'], [a.id, 2, 'sms', 'failed', '2026-03-06T10:00:00Z'],
    [a.id, 2, 'sms', 'delivered', '2026-02-01T10:00:00Z'], [b.id, 1, 'voice', 'read', '2026-03-12T16:00:00Z'],
    [c.id, 1, 'sms', 'delivered', '2026-03-16T00:30:00Z'], [c.id, 1, 'email', 'sent', '2026-03-16T07:00:00Z'],
  ];
  for (const [i, [customer, version, channel, status, sentAt]] of messages.entries()) {
    await q.query(
      `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
         template, scheduled_for, status, reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $1, 'str_smb', $5, 's1', 1, 'message', ARRAY[$6], 'reminder-1', $7::timestamptz::date, 'sent', 'due', $7, $7)`,
      [`act_${org}_${i}`, org, `case_${customer}`, customer, version, channel, sentAt]);
    await q.query(
      `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, status, next_attempt_at, created_at, updated_at, sent_at)
       VALUES ($1, $2, $3, $4, $5, 'reminder-1', $6, $7, $7, $7, $7)`, [`msg_${org}_${i}`, org, `act_${org}_${i}`, customer, channel, status, sentAt]);
  }
  await q.query(`UPDATE orgs SET default_timezone = 'America/Mexico_City' WHERE id = $1`, [org]);
  return { a: a.id, b: b.id, c: c.id };
}

describe('GET /v1/dashboard', () => {
  let api: TestApi;
  let p: { a: string; b: string; c: string };
  const get = (url: string, key = api.keys.viewer) => api.app.inject({ method: 'GET', url, headers: bearer(key) });
  before(async () => { api = await testApi(); p = await seed(api.db, api.org); });
  after(async () => { await api.close(); });

  it('gives the overdue at each week end, ending on the aging report of the day', async () => {
    const res = await get('/v1/dashboard?weeks=3');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual([body.as_of, body.week_from, body.month_from, body.time_zone], ['2026-03-15', '2026-03-09', '2026-03-01', 'America/Mexico_City']);
    assert.deepEqual(body.overdue_trend, [
      { currency: 'EUR', points: [{ date: '2026-03-01', overdue: 0, invoices: 0 }, { date: '2026-03-08', overdue: 0, invoices: 0 }, { date: '2026-03-15', overdue: 50_000, invoices: 1 }] },
      { currency: 'USD', points: [{ date: '2026-03-01', overdue: 120_000, invoices: 2 }, { date: '2026-03-08', overdue: 140_000, invoices: 3 }, { date: '2026-03-15', overdue: 140_000, invoices: 4 }] },
    ]);
    const aging = (await get('/v1/aging')).json();
    for (const t of body.overdue_trend) {
      const line = aging.totals.find((l: { currency: string }) => l.currency === t.currency);
      assert.equal(line.total - line.current, t.points.at(-1).overdue, t.currency);
    }
    const usd = (await get('/v1/dashboard?as_of=2026-03-08&weeks=2&currency=usd')).json();
    assert.deepEqual(usd.overdue_trend.map((t: { currency: string; points: { overdue: number }[] }) => [t.currency, t.points.map((x) => x.overdue)]), [['USD', [120_000, 140_000]]]);
  });

  it('sums the payments of this week and month, leaving reversed ones out', async () => {
    const body = (await get('/v1/dashboard')).json();
    assert.deepEqual(body.collected, [
      { currency: 'EUR', week: 30_000, week_payments: 1, month: 30_000, month_payments: 1 },
      { currency: 'USD', week: 0, week_payments: 0, month: 30_000, month_payments: 1 },
    ]);
    assert.equal(body.overdue_trend[0].points.length, 12);
  });

  it('gives each strategy version its cases, collected and contacts over the last 30 days in the org\'s zone', async () => {
    const body = (await get('/v1/dashboard')).json();
    assert.deepEqual(body.period, { from: '2026-02-14', to: '2026-03-15' });
    assert.deepEqual(body.strategies, [
      { strategy_id: 'str_smb', version: 2, name: 'SMB', active: true, cases: 1, open_cases: 1, contacts: 1, customers_contacted: 1, collected: [{ currency: 'USD', amount: 30_000 }] },
      { strategy_id: 'str_smb', version: 1, name: 'SMB', active: false, cases: 2, open_cases: 1, contacts: 2, customers_contacted: 2, collected: [{ currency: 'EUR', amount: 30_000 }] },
    ]);
  });

  it('answers every role, refuses a bad query naming the field, needs a key, and shows nothing of another org', async () => {
    for (const role of ['admin', 'manager', 'collector', 'viewer'] as const) assert.equal((await get('/v1/dashboard', api.keys[role])).statusCode, 200, role);
    const bad = await get('/v1/dashboard?weeks=100');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.field, /weeks/);
    assert.equal((await get('/v1/dashboard?as_of=2026-02-30')).statusCode, 400);
    assert.equal((await api.app.inject({ method: 'GET', url: '/v1/dashboard' })).statusCode, 401);
    const other = (await get('/v1/dashboard', api.otherKey)).json();
    assert.deepEqual([other.overdue_trend, other.collected, other.strategies], [[], [], []]);
  });

  it('takes the customers list down to the customers behind a figure', async () => {
    const ids = async (query: string) => (await get(`/v1/customers?${query}`)).json().data.map((c: { id: string }) => c.id).sort();
    assert.deepEqual(await ids('overdue=true'), [p.a, p.b, p.c].sort());
    assert.deepEqual(await ids('overdue=true&currency=EUR'), [p.b]);
    assert.deepEqual(await ids('dpd_min=31&currency=USD'), [p.a]);
    assert.deepEqual(await ids('dpd_min=1&dpd_max=10'), [p.b, p.c].sort());
    assert.deepEqual(await ids('overdue=true&as_of=2026-03-01'), [p.a, p.b].sort());
    assert.deepEqual(await ids('strategy_id=str_smb&strategy_version=1'), [p.b, p.c].sort());
    assert.deepEqual(await ids('channel=sms&from=2026-03-01&to=2026-03-31'), [p.c]);
    // C's SMS at 00:30 UTC on the 16th is the 15th in the org's Mexico City, as the dashboard counts it
    assert.deepEqual(await ids('messaged=true&from=2026-03-01&to=2026-03-15'), [p.a, p.b, p.c].sort());
    assert.deepEqual(await ids('messaged=true&from=2026-03-16&to=2026-03-31'), [p.c], 'its email at 07:00 UTC on the 16th is the 16th there too');
    assert.deepEqual(await ids('channel=sms&from=2026-03-16&to=2026-03-31'), [], 'the SMS is not the 16th\'s');
    assert.equal((await get('/v1/customers?dpd_min=-1')).statusCode, 400);
  });
});
