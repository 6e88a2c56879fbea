import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { newId } from '../src/domain/ids.ts';

// Tuesday 10 March 2026, 17:00 UTC: 11:00 in Mexico City
let t: TestApi;
before(async () => { t = await testApi(() => new Date('2026-03-10T17:00:00Z')); });
after(async () => { await t.close(); });

const post = (url: string, payload: object, key = t.keys.admin) => t.app.inject({ method: 'POST', url, payload, headers: bearer(key) });
const get = (url: string, key = t.keys.admin) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

describe('messages through the API', () => {
  let customerId = '';
  before(async () => {
    const c = await post('/v1/customers', { name: 'Abarrotes Sol', external_id: 'SOL', country: 'MX', timezone: 'America/Mexico_City',
      email: 'pagos@sol.example', language: 'es' });
    customerId = c.json().id;
    const i = await post('/v1/invoices', { customer_id: customerId, number: 'F-9', currency: 'MXN', amount: 99_900, issue_date: '2026-01-01', due_date: '2026-02-01' });
    const id = newId('action');
    await t.db.query(
      `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
         template, tone, scheduled_for, status, reason, invoice_ids, created_at, updated_at)
       VALUES ($1,$2,'case_x',$3,$1,'smb-default',1,'after-3',1,'send','{email}','overdue-formal','formal','2026-03-10','planned','test',$4,now(),now())`,
      [id, t.org, customerId, [i.json().id]]);
  });

  it('dispatches to the sandbox and shows the rendered message', async () => {
    const r = await post('/v1/dispatch', {});
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().sent, 1);
    const list = (await get('/v1/messages?customer_id=SOL&channel=email')).json();
    assert.equal(list.data.length, 1);
    const m = list.data[0];
    assert.deepEqual([m.status, m.provider, m.address], ['delivered', 'sandbox', 'pagos@sol.example']);
    assert.match(String(m.content.text), /F-9/);
    assert.equal((await get(`/v1/messages/${m.id}`, t.otherKey)).statusCode, 404);
    assert.equal((await post('/v1/dispatch', {}, t.keys.viewer)).statusCode, 403);
  });

  it('EM-1: unsubscribes with one click from the link in the message', async () => {
    const m = (await get('/v1/messages?customer_id=SOL')).json().data[0];
    const headers = m.content.headers as Record<string, string>;
    const link = /<(https:\/\/[^>]+\/u\/[^>]+)>/.exec(headers['List-Unsubscribe'] ?? '')?.[1];
    assert.ok(link, JSON.stringify(headers));
    const path = new URL(link!).pathname;
    const page = await t.app.inject({ method: 'GET', url: path });
    assert.match(page.body, /<form method="post">/);
    const afterGet = (await post('/v1/contact-checks', { customer_id: customerId, channel: 'email' })).json();
    assert.notEqual(afterGet.reason?.code, 'OPTED_OUT', 'a GET (a link scanner, a preview) unsubscribes nobody');
    // what a mail client sends: no cookie, no authorization, only the form body
    const r = await t.app.inject({ method: 'POST', url: path, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers.location, undefined, 'no redirect');
    const check = (await post('/v1/contact-checks', { customer_id: customerId, channel: 'email' })).json();
    assert.equal(check.reason.code, 'OPTED_OUT');
    // one character of the signature changed (the last but one: the last may carry unused bits), never to itself
    const forgedPath = `${path.slice(0, -2)}${path.at(-2) === 'A' ? 'B' : 'A'}${path.at(-1)}`;
    const forged = await t.app.inject({ method: 'POST', url: forgedPath, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(forged.statusCode, 404);
  });
});
