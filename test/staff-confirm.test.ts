// A promise, more time or a plan staff record for a debtor (after a call, through the API or the CLI) is confirmed to the
// debtor in writing as the portal's own are: one message, through the compliance gate, saying it was agreed with the
// company rather than made on the account page; only the newest of a debtor's unsent ones goes; none when the request
// says `confirm: false`, when the org turned it off (unless the request says `confirm: true`), or for the agent's own.
// Staff's cancellation of a promise or plan is confirmed the same way, in words saying the company cancelled it.
// Runs on PGlite, and on PostgreSQL with DATABASE_URL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { syncCases } from '../src/engine/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';

// Tuesday 17 March 2026, 16:00 UTC: 10:00 in Mexico City
const now = new Date('2026-03-17T16:00:00Z');
let t: TestApi;
const adapters = sandboxAdapters();
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

const asCollector = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(t.keys.collector), ...(payload ? { payload } : {}) });
const asAdmin = (method: 'GET' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(t.keys.admin), ...(payload ? { payload } : {}) });
const asManager = (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: bearer(t.keys.manager), payload });

let made = 0;
/** A Mexican debtor with an email address, owing one overdue invoice (MXN 900.00 unless said). */
async function aDebtor(amount = 90_000): Promise<string> {
  made += 1;
  const c = await aCustomer(t.db, t.org, { name: `Staff confirm ${made}`, email: `staff${made}@example.com`, language: 'es', country: 'MX',
    timezone: 'America/Mexico_City' });
  await anInvoice(t.db, t.org, { customer_id: c.id, number: `SC-${made}`, currency: 'MXN', amount, issue_date: '2026-02-01', due_date: '2026-03-01' });
  await syncCases(t.db, t.org, now);
  return c.id;
}

const promise = (customerId: string, extra: object = {}) =>
  asCollector('POST', '/v1/promises', { customer_id: customerId, amount: 90_000, currency: 'MXN', due_date: '2026-03-27', source: 'collector', channel: 'phone', ...extra });

interface Message { id: string; template: string; status: string; reason: string | null; content: Record<string, unknown> }
const messages = (customerId: string) => t.db.query<Message>(
  `SELECT id, template, status, reason, content FROM messages WHERE org_id = $1 AND customer_id = $2 AND template LIKE 'portal-%' ORDER BY created_at, id`,
  [t.org, customerId]);
const dispatch = () => dispatchOnce({ db: t.db, now: () => now, adapters, publicUrl: 'https://cobro.example' });
const audited = (customerId: string, action: string) => t.db.query<{ actor: string; data: Record<string, unknown> }>(
  'SELECT actor, data FROM audit_log WHERE org_id = $1 AND entity_id = $2 AND action = $3 ORDER BY seq', [t.org, customerId, action]);

describe('confirmations of arrangements staff record', () => {
  it('confirms a promise recorded after a call, once, by email, as agreed with the company, with the timeline and audit entries', async () => {
    const id = await aDebtor();
    const r = await promise(id);
    assert.equal(r.statusCode, 201, r.body);
    const confirmation = r.json().confirmation as { message_id: string | null; skipped: string | null };
    assert.ok(confirmation.message_id, JSON.stringify(confirmation));
    await dispatch();
    const [m, ...more] = await messages(id);
    assert.equal(more.length, 0);
    assert.deepEqual([m!.id, m!.template, m!.status === 'delivered' ? 'sent' : m!.status], [confirmation.message_id, 'portal-promise-confirmed', 'sent']);
    const text = String(m!.content.text);
    assert.match(text, /Le confirmamos la promesa de pago que acordó con /);
    assert.match(text, /pagará \$900\.00 a más tardar el 27 de marzo de 2026/);
    assert.doesNotMatch(text, /página de cuenta/);
    const [queued] = await audited(id, 'arrangement.confirmation_queued');
    assert.match(queued!.actor, /^key:/);
    assert.equal(queued!.data.message_id, m!.id);
    const timeline = (await asCollector('GET', `/v1/cases/${id}`)).json().timeline as { kind: string; reason: string }[];
    assert.ok(timeline.some((e) => e.kind === 'confirmation_queued' && /portal-promise-confirmed queued on email for staff's promise for the debtor/.test(e.reason)),
      JSON.stringify(timeline.map((e) => e.reason)));
    const again = await promise(id);
    assert.equal(again.statusCode, 201, again.body);
    assert.deepEqual(again.json().confirmation, { message_id: null, skipped: 'the same terms were sent again; the first is confirmed' });
    assert.equal((await messages(id)).length, 1);
  });

  it('confirms only the newest: a plan recorded before the promise\'s confirmation went withdraws it', async () => {
    const id = await aDebtor(300_000);
    const p = await promise(id, { amount: 300_000 });
    assert.equal(p.statusCode, 201, p.body);
    const plan = await asCollector('POST', '/v1/plans', { customer_id: id, instalments: 3, frequency: 'monthly', source: 'collector' });
    assert.equal(plan.statusCode, 201, plan.body);
    await dispatch();
    // (both made at the same instant of the test's clock: in the order of their templates)
    const all = (await messages(id)).sort((x, y) => y.template.localeCompare(x.template));
    assert.deepEqual(all.map((m) => [m.template, m.status === 'delivered' ? 'sent' : m.status]),
      [['portal-promise-confirmed', 'cancelled'], ['portal-plan-confirmed', 'sent']]);
    assert.match(String(all[0]!.reason), /replaced by the confirmation of plan /);
    assert.match(String(all[1]!.content.text), /Le confirmamos el plan de pagos que acordó con .*: \$3,000\.00 en 4 pagos/);
  });

  it('confirms the promise a collector logs with a call, unless the call says not to', async () => {
    const id = await aDebtor();
    await t.db.query('UPDATE customers SET phone = $3 WHERE org_id = $1 AND id = $2', [t.org, id, '+525512345678']);
    const call = (extra: object) => asCollector('POST', `/v1/cases/${id}/calls`, { outcome: 'promise', ...extra });
    const quiet = await call({ promise: { amount: 90_000, currency: 'MXN', due_date: '2026-03-25' }, confirm: false });
    assert.equal(quiet.statusCode, 201, quiet.body);
    assert.deepEqual(quiet.json().confirmation, { message_id: null, skipped: 'the request asked for no confirmation' });
    const r = await call({ promise: { amount: 90_000, currency: 'MXN', due_date: '2026-03-27' } });
    assert.equal(r.statusCode, 201, r.body);
    assert.ok(r.json().confirmation.message_id, r.body);
    const none = await asCollector('POST', `/v1/cases/${id}/calls`, { outcome: 'no_answer' });
    assert.equal(none.json().confirmation, null);
    assert.deepEqual((await messages(id)).map((m) => m.template), ['portal-promise-confirmed']);
  });

  it('confirms more time given through the API', async () => {
    const id = await aDebtor();
    const r = await asCollector('POST', '/v1/extensions', { customer_id: id, days: 7, source: 'collector' });
    assert.equal(r.statusCode, 201, r.body);
    assert.ok(r.json().confirmation.message_id);
    await dispatch();
    const [m] = await messages(id);
    assert.equal(m!.template, 'portal-extension-confirmed');
    assert.match(String(m!.content.text), /Le confirmamos el plazo adicional que acordó con /);
  });

  it('sends none when the request says so, or for the agent\'s own, and says why in the audit log', async () => {
    const id = await aDebtor();
    const r = await promise(id, { confirm: false });
    assert.deepEqual(r.json().confirmation, { message_id: null, skipped: 'the request asked for no confirmation' });
    const agent = await promise(id, { source: 'agent', amount: 80_000 });
    assert.deepEqual(agent.json().confirmation, { message_id: null, skipped: 'the agent confirms its own arrangements in the conversation' });
    assert.deepEqual((await messages(id)).length, 0);
    assert.deepEqual((await audited(id, 'arrangement.confirmation_skipped')).map((a) => a.data.reason),
      ['the request asked for no confirmation', 'the agent confirms its own arrangements in the conversation']);
  });

  it('confirms a plan staff cancel by email, saying the company cancelled it and that what was paid stays paid', async () => {
    const id = await aDebtor(300_000);
    const plan = await asCollector('POST', '/v1/plans', { customer_id: id, instalments: 3, frequency: 'monthly', source: 'collector', confirm: false });
    assert.equal(plan.statusCode, 201, plan.body);
    const r = await asManager(`/v1/plans/${plan.json().id}/cancel`, { reason: 'the customer asked by phone' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'cancelled');
    const confirmation = r.json().confirmation as { message_id: string | null; skipped: string | null };
    assert.ok(confirmation.message_id, r.body);
    await dispatch();
    const [m, ...more] = await messages(id);
    assert.equal(more.length, 0);
    assert.deepEqual([m!.id, m!.template, m!.status === 'delivered' ? 'sent' : m!.status], [confirmation.message_id, 'portal-plan-cancelled-by-staff', 'sent']);
    const text = String(m!.content.text);
    assert.match(String(m!.content.subject), /^.+ canceló su plan de pagos$/);
    assert.match(text, /canceló el plan de pagos que tenía con usted\. Los pagos que hizo con el plan siguen pagados\./);
    assert.match(text, /\$3,000\.00/);
    assert.match(text, /Volveremos a enviarle recordatorios por este saldo\./);
    assert.doesNotMatch(text, /como lo pidió|the customer asked by phone/i);
    const [queued] = await audited(id, 'arrangement.confirmation_queued');
    assert.deepEqual([queued!.data.event, queued!.data.template], ['plan_cancelled', 'portal-plan-cancelled-by-staff']);
    const timeline = (await asCollector('GET', `/v1/cases/${id}`)).json().timeline as { kind: string; reason: string }[];
    assert.ok(timeline.some((e) => e.kind === 'confirmation_queued'
      && /portal-plan-cancelled-by-staff queued on email for staff's cancellation of the debtor's plan/.test(e.reason)), JSON.stringify(timeline.map((e) => e.reason)));
  });

  it('confirms a promise staff cancel by SMS, withdrawing the promise\'s own unsent confirmation; none when asked not to', async () => {
    const id = await aDebtor();
    await t.db.query('UPDATE customers SET email = NULL, phone = $3 WHERE org_id = $1 AND id = $2', [t.org, id, '+525598765432']);
    const p = await promise(id);
    assert.ok(p.json().confirmation.message_id, p.body);
    const r = await asCollector('POST', `/v1/promises/${p.json().id}/cancel`, { reason: 'recorded on the wrong customer' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'cancelled');
    assert.ok(r.json().confirmation.message_id, r.body);
    await dispatch();
    // (both made at the same instant of the test's clock: in the order of their templates)
    const all = (await messages(id)).sort((x, y) => y.template.localeCompare(x.template));
    assert.deepEqual(all.map((m) => [m.template, m.status === 'delivered' ? 'sent' : m.status]),
      [['portal-promise-confirmed', 'cancelled'], ['portal-promise-cancelled-by-staff', 'sent']]);
    assert.match(String(all[0]!.reason), /replaced by the confirmation of promise cancelled /);
    assert.match(String(all[1]!.content.text), /^[^:]+: cancelamos su promesa de pagar \$900\.00\. Lo ya pagado sigue acreditado; \$900\.00 queda pendiente y vuelven los recordatorios\./);
    const again = await asCollector('POST', `/v1/promises/${p.json().id}/cancel`, {});
    assert.equal(again.statusCode, 409, again.body);
    const next = await promise(id, { amount: 80_000, confirm: false });
    const quiet = await asCollector('POST', `/v1/promises/${next.json().id}/cancel`, { confirm: false });
    assert.deepEqual(quiet.json().confirmation, { message_id: null, skipped: 'the request asked for no confirmation' });
    assert.equal((await t.app.inject({ method: 'POST', url: `/v1/promises/${next.json().id}/cancel`, headers: bearer(t.keys.viewer), payload: {} })).statusCode, 403);
    assert.equal((await messages(id)).length, 2);
  });

  it('follows the org\'s setting when the request does not say, and the request when it does', async () => {
    assert.deepEqual((await asAdmin('GET', '/v1/confirmations/settings')).json(), { staff_arrangements: true });
    assert.equal((await asCollector('POST', '/v1/promises', {})).statusCode, 400);
    const off = await asAdmin('PUT', '/v1/confirmations/settings', { staff_arrangements: false });
    assert.equal(off.statusCode, 200, off.body);
    try {
      const id = await aDebtor();
      assert.deepEqual((await promise(id)).json().confirmation,
        { message_id: null, skipped: 'the org has confirmations of staff arrangements turned off' });
      const asked = await promise(id, { confirm: true, amount: 85_000 });
      assert.ok(asked.json().confirmation.message_id, asked.body);
      assert.equal((await messages(id)).length, 1);
      const cancelled = await asCollector('POST', `/v1/promises/${asked.json().id}/cancel`, {});
      assert.deepEqual(cancelled.json().confirmation, { message_id: null, skipped: 'the org has confirmations of staff arrangements turned off' });
      const planned = await asCollector('POST', '/v1/plans', { customer_id: id, instalments: 1, source: 'collector' });
      assert.equal(planned.statusCode, 201, planned.body);
      const told = await asManager(`/v1/plans/${planned.json().id}/cancel`, { confirm: true });
      assert.ok(told.json().confirmation.message_id, told.body);
      assert.deepEqual((await messages(id)).map((m) => [m.template, m.status]).sort(), [['portal-plan-cancelled-by-staff', 'queued'], ['portal-promise-confirmed', 'cancelled']]);
      const [changed] = await t.db.query<{ actor: string; data: Record<string, unknown> }>(
        `SELECT actor, data FROM audit_log WHERE org_id = $1 AND action = 'confirmation_settings.updated'`, [t.org]);
      assert.deepEqual(changed!.data, { before: { staff_arrangements: true }, after: { staff_arrangements: false } });
    } finally {
      await asAdmin('PUT', '/v1/confirmations/settings', { staff_arrangements: true });
    }
    const collector = await t.app.inject({ method: 'PUT', url: '/v1/confirmations/settings', headers: bearer(t.keys.collector), payload: { staff_arrangements: false } });
    assert.equal(collector.statusCode, 403);
  });
});
