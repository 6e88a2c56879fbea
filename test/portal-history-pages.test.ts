// The portal's history in pages: the first 50 of each kind with a cursor to the next, GET history/{kind}?before= for the
// rest, newest first with no row twice or left out (ties on the instant ordered by id), never another debtor's rows.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPortalLink } from '../src/portal/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testApi, type TestApi } from './support/api.ts';

const now = new Date('2026-03-15T16:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

const asDebtor = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: { 'x-portal-token': token } });

let made = 0;
async function debtor() {
  made += 1;
  const c = await aCustomer(t.db, t.org, { name: `Pages ${made}`, email: `pages${made}@example.com`, country: 'US', timezone: 'America/New_York' });
  await anInvoice(t.db, t.org, { customer_id: c.id, number: `PG-${made}`, currency: 'USD', amount: 50_000, issue_date: '2026-02-01', due_date: '2026-03-01' });
  const link = await createPortalLink(t.db, t.org, 'test', c.id, 'staff', now);
  assert.ok(link.ok);
  return { id: c.id, token: link.value.token };
}

/** `n` promises that ended (broken), two made at each instant (a day apart), so that pages end inside ties. */
async function endedPromises(customerId: string, n: number, prefix: string) {
  await t.db.query(
    `INSERT INTO promises (id, org_id, customer_id, kind, amount, currency, made_on, due_date, grace_days, source, actor, status, paid, created_at, evaluated_at)
     SELECT $3 || lpad(i::text, 4, '0'), $1, $2, 'promise', 1000 + i, 'USD', date '2026-03-01' - (i / 2) * 2, date '2026-03-05' - (i / 2) * 2, 0, 'portal', 'test',
       'broken', 0, timestamptz '2026-03-01 12:00Z' - make_interval(days => i / 2), timestamptz '2026-03-10 12:00Z'
     FROM generate_series(1, $4::int) AS i`, [t.org, customerId, prefix, n]);
}

describe('the portal history in pages', () => {
  it('shows 50 of a kind with a cursor, and the pages after it hold every other row once, newest first', async () => {
    const a = await debtor();
    await endedPromises(a.id, 123, 'prm_pagesa');
    const first = await asDebtor(a.token, '/portal/api/history');
    assert.equal(first.statusCode, 200, first.body);
    const h = first.json();
    assert.equal(h.promises.length, 50);
    assert.deepEqual(h.next, { promises: h.promises[49].id, plans: null, disputes: null });
    const seen: string[] = h.promises.map((p: { id: string }) => p.id);
    let cursor: string | null = h.next.promises;
    const sizes: number[] = [];
    while (cursor) {
      const r = await asDebtor(a.token, `/portal/api/history/promises?before=${encodeURIComponent(cursor)}`);
      assert.equal(r.statusCode, 200, r.body);
      const page = r.json() as { data: { id: string; status: string }[]; next: string | null };
      sizes.push(page.data.length);
      seen.push(...page.data.map((p) => p.id));
      cursor = page.next;
    }
    assert.deepEqual(sizes, [50, 23]);
    assert.equal(new Set(seen).size, 123, 'no row twice');
    const expected = (await t.db.query<{ id: string }>(
      'SELECT id FROM promises WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at DESC, id DESC', [t.org, a.id])).map((r) => r.id);
    assert.deepEqual(seen, expected, 'newest first, ties by id');
  });

  it('leaves out a pending promise, and a cursor that is not the debtor\'s own gives an empty page', async () => {
    const a = await debtor();
    const b = await debtor();
    await endedPromises(a.id, 51, 'prm_pagesb');
    await endedPromises(b.id, 3, 'prm_pagesc');
    const promised = await t.app.inject({ method: 'POST', url: '/portal/api/promises', headers: { 'x-portal-token': a.token },
      payload: { amount: 50_000, currency: 'USD', due_date: '2026-03-20' } });
    assert.equal(promised.statusCode, 201, promised.body);
    const h = (await asDebtor(a.token, '/portal/api/history')).json();
    assert.equal(h.promises.length, 50);
    assert.ok(!h.promises.some((p: { id: string }) => p.id === promised.json().id), 'the pending promise is not history');
    const rest = (await asDebtor(a.token, `/portal/api/history/promises?before=${h.next.promises}`)).json();
    assert.deepEqual([rest.data.length, rest.next], [1, null]);
    const theirs = (await asDebtor(b.token, `/portal/api/history/promises?before=${h.next.promises}`)).json();
    assert.deepEqual(theirs, { data: [], next: null }, 'another debtor\'s row as a cursor shows nothing');
    const plans = (await asDebtor(a.token, `/portal/api/history/plans?before=${h.next.promises}`)).json();
    assert.deepEqual(plans, { data: [], next: null });
  });

  it('refuses an unknown kind, a missing cursor and a missing token', async () => {
    const a = await debtor();
    const kind = await asDebtor(a.token, '/portal/api/history/payments?before=x');
    assert.equal(kind.statusCode, 400);
    const none = await asDebtor(a.token, '/portal/api/history/disputes');
    assert.deepEqual([none.statusCode, none.json().error.field], [400, 'querystring.before']);
    assert.equal((await t.app.inject({ method: 'GET', url: '/portal/api/history/disputes?before=x' })).statusCode, 401);
    assert.deepEqual((await asDebtor(a.token, '/portal/api/history/disputes?before=dsp_nothing')).json(), { data: [], next: null });
  });
});
