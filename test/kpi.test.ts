// KPIs of a small portfolio for March 2026, against figures worked out by hand (the portfolio is in support/kpi-portfolio.ts).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { seedKpiPortfolio } from './support/kpi-portfolio.ts';
import { aCustomer } from './support/factories.ts';
import { createOrg } from '../src/orgs/index.ts';
import { kpiReport, type KpiReport } from '../src/kpi/index.ts';
import { agingReport } from '../src/ledger/index.ts';
import type { Db } from '../src/db/index.ts';

let db: Db;
let org: string;
let report: KpiReport;

before(async () => {
  db = await testDb();
  org = await testOrg(db);
  await seedKpiPortfolio(db, org);
  const r = await kpiReport(db, org, { from: '2026-03-01', to: '2026-03-31' });
  assert.ok(r.ok, JSON.stringify(r));
  report = r.value;
});
after(async () => { await db.close(); });

const usd = () => report.receivables.find((r) => r.currency === 'USD')!;
const eur = () => report.receivables.find((r) => r.currency === 'EUR')!;
const zero = { d91_120: 0, over_120: 0 };

describe('receivables KPIs with partial payments, credit notes, a fee, a write-off and a reversed payment', () => {
  it('keeps each currency apart', () => {
    assert.deepEqual(report.receivables.map((r) => r.currency), ['EUR', 'USD']);
    assert.equal(report.days, 31);
    assert.equal(report.opening_date, '2026-02-28');
  });

  it('sums the flows of March', () => {
    // invoiced: I3 2,000.00 (5 Mar) + I5 300.00 (20 Mar) = 230,000; fee on I4 2,500; credit notes I1 10,000 + I3 20,000;
    // write-off on I4 10,000; collected: I1 30,000 (10 Mar, partial) + I2 60,000 (25 Mar) + B's 50,000 (12 Mar) reversed
    // on 20 Mar = 90,000; net credit sales 230,000 + 2,500 - 30,000 = 202,500
    assert.deepEqual(usd().flows, { invoiced: 230_000, late_fees: 2_500, interest: 0, credit_notes: 30_000, discounts: 0, write_offs: 10_000,
      collected: 90_000, net_credit_sales: 202_500 });
  });

  it('ages the balances at the end of February and of March', () => {
    // 28 Feb: I1 100,000 - 40,000 paid 20 Feb = 60,000, 19 days late; I2 60,000 due 17 Mar, current; I4 50,000, 59 days late
    assert.deepEqual(usd().opening, { current: 60_000, d1_30: 60_000, d31_60: 50_000, d61_90: 0, ...zero, total: 170_000, invoices: 3 });
    // 31 Mar: I1 60,000 - 10,000 credit - 30,000 = 20,000, 50 days late; I2 paid; I3 200,000 - 20,000 credit = 180,000 (the
    // reversed payment does not count), current; I4 50,000 + 2,500 - 10,000 = 42,500, 90 days late; I5 30,000 current
    assert.deepEqual(usd().closing, { current: 210_000, d1_30: 0, d31_60: 20_000, d61_90: 42_500, ...zero, total: 272_500, invoices: 4 });
    // the balances roll forward: opening + sales - write-offs - collected = 170,000 + 202,500 - 10,000 - 90,000 = 272,500
    const f = usd().flows;
    assert.equal(usd().opening.total + f.net_credit_sales - f.write_offs - f.collected, usd().closing.total);
  });

  it('agrees with the ledger\'s aging report at the end of the period', async () => {
    const aging = await agingReport(db, org, '2026-03-31');
    for (const line of aging.totals) {
      const k = report.receivables.find((r) => r.currency === line.currency)!;
      const { currency: _c, ...buckets } = line;
      assert.deepEqual(buckets, k.closing);
    }
  });

  it('computes DSO, best possible DSO, average days delinquent and count-back DSO', () => {
    // DSO = 272,500 / 202,500 x 31 = 41.716 -> 41.72
    // best possible = current 210,000 / 202,500 x 31 = 32.148 -> 32.15
    // average days delinquent = overdue 62,500 / 202,500 x 31 = 9.568 -> 9.57
    // count-back: March sold 202,500 (31 days, 70,000 left), February 60,000 (I2; 28 days, 10,000 left),
    // January 100,000 (I1): 10,000 / 100,000 x 31 = 3.1 -> 31 + 28 + 3.1 = 62.1
    const u = usd();
    assert.deepEqual([u.dso, u.best_possible_dso, u.average_days_delinquent, u.count_back_dso, u.count_back_complete],
      [41.72, 32.15, 9.57, 62.1, true]);
  });

  it('computes the collection effectiveness index without counting the write-off as collected', () => {
    // (170,000 + 202,500 - 272,500 - 10,000) / (170,000 + 202,500 - 210,000) = 90,000 / 162,500 = 55.38%
    assert.equal(usd().cei, 55.38);
  });

  it('gives roll rates from each opening bucket', () => {
    const [current, d1, d31] = usd().roll_rates;
    // current: I2 60,000, paid in full
    assert.deepEqual([current!.opening, current!.to.resolved, current!.roll_rate, current!.resolved_rate], [60_000, 60_000, 0, 1]);
    // 1-30: I1 60,000, of which 20,000 still owed and now 31-60: 20,000 / 60,000 = 0.3333
    assert.deepEqual([d1!.opening, d1!.to.d31_60, d1!.to.resolved, d1!.roll_rate], [60_000, 20_000, 40_000, 0.3333]);
    // 31-60: I4 50,000, now 42,500 in 61-90 (a 2,500 fee added, 10,000 written off): 42,500 / 50,000 = 0.85
    assert.deepEqual([d31!.opening, d31!.to.d61_90, d31!.to.resolved, d31!.roll_rate], [50_000, 42_500, 7_500, 0.85]);
  });

  it('computes the EUR figures on their own, with no DSO for a month that sold nothing', () => {
    // E1 80,000 due 3 Mar, current on 28 Feb; 30,000 paid 15 Mar; 50,000 left, 28 days late
    const e = eur();
    assert.deepEqual([e.opening.current, e.closing.d1_30, e.flows.collected, e.flows.net_credit_sales], [80_000, 50_000, 30_000, 0]);
    assert.deepEqual([e.dso, e.best_possible_dso, e.average_days_delinquent], [null, null, null]);
    // count-back: March sold nothing (31 days), February 80,000: 50,000 / 80,000 x 28 = 17.5 -> 48.5
    assert.equal(e.count_back_dso, 48.5);
    // CEI (80,000 + 0 - 50,000 - 0) / (80,000 + 0 - 0) = 37.5%; roll rate 50,000 / 80,000 = 0.625
    assert.deepEqual([e.cei, e.roll_rates[0]!.roll_rate], [37.5, 0.625]);
  });
});

describe('contact, promises, recovery and cost', () => {
  it('computes contact and right-party contact rates', () => {
    // attempted in March: A (m1, m2, m6, m8), B (m3, m4), C (m5), D (m9) = 4 (m7 went in February)
    // reached: A (m1 delivered), B (the call m4 answered), C (replied by email); D's only SMS failed: 3 / 4
    // right party: A made promises, C replied: 2 / 4; B answered a call but said nothing we can read
    const c = report.contacts;
    assert.deepEqual([c.accounts_attempted, c.accounts_reached, c.accounts_right_party, c.contact_rate, c.right_party_rate, c.replies],
      [4, 3, 2, 0.75, 0.5, 1]);
    const sms = c.by_channel.find((x) => x.channel === 'sms')!;
    // m2 delivered (A), m3 (B) and m9 (D) failed: 1 of 3 accounts reached
    assert.deepEqual(sms, { channel: 'sms', messages: 3, delivered: 1, failed: 2, accounts_attempted: 3, accounts_reached: 1, contact_rate: 0.3333 });
    const email = c.by_channel.find((x) => x.channel === 'email')!;
    // m1 delivered (A), m5 sent (C, who replied by email), m8 bounced: both accounts reached
    assert.deepEqual([email.messages, email.delivered, email.failed, email.accounts_reached, email.contact_rate], [3, 1, 1, 2, 1]);
  });

  it('computes the kept-promise rate of promises falling due in March, as judged by its end', () => {
    // due in March: p1 kept, p2 broken, p3 partly kept, p4 kept but judged on 1 April (pending on 31 March); p5 replaced is out
    // kept rate 1 / (1 + 1 + 1) = 0.3333; USD paid 30,000 of 80,000 promised (p1 + p2) = 0.375; EUR 30,000 of 40,000 = 0.75
    const p = report.promises;
    assert.deepEqual([p.promises, p.kept, p.partly_kept, p.broken, p.pending, p.kept_rate], [4, 1, 1, 1, 1, 0.3333]);
    assert.deepEqual(p.by_currency, [
      { currency: 'EUR', promised: 40_000, paid: 30_000, paid_rate: 0.75 },
      { currency: 'USD', promised: 80_000, paid: 30_000, paid_rate: 0.375 }]);
  });

  it('credits each payment to the last message sent within 7 days before it', () => {
    // A's 30,000 on 10 Mar: m8 (10 Mar) bounced, so m2 (SMS, 9 Mar); A's 60,000 on 25 Mar: m6 (WhatsApp, 22 Mar);
    // B's 50,000 was reversed; C's EUR 30,000 on 15 Mar: C's last message m5 was on 2 Mar, outside the window
    const r = report.recovery;
    const recovered = (xs: { recovered: unknown[] }[]) => xs.map((x) => x.recovered);
    assert.deepEqual(r.by_channel.map((x) => x.channel), ['email', 'sms', 'voice', 'whatsapp']);
    assert.deepEqual(recovered(r.by_channel), [[], [{ currency: 'USD', amount: 30_000, payments: 1 }], [], [{ currency: 'USD', amount: 60_000, payments: 1 }]]);
    assert.deepEqual(r.unattributed, [{ currency: 'EUR', amount: 30_000, payments: 1 }]);
    assert.deepEqual(r.total.recovered, [{ currency: 'EUR', amount: 30_000, payments: 1 }, { currency: 'USD', amount: 90_000, payments: 2 }]);
    const step = r.by_step.find((x) => x.step_id === 'overdue-7')!;
    // overdue-7: m2, m3, m6, m9 = 50,000 + 50,000 + 20,000 + 50,000 = 170,000 micro-USD to A, B and D; both payments
    assert.deepEqual([step.messages, step.cost[0]!.micros, step.cost[0]!.accounts, step.recovered], [4, 170_000, 3, [{ currency: 'USD', amount: 90_000, payments: 2 }]]);
    assert.deepEqual(r.by_template.map((x) => [x.template, x.messages]), [['call-1', 1], ['overdue-1', 4], ['reminder-1', 3]]);
  });

  it('computes the cost per account', () => {
    // March: 1,000 + 50,000 + 50,000 + 100,000 + 1,000 + 20,000 + 1,000 + 50,000 = 273,000 micro-USD (0.273 USD, 27 cents)
    // over 4 accounts: 68,250 micro-USD each (7 cents)
    assert.deepEqual(report.recovery.total.cost, [{ currency: 'USD', micros: 273_000, minor: 27, accounts: 4, per_account_micros: 68_250, per_account_minor: 7 }]);
    assert.equal(report.recovery.total.messages, 8);
    const email = report.recovery.by_channel.find((x) => x.channel === 'email')!;
    assert.deepEqual([email.messages, email.cost[0]!.micros, email.cost[0]!.accounts], [3, 3_000, 2]);
  });
});

describe('the period and the currency asked', () => {
  it('counts only one currency when asked, and promises in it', async () => {
    const r = await kpiReport(db, org, { from: '2026-03-01', to: '2026-03-31', currency: 'usd' });
    assert.ok(r.ok);
    assert.deepEqual(r.value.receivables.map((x) => x.currency), ['USD']);
    // p1 kept, p2 broken, p4 pending: 1 / 2
    assert.deepEqual([r.value.promises.promises, r.value.promises.kept_rate], [3, 0.5]);
    assert.deepEqual(r.value.recovery.unattributed, []);
  });

  it('reads a reversed payment as it stood before its reversal', async () => {
    // as of 15 March, B's 50,000 of 12 March still stood: I3 owed 150,000 then
    const r = await kpiReport(db, org, { from: '2026-03-01', to: '2026-03-15', currency: 'USD' });
    assert.ok(r.ok);
    // collected by 15 Mar: I1 30,000 + B 50,000 = 80,000; both payments credited (A's to m2, B's to m4, the call of 11 Mar)
    assert.equal(r.value.receivables[0]!.flows.collected, 80_000);
    assert.deepEqual(r.value.recovery.by_channel.find((x) => x.channel === 'voice')!.recovered, [{ currency: 'USD', amount: 50_000, payments: 1 }]);
  });

  it('counts an instant on the day it was in the org\'s time zone', async () => {
    const mx = (await createOrg(db, { name: 'MX', defaultTimezone: 'America/Mexico_City' })).id;
    const c = await aCustomer(db, mx);
    // 03:00 UTC on 1 April is 21:00 on 31 March in Mexico City (in March); 05:00 UTC on 1 March is 23:00 on 28 February (not)
    for (const [id, at] of [['in', '2026-04-01T03:00:00Z'], ['out', '2026-03-01T05:00:00Z']]) {
      await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, status, next_attempt_at, created_at, updated_at, sent_at)
        VALUES ($1, $2, $1, $3, 'sms', 'delivered', $4, $4, $4, $4)`, [`msg_tz_${id}`, mx, c.id, at]);
    }
    const r = await kpiReport(db, mx, { from: '2026-03-01', to: '2026-03-31' });
    assert.ok(r.ok);
    assert.deepEqual([r.value.time_zone, r.value.contacts.by_channel.map((x) => x.messages)], ['America/Mexico_City', [1]]);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const r = await kpiReport(db, org, { from: '2026-03-31', to: '2026-03-01' });
    assert.deepEqual(r.ok ? null : [r.error.code, r.error.field], ['VALIDATION_FAILED', 'to']);
  });
});
