// Instalment plans on a real database: made within the limits (or refused naming the limit), stopping the strategy while
// current, a reminder before each instalment, payments counted in order, a missed instalment breaking the plan after grace
// and the `instalment_missed` step planned by the tick; interest on the ledger and taken back when a plan ends early.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction, type Db } from '../src/db/index.ts';
import { getCase, replanCase, runTick, syncCases } from '../src/engine/index.ts';
import { cancelPlan, createPlan, createPromise, evaluateArrangements, getPlan, listPromises, planOptions, previewPlan, setLimits,
  type PlanRequest } from '../src/payments/index.ts';
import { getInvoice } from '../src/ledger/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';

const NY = (local: string) => new Date(`${local}-05:00`);
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

async function dueToday(amount = 100_000) {
  const org = await testOrg(db);
  const c = await aCustomer(db, org, { email: 'ap@example.com', whatsapp: '+12125550100', country: 'US', timezone: 'America/New_York' });
  const inv = await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount });
  await syncCases(db, org, NY('2026-03-02T08:00'));
  assert.equal((await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') })).planned, 1);
  return { org, customerId: c.id, invoiceId: inv.id };
}

const plan = (org: string, customerId: string, over: Partial<PlanRequest> = {}, now = NY('2026-03-02T11:00')) =>
  inTransaction(db, (tx) => createPlan(tx, org, 'user:usr_collector', { customerId, instalments: 3, source: 'collector', ...over }, now));

const actions = (org: string) => db.query<{ step_id: string; status: string; occurrence: string | null; scheduled_for: string; template: string | null; reason: string }>(
  'SELECT step_id, status, occurrence, scheduled_for, template, reason FROM actions WHERE org_id = $1 ORDER BY created_at, id', [org]);

describe('instalment plans', () => {
  it('builds the schedule, stops the strategy, and reminds of the down payment at once', async () => {
    const { org, customerId } = await dueToday();
    const p = await plan(org, customerId);
    assert.ok(p.ok, JSON.stringify(p));
    assert.deepEqual(p.value.instalments.map((i) => [i.seq, i.due_date, i.amount, i.paid]),
      // 2 May 2026 is a Saturday: that instalment is due on Monday the 4th
      [[0, '2026-03-02', 10_000, false], [1, '2026-04-02', 30_000, false], [2, '2026-05-04', 30_000, false], [3, '2026-06-02', 30_000, false]]);
    assert.deepEqual([p.value.status, p.value.total, p.value.grace_days, p.value.frequency], ['active', 100_000, 3, 'monthly']);
    const rows = (await actions(org)).filter((a) => a.status !== 'skipped');
    assert.deepEqual(rows.map((a) => [a.step_id, a.status]), [['due-day', 'cancelled'], ['plan-reminder', 'planned']]);
    assert.deepEqual([rows[1]?.occurrence, rows[1]?.template, rows[1]?.scheduled_for], [`due:${p.value.id}#1`, 'instalment-reminder', '2026-03-02']);
    assert.match(rows[1]?.reason ?? '', /instalment 1 of plan pln_\w+, 100\.00 USD due 2026-03-02/);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.deepEqual([detail.value.stop_code, detail.value.next_action_at], ['plan_current', NY('2026-03-06T00:00').toISOString()]);
    const again = await replanCase(db, org, customerId, NY('2026-03-03T09:00'));
    assert.deepEqual([again.cancelled, again.planned], [0, 0], 'the reminder still wanted is not cancelled by the plan\'s stop, nor planned twice');
    const missed = await runTick(db, { orgId: org, now: NY('2026-03-06T09:00') });
    assert.equal(missed.cancelled, 1, 'the down payment was missed (grace to 2026-03-05): its reminder is not sent any more');
  });

  it('counts payments towards instalments in order and reminds of the next one three days before it falls due', async () => {
    const { org, customerId } = await dueToday();
    const p = await plan(org, customerId);
    assert.ok(p.ok);
    await aPayment(db, org, { customer_id: customerId, amount: 10_000, date: '2026-03-03' });
    await runTick(db, { orgId: org, now: NY('2026-03-06T09:00') });
    const after = await getPlan(db, org, p.value.id);
    assert.ok(after.ok);
    assert.deepEqual([after.value.paid, after.value.instalments.map((i) => i.paid)], [10_000, [true, false, false, false]]);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.equal(detail.value.next_action_at, new Date('2026-03-30T04:00:00Z').toISOString(),
      'the reminder of 2026-04-02 on Monday 2026-03-30 (New York is on summer time)');
    assert.equal((await runTick(db, { orgId: org, now: new Date('2026-03-30T13:00:00Z') })).planned, 1);
    const reminders = (await actions(org)).filter((a) => a.step_id === 'plan-reminder');
    assert.deepEqual(reminders.map((a) => [a.occurrence, a.scheduled_for]), [[`due:${p.value.id}#1`, '2026-03-02'], [`due:${p.value.id}#2`, '2026-03-30']]);
  });

  it('breaks the plan when an instalment is unpaid after its grace: the instalment-missed step fires once and the strategy resumes', async () => {
    const { org, customerId } = await dueToday();
    const p = await plan(org, customerId);
    assert.ok(p.ok);
    await aPayment(db, org, { customer_id: customerId, amount: 10_000, date: '2026-03-02' });
    await aPayment(db, org, { customer_id: customerId, amount: 20_000, date: '2026-04-01' }); // 10,000 short of instalment 2
    const inGrace = await evaluateArrangements(db, org, new Date('2026-04-05T15:00:00Z'));
    assert.deepEqual(inGrace.plans, {}, 'the grace runs to 2026-04-05');
    const r = await evaluateArrangements(db, org, new Date('2026-04-06T05:00:00Z'));
    assert.deepEqual(r.plans, { broken: 1 });
    const broken = await getPlan(db, org, p.value.id);
    assert.ok(broken.ok);
    assert.deepEqual([broken.value.status, broken.value.broken_seq], ['broken', 1]);
    assert.match(broken.value.end_reason ?? '', /instalment 1 of 30000 due 2026-04-02 was not paid within 3 days of grace/);
    // the evaluation re-planned the case at once: the step is planned for the day the plan broke
    await runTick(db, { orgId: org, now: new Date('2026-04-06T13:00:00Z') });
    const all = await actions(org);
    assert.deepEqual(all.filter((a) => a.step_id === 'plan-reminder').map((a) => a.status), ['cancelled'],
      'a reminder not sent by then is not sent once its instalment is paid');
    const planned = all.filter((a) => a.status === 'planned');
    assert.deepEqual(planned.map((a) => [a.step_id, a.occurrence, a.scheduled_for]).sort(),
      [['after-15', null, '2026-04-06'], ['instalment-missed', `${p.value.id}#2`, '2026-04-06']]);
    assert.equal((await runTick(db, { orgId: org, now: new Date('2026-04-09T13:00:00Z') })).planned, 0);
    await evaluateArrangements(db, org, new Date('2026-05-10T13:00:00Z'));
    await runTick(db, { orgId: org, now: new Date('2026-05-10T13:00:00Z') });
    assert.equal((await actions(org)).filter((a) => a.step_id === 'instalment-missed').length, 1, 'a broken plan is answered once');
  });

  it('completes the plan when everything is paid', async () => {
    const { org, customerId } = await dueToday();
    const p = await plan(org, customerId);
    assert.ok(p.ok);
    await aPayment(db, org, { customer_id: customerId, amount: 100_000, date: '2026-03-10' });
    const r = await evaluateArrangements(db, org, NY('2026-03-10T12:00'));
    assert.deepEqual(r.plans, { completed: 1 });
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.equal(detail.value.status, 'closed');
  });

  it('refuses a plan outside the limits, naming the limit; offers what the limits allow', async () => {
    const { org, customerId } = await dueToday();
    const tooMany = await plan(org, customerId, { instalments: 7 });
    assert.ok(!tooMany.ok);
    assert.deepEqual([tooMany.error.field, (tooMany.error.details as { limit: string }).limit], ['instalments', 'planMaxInstalments']);
    const lowDown = await plan(org, customerId, { downPayment: 1_000 });
    assert.ok(!lowDown.ok);
    assert.equal((lowDown.error.details as { limit: string }).limit, 'planMinDownPaymentBp');
    const options = await planOptions(db, org, customerId, NY('2026-03-02T11:00'));
    assert.ok(options.ok);
    const monthly = options.value.filter((o) => o.frequency === 'monthly').map((o) => o.count);
    assert.deepEqual(monthly, [2, 3, 4, 6]);
    assert.ok(options.value.every((o) => o.instalments.filter((i) => i.seq > 0).every((i) => i.amount >= 5_000)), 'the minimum instalment: 5% of the balance');
    const preview = await previewPlan(db, org, { customerId, instalments: 2, frequency: 'biweekly', source: 'api' }, NY('2026-03-02T11:00'));
    assert.ok(preview.ok);
    assert.deepEqual(preview.value.instalments.map((i) => i.dueDate), ['2026-03-02', '2026-03-16', '2026-03-30']);
    assert.equal((await db.query('SELECT 1 FROM plans WHERE org_id = $1', [org])).length, 0, 'a preview saves nothing');
  });

  it('moves an instalment off the customer\'s holidays and the org\'s quiet days to the next business day, as saved and as offered', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { email: 'pagos@ferreteria.mx', country: 'MX', timezone: 'America/Mexico_City' });
    await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-07-01', due_date: '2026-08-03', amount: 900_000, currency: 'MXN' });
    await db.query(`INSERT INTO org_holidays (id, org_id, date, name, created_by, created_at) VALUES ('hol_t1', $1, '2026-10-16', 'Inventario anual', 'test', now())`, [org]);
    const at = new Date('2026-08-16T17:00:00Z'); // Sunday 16 August in Mexico City
    // offered (before any plan is made) as it is then saved
    const options = await planOptions(db, org, c.id, at);
    assert.ok(options.ok);
    const three = options.value.find((o) => o.count === 3 && o.frequency === 'monthly');
    assert.deepEqual(three?.instalments.map((i) => [i.dueDate, i.movedFrom ?? null]),
      [['2026-08-16', null], ['2026-09-17', '2026-09-16'], ['2026-10-19', '2026-10-16'], ['2026-11-17', '2026-11-16']]);
    const p = await inTransaction(db, (tx) => createPlan(tx, org, 'user:usr_collector', { customerId: c.id, instalments: 3, source: 'collector' }, at));
    assert.ok(p.ok, JSON.stringify(p));
    // 16 September is Mexico's Independence Day, 16 October the org's own quiet day (a Friday), 16 November the Revolution
    // Day holiday (third Monday of November): each moves to the next business day
    assert.deepEqual(p.value.instalments.map((i) => [i.seq, i.due_date]), [[0, '2026-08-16'], [1, '2026-09-17'], [2, '2026-10-19'], [3, '2026-11-17']]);
  });

  it('moves an instalment off the holidays of the customer\'s region where cobro keeps them, and only there', async () => {
    const org = await testOrg(db);
    const at = new Date('2026-06-09T15:00:00Z'); // Tuesday 9 June, midday in São Paulo
    const dueDates = async (region: string) => {
      const c = await aCustomer(db, org, { email: `financeiro-${region}@loja.com.br`, country: 'BR', region, timezone: 'America/Sao_Paulo' });
      await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-04-01', due_date: '2026-05-04', amount: 300_000, currency: 'BRL' });
      const p = await inTransaction(db, (tx) => createPlan(tx, org, 'user:usr_collector', { customerId: c.id, instalments: 2, frequency: 'monthly', source: 'collector' }, at));
      assert.ok(p.ok, JSON.stringify(p));
      return p.value.instalments.map((i) => i.due_date);
    };
    // 9 July is São Paulo's Revolução Constitucionalista (a Thursday): a paulista's instalment moves to Friday the 10th
    assert.deepEqual(await dueDates('BR-SP'), ['2026-06-09', '2026-07-10', '2026-08-10']);
    // Minas Gerais keeps the national days only: the same instalment stays on the 9th
    assert.deepEqual(await dueDates('MG'), ['2026-06-09', '2026-07-09', '2026-08-10']);
  });

  it('replaces a pending promise, and refuses a promise while the plan is active', async () => {
    const { org, customerId } = await dueToday();
    const promise = (now: Date) => inTransaction(db, (tx) => createPromise(tx, org, 'test', { customerId, amount: 100_000, currency: 'USD',
      dueDate: '2026-03-06', source: 'api' }, now));
    assert.ok((await promise(NY('2026-03-02T10:00'))).ok);
    const p = await plan(org, customerId);
    assert.ok(p.ok);
    const [replaced] = await listPromises(db, org, { customerId });
    assert.deepEqual([replaced?.status, replaced?.replaced_by], ['replaced', p.value.id]);
    const refused = await promise(NY('2026-03-02T12:00'));
    assert.equal(!refused.ok && refused.error.code, 'INVALID_STATE');
    assert.equal((await plan(org, customerId, {}, NY('2026-03-02T12:00'))).ok, false, 'one active plan at a time');
  });

  it('puts the plan\'s interest on the ledger and takes back what was not earned when the plan is cancelled', async () => {
    const { org, customerId, invoiceId } = await dueToday(120_000);
    await inTransaction(db, (tx) => setLimits(tx, org, 'test', { interestAnnualBp: 1_200 }, NY('2026-03-02T10:00')));
    const p = await plan(org, customerId, { instalments: 2, downPayment: 20_000 });
    assert.ok(p.ok, JSON.stringify(p));
    assert.ok(p.value.interest > 0);
    assert.equal(p.value.instalments.reduce((s, i) => s + i.amount, 0), 120_000 + p.value.interest);
    const inv = await getInvoice(db, org, invoiceId);
    assert.equal(inv.ok && inv.value.balance, 120_000 + p.value.interest, 'the invoice owes what the schedule adds up to');
    const cancelled = await inTransaction(db, (tx) => cancelPlan(tx, org, 'user:manager', p.value.id, 'customer asked', NY('2026-03-20T10:00')));
    assert.ok(cancelled.ok);
    assert.deepEqual([cancelled.value.status, cancelled.value.interest_adjustment_id], ['cancelled', null]);
    const back = await getInvoice(db, org, invoiceId);
    assert.equal(back.ok && back.value.balance, 120_000);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.equal(detail.value.stop_code, null, 'the case is back on its strategy');
  });
});
