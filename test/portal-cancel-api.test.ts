// The debtor cancelling their own promise or plan from the portal (confirmed, once, never another debtor's, a plan only
// when the org allows it), the case returning to its reminders, staff seeing it; and the read-only history of promises,
// plans, disputes and the file sent, with dates in the debtor's time zone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runTick, syncCases } from '../src/engine/index.ts';
import { createPortalLink } from '../src/portal/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { routeTable } from '../src/api/index.ts';

// 04:00 UTC on 15 March is still 14 March in Chicago (CDT): dates in the history are the debtor's
const now = new Date('2026-03-15T04:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

type Method = 'GET' | 'POST' | 'PUT';
const asStaff = (method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(t.keys.admin), ...(payload ? { payload } : {}) });
const asDebtor = (token: string, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { 'x-portal-token': token }, ...(payload ? { payload } : {}) });
const confirmed = { confirm: true };

let made = 0;
/** A Chicago debtor owing 900.00 USD since 1 March, with their portal link's token. */
async function chicagoDebtor() {
  made += 1;
  const c = await aCustomer(t.db, t.org, { name: `Cancel ${made}`, email: `cancel${made}@example.com`, country: 'US', region: 'IL',
    timezone: 'America/Chicago', language: 'es' });
  const inv = await anInvoice(t.db, t.org, { customer_id: c.id, number: `CX-${made}`, currency: 'USD', amount: 90_000, issue_date: '2026-02-01', due_date: '2026-03-01' });
  const link = await createPortalLink(t.db, t.org, 'test', c.id, 'staff', now);
  assert.ok(link.ok);
  await syncCases(t.db, t.org, now);
  return { id: c.id, invoice: inv.id, token: link.value.token, linkId: link.value.link.id };
}

/** The reminders the strategy plans for the customer when the worker's tick runs the next morning. */
async function remindersNextMorning(customerId: string): Promise<number> {
  await runTick(t.db, { orgId: t.org, now: new Date('2026-03-16T15:00:00Z') });
  return plannedReminders(customerId);
}
const plannedReminders = async (customerId: string) => (await t.db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM actions a JOIN cases c ON c.id = a.case_id WHERE c.org_id = $1 AND c.customer_id = $2 AND a.status = 'planned'`,
  [t.org, customerId]))[0]!.n;
const stopCode = async (customerId: string) => (await asStaff('GET', `/v1/cases/${customerId}`)).json().stop_code as string | null;
const audited = async (customerId: string, action: string) => (await t.db.query<{ actor: string; data: Record<string, unknown> }>(
  'SELECT actor, data FROM audit_log WHERE org_id = $1 AND entity_id = $2 AND action = $3', [t.org, customerId, action]));

describe('the debtor cancels a promise', () => {
  it('once, confirmed, never another debtor\'s; the reminders resume and staff see who did it', async () => {
    const a = await chicagoDebtor();
    const b = await chicagoDebtor();
    const promised = await asDebtor(a.token, 'POST', '/portal/api/promises', { amount: 90_000, currency: 'USD', due_date: '2026-03-20' });
    assert.equal(promised.statusCode, 201, promised.body);
    const id = promised.json().id as string;
    assert.deepEqual([await stopCode(a.id), await remindersNextMorning(a.id)], ['promise_active', 0], 'the promise stops the reminders');
    const mine = (await asDebtor(a.token, 'GET', '/portal/api/account')).json();
    assert.equal(mine.promise.id, id);

    const unconfirmed = await asDebtor(a.token, 'POST', `/portal/api/promises/${id}/cancel`, {});
    assert.deepEqual([unconfirmed.statusCode, unconfirmed.json().error.code], [400, 'VALIDATION_FAILED']);
    const theirs = await asDebtor(b.token, 'POST', `/portal/api/promises/${id}/cancel`, confirmed);
    assert.deepEqual([theirs.statusCode, theirs.json().error.field], [404, 'id'], 'another debtor\'s link cannot reach it');
    assert.equal((await asDebtor('nonsense', 'POST', `/portal/api/promises/${id}/cancel`, confirmed)).statusCode, 401);

    const r = await asDebtor(a.token, 'POST', `/portal/api/promises/${id}/cancel`, confirmed);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().status, r.json().cancelled_by], ['cancelled', `portal:${a.linkId}`]);
    assert.equal(await stopCode(a.id), null);
    assert.ok(await remindersNextMorning(a.id) > 0, 'the strategy plans its reminders again');
    assert.equal((await asDebtor(a.token, 'GET', '/portal/api/account')).json().promise, null);

    const again = await asDebtor(a.token, 'POST', `/portal/api/promises/${id}/cancel`, confirmed);
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /already cancelled: only a pending promise can be cancelled/);

    const [entry] = await audited(a.id, 'promise.cancelled');
    assert.deepEqual([entry?.actor, entry?.data.promise], [`portal:${a.linkId}`, id]);
    const timeline = (await asStaff('GET', `/v1/cases/${a.id}`)).json().timeline as { kind: string; reason: string }[];
    assert.match(timeline.find((e) => e.kind === 'promise_cancelled')?.reason ?? '', /cancelled by the debtor in the portal/);
    const listed = (await asStaff('GET', `/v1/promises?customer_id=${a.id}&status=cancelled`)).json().data;
    assert.deepEqual(listed.map((p: { id: string }) => p.id), [id]);
  });
});

describe('the debtor cancels a plan', () => {
  it('keeps what was paid, resumes the reminders, and is refused when the org does not allow it', async () => {
    const a = await chicagoDebtor();
    const planned = await asDebtor(a.token, 'POST', '/portal/api/plans', { instalments: 3, frequency: 'monthly' });
    assert.equal(planned.statusCode, 201, planned.body);
    const plan = planned.json() as { id: string; down_payment: number; total: number };
    assert.ok(plan.down_payment > 0);
    const paid = await asStaff('POST', '/v1/payments', { customer_id: a.id, amount: plan.down_payment, currency: 'USD', date: '2026-03-14' });
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(await stopCode(a.id), 'plan_current');

    const other = await chicagoDebtor();
    assert.equal((await asDebtor(other.token, 'POST', `/portal/api/plans/${plan.id}/cancel`, confirmed)).statusCode, 404);
    assert.equal((await asStaff('PUT', '/v1/portal/settings', { debtor_cancels_plan: false })).statusCode, 200);
    try {
      assert.equal((await asDebtor(a.token, 'GET', '/portal/api/history')).json().plan_cancellable, false);
      const refused = await asDebtor(a.token, 'POST', `/portal/api/plans/${plan.id}/cancel`, confirmed);
      assert.deepEqual([refused.statusCode, refused.json().error.field], [403, 'plan']);
    } finally {
      await asStaff('PUT', '/v1/portal/settings', { debtor_cancels_plan: true });
    }
    assert.equal((await asDebtor(a.token, 'GET', '/portal/api/history')).json().plan_cancellable, true);

    const r = await asDebtor(a.token, 'POST', `/portal/api/plans/${plan.id}/cancel`, confirmed);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().status, r.json().paid, r.json().end_reason], ['cancelled', plan.down_payment, 'cancelled by the debtor in the portal']);
    assert.equal((await asStaff('GET', `/v1/invoices/${a.invoice}`)).json().balance, 90_000 - plan.down_payment, 'the payment stays');
    assert.equal(await stopCode(a.id), null);
    assert.ok(await remindersNextMorning(a.id) > 0);
    const again = await asDebtor(a.token, 'POST', `/portal/api/plans/${plan.id}/cancel`, confirmed);
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /already cancelled: only an active plan can be cancelled/);
    assert.equal((await audited(a.id, 'plan.cancelled'))[0]?.actor, `portal:${a.linkId}`);
    const timeline = (await asStaff('GET', `/v1/cases/${a.id}`)).json().timeline as { kind: string }[];
    assert.ok(timeline.some((e) => e.kind === 'plan_cancelled'));

    const history = (await asDebtor(a.token, 'GET', '/portal/api/history')).json();
    assert.deepEqual(history.plans.map((p: Record<string, unknown>) => [p.id, p.status, p.paid, p.total, p.ended_on, p.cancelled_by_you]),
      [[plan.id, 'cancelled', plan.down_payment, plan.total, '2026-03-14', true]]);
  });
});

describe('the history', () => {
  it('lists ended promises, disputes with their outcome and the file the debtor sent, in their time zone, and only theirs', async () => {
    const a = await chicagoDebtor();
    const b = await chicagoDebtor();
    const first = (await asDebtor(a.token, 'POST', '/portal/api/promises', { amount: 90_000, currency: 'USD', due_date: '2026-03-18' })).json();
    const second = (await asDebtor(a.token, 'POST', '/portal/api/promises', { amount: 90_000, currency: 'USD', due_date: '2026-03-19' })).json();
    assert.equal((await asDebtor(a.token, 'POST', `/portal/api/promises/${second.id}/cancel`, confirmed)).statusCode, 200);
    const receipt = Buffer.from('%PDF-1.4\nrecibo\n%%EOF');
    const dispute = await asDebtor(a.token, 'POST', '/portal/api/disputes', { reason: 'already_paid', invoice_ids: [a.invoice],
      attachment: { filename: 'recibo.pdf', content_type: 'application/pdf', data_base64: receipt.toString('base64') } });
    assert.equal(dispute.statusCode, 201, dispute.body);
    const resolved = await asStaff('POST', `/v1/disputes/${dispute.json().id}/resolve`, { outcome: 'invalid', note: 'internal: paid to another account' });
    assert.equal(resolved.statusCode, 200, resolved.body);

    const h = await asDebtor(a.token, 'GET', '/portal/api/history');
    assert.equal(h.statusCode, 200, h.body);
    const history = h.json();
    assert.deepEqual(history.promises.map((p: Record<string, unknown>) => [p.id, p.status, p.made_on, p.ended_on, p.cancelled_by_you]),
      [[second.id, 'cancelled', '2026-03-14', '2026-03-14', true], [first.id, 'replaced', '2026-03-14', '2026-03-14', false]]);
    assert.deepEqual(history.disputes, [{ id: dispute.json().id, reason: 'already_paid', amount: 90_000, currency: 'USD', status: 'invalid',
      opened_on: '2026-03-14', resolved_on: '2026-03-14', attachment: { filename: 'recibo.pdf', content_type: 'application/pdf', size: receipt.length } }]);
    assert.ok(!h.body.includes('internal:'), 'staff\'s note is not shown');
    assert.deepEqual((await asDebtor(b.token, 'GET', '/portal/api/history')).json(), { plan_cancellable: true, promises: [], plans: [], disputes: [],
      next: { promises: null, plans: null, disputes: null } });
  });
});

describe('the portal\'s routes', () => {
  it('each answer 401 without the link\'s token, the new ones among them', async () => {
    const portalRoutes = routeTable(t.app).filter((r) => r.url.startsWith('/portal/api/') && r.method !== 'HEAD');
    for (const url of ['/portal/api/promises/:id/cancel', '/portal/api/plans/:id/cancel', '/portal/api/history', '/portal/api/disputes/:id/attachment']) {
      assert.ok(portalRoutes.some((r) => r.url === url), url);
    }
    for (const r of portalRoutes) {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(':id', 'prm_x'), ...(r.method === 'GET' ? {} : { payload: confirmed }) });
      assert.equal(res.statusCode, 401, `${r.method} ${r.url}`);
    }
  });
});
