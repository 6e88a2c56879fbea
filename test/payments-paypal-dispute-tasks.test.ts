// A PayPal dispute put before a collector, through the fake PayPal (events signed and verified as now): CUSTOMER.DISPUTE.CREATED
// opens one high-priority review task on that day's worklist naming seller_response_due_date, with PayPal's reason and
// the amount held; the repeat, UPDATED and the nightly check open no second one; RESOLVED completes it with PayPal's
// outcome code. A dispute over two captures is one task naming both; one found only by the nightly check gets its task
// there.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from './support/api.ts';
import { payPalHarness } from './support/paypal-harness.ts';

const h = await payPalHarness({ clientId: 'AeA1QIZXiflr1_cobro_chargeback', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_chargeback_secret',
  webhookId: '5GP028458E2496506', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal, later, deliver } = h;
after(() => h.close());

interface TaskView { id: string; priority: string; status: string; note: string; due_date: string; outcome: string | null }
const tasks = async (customer: string): Promise<TaskView[]> => {
  const r = await t.app.inject({ method: 'GET', url: `/v1/tasks?customer_id=${customer}&kind=review`, headers: bearer(t.keys.collector) });
  assert.equal(r.statusCode, 200, r.body);
  return (r.json() as { data: TaskView[] }).data.filter((x) => x.note.startsWith('Chargeback at '));
};
const check = async (since: Date) => {
  const r = await t.app.inject({ method: 'POST', url: '/v1/gateways/check', headers: bearer(t.keys.admin), payload: { since: since.toISOString() } });
  assert.equal(r.statusCode, 200, r.body);
};

async function paid(amount: number) {
  const o = await h.owing(amount);
  assert.equal((await deliver(paypal.approve(o.orderId))).status, 200);
  return { customer: o.customer, capture: h.captureOf(o.orderId) };
}

describe('a PayPal dispute on the worklist', () => {
  it('opens one task on today\'s worklist naming the seller response date, once for repeats, updates and the check; resolved, the task is done', async () => {
    const { customer, capture } = await paid(100_00);
    later(60);
    const since = new Date(h.now().getTime() - 86_400_000);
    const { id, created } = paypal.openDispute(capture, '40.00');
    const due = String(paypal.disputes.get(id)!.seller_response_due_date);
    assert.equal(due, '2026-03-20T18:00:00.000Z');
    assert.equal((await deliver(created)).body.status, 'processed');
    assert.equal((await deliver(created)).body.duplicate, true);
    await deliver(paypal.updateDispute(id, 'UNDER_REVIEW'));
    await check(since);
    const [task, ...more] = await tasks(customer);
    assert.equal(more.length, 0);
    assert.deepEqual([task!.priority, task!.status, task!.due_date], ['high', 'open', h.now().toISOString().slice(0, 10)]);
    assert.match(task!.note, new RegExp(`Chargeback at PayPal, dispute ${id}: 40.00 USD held`));
    assert.match(task!.note, new RegExp(`on payment ${capture} \\(40.00 USD\\)`));
    assert.match(task!.note, /Reason: MERCHANDISE_OR_SERVICE_NOT_RECEIVED/);
    assert.match(task!.note, /Evidence due at PayPal by 2026-03-20T18:00:00.000Z/);
    later(60);
    await deliver(paypal.resolveDispute(id, 'RESOLVED_SELLER_FAVOUR'));
    const [done] = await tasks(customer);
    assert.deepEqual([done!.id, done!.status, done!.outcome],
      [task!.id, 'done', `won at PayPal (RESOLVED_SELLER_FAVOUR): the money held on payment ${capture} is recorded again`]);
    const r = await t.app.inject({ method: 'GET', url: `/v1/cases/${customer}`, headers: bearer(t.keys.collector) });
    const kinds = (r.json() as { timeline: { kind: string }[] }).timeline.map((e) => e.kind);
    assert.ok(kinds.includes('payment_dispute_opened') && kinds.includes('payment_dispute_closed'), kinds.join());
  });

  it('opens one task for a dispute over two captures, naming both and the whole amount held', async () => {
    const a = await paid(20_00);
    const b = await paid(50_00);
    later(60);
    const { id, created } = paypal.openDispute([a.capture, b.capture], '45.00');
    await deliver(created);
    const [task, ...more] = await tasks(a.customer);
    assert.deepEqual([more.length, (await tasks(b.customer)).length], [0, 0], 'one task, on the first capture\'s customer');
    assert.match(task!.note, new RegExp(`dispute ${id}: 45.00 USD held`));
    for (const [capture, amount] of [[a.capture, '20.00'], [b.capture, '25.00']] as const) assert.ok(task!.note.includes(`${capture} (${amount} USD)`), task!.note);
    later(60);
    await deliver(paypal.resolveDispute(id, 'ACCEPTED'));
    const [done] = await tasks(a.customer);
    assert.equal(done!.status, 'done');
    assert.match(done!.outcome!, /^lost at PayPal \(ACCEPTED\)/);
  });

  it('opens the task from the nightly check when the dispute\'s webhooks were lost, and its late event opens none', async () => {
    const { customer, capture } = await paid(30_00);
    later(60);
    const since = new Date(h.now().getTime() - 86_400_000);
    const { created } = paypal.openDispute(capture);
    assert.deepEqual(await tasks(customer), []);
    await check(since);
    assert.equal((await tasks(customer)).length, 1);
    await deliver(created);
    assert.equal((await tasks(customer)).length, 1);
  });
});
