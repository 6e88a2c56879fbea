// The portal kept by activity: a payment link a message made and the portal reused returns the debtor to the portal page
// that handed it out (each portal link to its own); a second factor's session slides with each request up to the org's
// absolute cap; a page view enters the audit log at most once an hour per link, with ids only. PGlite, and PostgreSQL
// with DATABASE_URL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPaymentLink } from '../src/payments/index.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';

const start = new Date('2026-03-15T12:00:00Z');
let clock = start;
/** Moves the clock to this many minutes after the start. */
const at = (minutes: number) => { clock = new Date(start.getTime() + minutes * 60_000); };
let t: TestApi;
let stripe: FakeStripe;
before(async () => {
  [t, stripe] = await Promise.all([testApi(() => clock), fakeStripe({ secretKey: 'sk_test_activity1', webhookSecret: 'whsec_activity1', now: () => clock })]);
});
after(async () => { await stripe.close(); await t.close(); });
const staff = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(t.keys.admin), ...(payload !== undefined ? { payload: payload as object } : {}) });
const portal = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown, cookie?: string) =>
  t.app.inject({ method, url, headers: { 'x-portal-token': token, ...(cookie ? { cookie } : {}) }, ...(payload !== undefined ? { payload: payload as object } : {}) });
const back = (linkId: string, query: string, cookie?: string) =>
  t.app.inject({ method: 'GET', url: `/p/return/${linkId}${query}`, ...(cookie ? { headers: { cookie } } : {}) });
const firstCookie = (r: { headers: Record<string, unknown> }) => String(r.headers['set-cookie']).split(';')[0]!;

let n = 0;
async function debtor(metadata: Record<string, string> = {}) {
  n += 1;
  const c = await staff('POST', '/v1/customers', { name: `Cliente ${n}`, email: `cliente${n}@example.com`, country: 'US', timezone: 'America/Chicago',
    language: 'en', metadata });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  const inv = await staff('POST', '/v1/invoices', { customer_id: id, number: `A${n}-1`, currency: 'USD', amount: 80_000, issue_date: '2026-01-15', due_date: '2026-03-01' });
  assert.equal(inv.statusCode, 201, inv.body);
  return { id, ...(await portalLink(id)) };
}

async function portalLink(customerId: string) {
  const l = await staff('POST', `/v1/customers/${customerId}/portal-link`, {});
  assert.equal(l.statusCode, 201, l.body);
  return { token: l.json().token as string, linkId: l.json().id as string };
}

describe('a payment link a message made, reused by the portal', () => {
  it('returns the debtor to the portal page that handed it out, each portal link to its own', async () => {
    at(0);
    await stripe.connect(t.db, t.org);
    const d = await debtor();
    const made = await createPaymentLink({ db: t.db, publicUrl: 'http://localhost:3000' }, t.org, 'dispatcher', { customerId: d.id, source: 'message' }, clock);
    assert.ok(made.ok);
    const link = made.value;
    const sessions = stripe.created.length;
    assert.equal(stripe.created.at(-1)!.form['success_url'], `http://localhost:3000/p/return/${link.id}?payment=success`);
    assert.equal(stripe.created.at(-1)!.form['cancel_url'], `http://localhost:3000/p/return/${link.id}?payment=cancelled`);

    const pay = await portal(d.token, 'POST', '/portal/api/pay', {});
    assert.deepEqual([pay.statusCode, pay.json().id, pay.json().url], [201, link.id, link.url], 'the same provider link');
    assert.equal(stripe.created.length, sessions, 'no second checkout at the provider');
    const setCookie = String(pay.headers['set-cookie']);
    assert.match(setCookie, new RegExp(`^cobro_pay_return=[A-Za-z0-9_-]{32}; Path=/p/return/${link.id}; HttpOnly; SameSite=Lax; Max-Age=\\d+$`));
    const cookieA = firstCookie(pay);

    const home = await back(link.id, '?payment=success', cookieA);
    assert.deepEqual([home.statusCode, home.headers.location], [303, `/p/${d.token}?payment=success`]);
    assert.equal(home.headers['cache-control'], 'private, no-store');
    assert.equal(home.headers['referrer-policy'], 'no-referrer');
    const cancelled = await back(link.id, '?payment=cancelled&token=PAYPAL1&PayerID=X', cookieA);
    assert.equal(cancelled.headers.location, `/p/${d.token}?payment=cancelled`, 'the provider\'s own parameters are left');
    assert.equal((await back(link.id, '?payment=paid', cookieA)).headers.location, `/p/${d.token}`, 'only success or cancelled is passed on');

    assert.equal((await back(link.id, '?payment=success')).headers.location, '/?payment=success',
      'a browser the portal never handed it to goes where the message\'s link was made to return');

    const second = await portalLink(d.id);
    const payB = await portal(second.token, 'POST', '/portal/api/pay', {});
    assert.equal(payB.json().id, link.id);
    const cookieB = firstCookie(payB);
    assert.notEqual(cookieB, cookieA);
    assert.equal((await back(link.id, '?payment=success', cookieB)).headers.location, `/p/${second.token}?payment=success`);
    assert.equal((await back(link.id, '?payment=success', cookieA)).headers.location, `/p/${d.token}?payment=success`);

    const other = await debtor();
    const theirs = await portal(other.token, 'POST', '/portal/api/pay', {});
    assert.notEqual(theirs.json().id, link.id);
    assert.equal((await back(theirs.json().id as string, '?payment=success', cookieA)).headers.location, '/?payment=success',
      'a cookie opens only the return of the link it was set for');
    assert.equal((await back(theirs.json().id as string, '?payment=success')).headers.location, '/?payment=success',
      'a link the portal made, returned to without its cookie: the site\'s root, never a portal address from the link\'s id alone');
    assert.equal((await back('plk_nothing', '?payment=success', cookieA)).headers.location, '/?payment=success');

    assert.equal((await staff('POST', `/v1/portal-links/${d.linkId}/revoke`, {})).statusCode, 200);
    assert.equal((await back(link.id, '?payment=success', cookieA)).headers.location, '/?payment=success',
      'a withdrawn portal link is never handed back');
  });
});

describe('a second factor\'s session', () => {
  it('is extended by each request within the idle window, ends when idle past it, and never outlives the absolute cap', async () => {
    const set = await staff('PUT', '/v1/portal/settings', { second_factor: 'postcode', session_minutes: 60, session_max_hours: 3 });
    assert.deepEqual([set.statusCode, set.json().session_max_hours], [200, 3]);
    try {
      const d = await debtor({ postcode: '60601' });
      const open = async () => {
        const r = await portal(d.token, 'POST', '/portal/api/verify', { answer: '60601' });
        assert.equal(r.statusCode, 200, r.body);
        assert.match(String(r.headers['set-cookie']), /Max-Age=10800(;|$)/, 'the cookie lives to the cap; the server judges idleness');
        assert.equal(r.json().expires_at, new Date(clock.getTime() + 60 * 60_000).toISOString());
        return firstCookie(r);
      };
      const account = async (cookie: string) => (await portal(d.token, 'GET', '/portal/api/account', undefined, cookie)).statusCode;

      at(0);
      const idle = await open();
      for (const m of [50, 105]) { at(m); assert.equal(await account(idle), 200, `at ${m} minutes (a fixed hour would have ended at 60)`); }
      at(166);
      const r = await portal(d.token, 'GET', '/portal/api/account', undefined, idle);
      assert.deepEqual([r.statusCode, r.json().error.field], [403, 'second_factor'], 'idle 61 minutes: ended, answered as before');
      assert.equal((await portal(d.token, 'GET', '/portal/api/link', undefined, idle)).json().verified, false);
      at(200);
      assert.equal(await account(idle), 403, 'an ended session is not revived');

      const busy = await open();
      for (const m of [250, 300, 350, 379]) { at(m); assert.equal(await account(busy), 200, `at ${m} minutes`); }
      at(381);
      assert.equal(await account(busy), 403, '2 minutes after the last request, but past 3 hours after the answer');
    } finally {
      at(0);
      await staff('PUT', '/v1/portal/settings', { second_factor: 'none', session_max_hours: 12 });
    }
  });
});

describe('page views', () => {
  it('enter the audit log once an hour per link, naming only the link and the customer', async () => {
    at(0);
    const d = await debtor();
    const views = async () => t.db.query<{ actor: string; entity: string; entity_id: string; data: Record<string, unknown>; at: string }>(
      `SELECT actor, entity, entity_id, data, at FROM audit_log WHERE org_id = $1 AND action = 'portal.viewed' AND entity_id = $2 ORDER BY seq`, [t.org, d.id]);
    for (const path of ['/portal/api/link', '/portal/api/account']) assert.equal((await portal(d.token, 'GET', path)).statusCode, 200);
    at(59);
    assert.equal((await portal(d.token, 'GET', '/portal/api/account')).statusCode, 200);
    assert.deepEqual((await views()).map((v) => [v.actor, v.entity, v.entity_id, v.data]), [[`portal:${d.linkId}`, 'customer', d.id, { link: d.linkId }]]);
    const listed = (await staff('GET', `/v1/customers/${d.id}/portal-links`)).json().data as { id: string; last_opened_at: string }[];
    assert.equal(listed.find((l) => l.id === d.linkId)!.last_opened_at, clock.toISOString(), 'every view still noted on the link');

    const second = await portalLink(d.id);
    assert.equal((await portal(second.token, 'GET', '/portal/api/account')).statusCode, 200);
    at(60);
    await Promise.all([portal(d.token, 'GET', '/portal/api/link'), portal(d.token, 'GET', '/portal/api/account')]);
    assert.deepEqual((await views()).map((v) => v.data.link), [d.linkId, second.linkId, d.linkId], 'two requests at once write one');
  });
});
