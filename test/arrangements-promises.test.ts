// Promises to pay on a real database: made within the limits, one pending per customer, stopping reminders at once, judged
// kept, partly kept or broken on the day after date + grace in the debtor's time zone, and the broken-promise step planned by the tick.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction, type Db } from '../src/db/index.ts';
import { getCase, runTick, syncCases } from '../src/engine/index.ts';
import { createPromise, evaluateArrangements, listPromises, promiseReport, setLimits, type NewPromise } from '../src/payments/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';

const NY = (local: string) => new Date(`${local}-05:00`);
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

/** A customer in New York owing `amount` due 2026-03-02, with the due-day reminder planned on the morning of that day. */
async function dueToday(amount = 100_000) {
  const org = await testOrg(db);
  const c = await aCustomer(db, org, { email: 'ap@example.com', whatsapp: '+12125550100', phone: '+12125550100', country: 'US', timezone: 'America/New_York' });
  await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount });
  await syncCases(db, org, NY('2026-03-02T08:00'));
  const tick = await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') });
  assert.equal(tick.planned, 1);
  return { org, customerId: c.id };
}

const promise = (org: string, customerId: string, over: Partial<NewPromise> = {}, now = NY('2026-03-02T11:00')) =>
  inTransaction(db, (tx) => createPromise(tx, org, 'user:usr_collector', { customerId, amount: 50_000, currency: 'USD', dueDate: '2026-03-06', source: 'collector', channel: 'phone', ...over }, now));

const actions = (org: string) => db.query<{ step_id: string; status: string; reason: string; occurrence: string | null; scheduled_for: string }>(
  'SELECT step_id, status, reason, occurrence, scheduled_for FROM actions WHERE org_id = $1 ORDER BY created_at, id', [org]);

describe('promises to pay', () => {
  it('cancels the planned reminder at once and stops the case until the day after date + grace', async () => {
    const { org, customerId } = await dueToday();
    const p = await promise(org, customerId);
    assert.ok(p.ok, JSON.stringify(p));
    assert.deepEqual([p.value.status, p.value.made_on, p.value.grace_days], ['pending', '2026-03-02', 1]);
    const [dueDay] = await actions(org);
    assert.deepEqual([dueDay?.step_id, dueDay?.status], ['due-day', 'cancelled']);
    assert.match(dueDay?.reason ?? '', /^promise_active: promise prm_\w+ to pay 500\.00 USD by 2026-03-07/);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.deepEqual([detail.value.stop_code, detail.value.next_action_at], ['promise_active', NY('2026-03-08T00:00').toISOString()]);
    assert.equal((await runTick(db, { orgId: org, now: NY('2026-03-07T12:00') })).cases, 0, 'nothing is due while the promise stands');
  });

  it('refuses promises outside the limits, naming the field and the limit', async () => {
    const { org, customerId } = await dueToday();
    const tooSmall = await promise(org, customerId, { amount: 24_999 });
    assert.ok(!tooSmall.ok);
    assert.deepEqual([tooSmall.error.field, (tooSmall.error.details as { limit: string }).limit], ['amount', 'promiseMinShareBp']);
    const tooFar = await promise(org, customerId, { dueDate: '2026-03-17' });
    assert.ok(!tooFar.ok);
    assert.deepEqual([tooFar.error.field, (tooFar.error.details as { limit: string }).limit], ['dueDate', 'promiseMaxDays']);
    const past = await promise(org, customerId, { dueDate: '2026-03-01' });
    assert.equal(!past.ok && past.error.field, 'dueDate');
    const tooMuch = await promise(org, customerId, { amount: 100_001 });
    assert.equal(!tooMuch.ok && tooMuch.error.field, 'amount');
    const otherCurrency = await promise(org, customerId, { currency: 'EUR' });
    assert.equal(!otherCurrency.ok && otherCurrency.error.code, 'INVALID_STATE');
    assert.ok((await promise(org, customerId, { dueDate: '2026-03-16' })).ok, 'fourteen days ahead is within the limit');
    await inTransaction(db, (tx) => setLimits(tx, org, 'test', { promiseMaxDays: 30 }, NY('2026-03-02T11:00')));
    assert.ok((await promise(org, customerId, { dueDate: '2026-03-20' })).ok, 'the org\'s own limit applies');
  });

  it('keeps one pending promise per customer: a new one replaces the old, recorded', async () => {
    const { org, customerId } = await dueToday();
    const first = await promise(org, customerId);
    const second = await promise(org, customerId, { amount: 100_000, dueDate: '2026-03-09' }, NY('2026-03-03T10:00'));
    assert.ok(first.ok && second.ok);
    const all = await listPromises(db, org, { customerId });
    assert.deepEqual(all.map((p) => [p.id, p.status, p.replaced_by]), [[second.value.id, 'pending', null], [first.value.id, 'replaced', second.value.id]]);
  });

  it('judges a promise kept when payments dated from the promise on reach the amount, and the strategy resumes', async () => {
    const { org, customerId } = await dueToday();
    assert.ok((await promise(org, customerId)).ok);
    await aPayment(db, org, { customer_id: customerId, amount: 30_000, date: '2026-03-01' }); // before the promise: does not count
    await aPayment(db, org, { customer_id: customerId, amount: 50_000, date: '2026-03-05' });
    const lastGraceDay = await evaluateArrangements(db, org, NY('2026-03-07T22:00'));
    assert.deepEqual(lastGraceDay.promises, {}, 'still within the grace day in New York (already 03-08 in UTC)');
    const r = await evaluateArrangements(db, org, NY('2026-03-08T00:30'));
    assert.deepEqual([r.promises, r.replanned], [{ kept: 1 }, 1]);
    const [p] = await listPromises(db, org, { customerId });
    assert.deepEqual([p?.status, p?.paid], ['kept', 50_000]);
    assert.equal((await runTick(db, { orgId: org, now: NY('2026-03-08T09:00') })).planned, 0, 'a Sunday');
    const tick = await runTick(db, { orgId: org, now: NY('2026-03-09T09:00'), collect: true });
    assert.deepEqual(tick.actions.map((a) => a.stepId), ['after-7'], 'the sequence resumes (after-3 came due during the promise); no broken-promise step');
  });

  it('judges a promise partly kept or broken, and the tick plans the broken-promise step once', async () => {
    for (const [paid, status] of [[20_000, 'partly_kept'], [0, 'broken']] as const) {
      const { org, customerId } = await dueToday();
      const p = await promise(org, customerId);
      assert.ok(p.ok);
      if (paid) await aPayment(db, org, { customer_id: customerId, amount: paid, date: '2026-03-07' });
      const r = await evaluateArrangements(db, org, NY('2026-03-08T00:30'));
      assert.deepEqual(r.promises, { [status]: 1 });
      assert.equal((await runTick(db, { orgId: org, now: NY('2026-03-08T09:00') })).planned, 0, 'a Sunday');
      assert.ok((await runTick(db, { orgId: org, now: NY('2026-03-09T09:00') })).planned >= 1);
      const broken = (await actions(org)).filter((a) => a.step_id === 'promise-broken');
      assert.deepEqual(broken.map((a) => [a.status, a.occurrence, a.scheduled_for]), [['planned', p.value.id, '2026-03-09']],
        '2026-03-08 is a Sunday: the step waits for Monday');
      await runTick(db, { orgId: org, now: NY('2026-03-09T10:00') });
      await evaluateArrangements(db, org, NY('2026-03-10T09:00'));
      await runTick(db, { orgId: org, now: NY('2026-03-12T09:00') });
      assert.equal((await actions(org)).filter((a) => a.step_id === 'promise-broken').length, 1, 'answered once');
    }
  });

  it('plans the broken-promise step from the tick alone when the evaluation has not run yet', async () => {
    const { org, customerId } = await dueToday();
    const p = await promise(org, customerId, { dueDate: '2026-03-04' });
    assert.ok(p.ok);
    await runTick(db, { orgId: org, now: NY('2026-03-06T09:00') });
    const broken = (await actions(org)).filter((a) => a.step_id === 'promise-broken');
    assert.deepEqual(broken.map((a) => [a.occurrence, a.scheduled_for]), [[p.value.id, '2026-03-06']]);
    await evaluateArrangements(db, org, NY('2026-03-06T10:00'));
    await runTick(db, { orgId: org, now: NY('2026-03-06T11:00') });
    assert.equal((await actions(org)).filter((a) => a.step_id === 'promise-broken').length, 1);
  });

  it('is judged by the worker\'s round, which then plans the broken-promise step', async () => {
    const { org, customerId } = await dueToday();
    const p = await promise(org, customerId);
    assert.ok(p.ok);
    const errors: object[] = [];
    await workOnce({ db, now: () => NY('2026-03-09T09:00'), messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' },
      log: { info: () => {}, error: (o) => { errors.push(o); } } });
    assert.deepEqual(errors, []);
    assert.equal((await listPromises(db, org, { customerId }))[0]?.status, 'broken');
    assert.deepEqual((await actions(org)).filter((a) => a.step_id === 'promise-broken').map((a) => a.occurrence), [p.value.id]);
  });

  it('reports the kept-promise rate per channel and per collector', async () => {
    const { org, customerId } = await dueToday();
    assert.ok((await promise(org, customerId)).ok);
    await aPayment(db, org, { customer_id: customerId, amount: 50_000, date: '2026-03-05' });
    await evaluateArrangements(db, org, NY('2026-03-08T00:30'));
    const r = await promiseReport(db, org, '2026-03-01', '2026-03-31');
    assert.deepEqual(r.total, { promises: 1, kept: 1, partly_kept: 0, broken: 0, pending: 0, kept_rate: 1 });
    assert.deepEqual(r.by_channel.map((c) => [c.channel, c.kept_rate]), [['phone', 1]]);
    assert.deepEqual(r.by_collector.map((c) => [c.collector, c.promises]), [['user:usr_collector', 1]]);
  });
});
