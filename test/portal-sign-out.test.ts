// The debtor's own sign-out (POST /portal/api/session/sign-out): the cookie's session ends on the server, the cookie is
// cleared with the attributes it was set with, a later request with the old cookie is refused as one without it, the
// session's open chat streams end at once with `session` (on PostgreSQL also a stream open on a second API process),
// the audit log says so, and another session of the same link, and the link itself, keep working.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, type TestApi } from './support/api.ts';
import { twoApis, type TwoApis } from './support/second-api.ts';
import { openSse, type SseStream } from './support/sse.ts';

const clock = new Date('2026-03-20T15:00:00Z');
// heartbeats a minute apart: a stream ended within seconds was ended by the sign-out, not by the next heartbeat's check
const chatStream = { heartbeatMs: 60_000 };
let apis: TwoApis;
let t: TestApi;
let base: string;
/** Where the second stream opens: another API process on the same database on PostgreSQL, this one on PGlite. */
let otherBase: string;
const streams: SseStream[] = [];
before(async () => {
  apis = await twoApis(() => clock, { chatStream });
  ({ t, base, otherBase } = apis);
});
after(async () => {
  for (const s of streams) s.close();
  await apis.close();
});

const staff = (method: 'POST' | 'PUT', url: string, payload: unknown) => t.app.inject({ method, url, headers: bearer(t.keys.admin), payload: payload as object });
const portal = (token: string, method: 'GET' | 'POST', url: string, cookie?: string, payload?: unknown) => t.app.inject({ method, url,
  headers: { 'x-portal-token': token, ...(cookie ? { cookie } : {}) }, ...(payload !== undefined ? { payload: payload as object } : {}) });

let n = 0;
async function debtor() {
  n += 1;
  const c = await staff('POST', '/v1/customers', { name: `Cliente Salida ${n}`, email: `salida${n}@example.com`, country: 'US', timezone: 'America/Chicago',
    language: 'es', metadata: { postcode: '60601' } });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  assert.equal((await staff('POST', '/v1/invoices', { customer_id: id, number: `SAL-${n}`, currency: 'USD', amount: 40_000, issue_date: '2026-01-15', due_date: '2026-03-01' })).statusCode, 201);
  const link = await staff('POST', `/v1/customers/${id}/portal-link`, {});
  assert.equal(link.statusCode, 201, link.body);
  return { id, token: link.json().token as string, link: link.json().id as string };
}

/** A right answer's session cookie, as the browser sends it back. */
async function session(token: string) {
  const v = await portal(token, 'POST', '/portal/api/verify', undefined, { answer: '60601' });
  assert.equal(v.statusCode, 200, v.body);
  return String(v.headers['set-cookie']).split(';')[0]!;
}

async function stream(at: string, token: string, cookie: string) {
  const s = await openSse(at, '/portal/api/chat/stream', { 'x-portal-token': token, cookie });
  streams.push(s);
  assert.equal(s.status, 200, s.body());
  return s;
}

const signedOut = (customerId: string) => t.db.query<{ actor: string; data: { link: string; session: string } }>(
  `SELECT actor, data FROM audit_log WHERE org_id = $1 AND entity_id = $2 AND action = 'portal.signed_out'`, [t.org, customerId]);

describe('the debtor\'s own sign-out', () => {
  it('ends that session at once, its streams with reason session, and leaves the link and another session working', async () => {
    assert.equal((await staff('PUT', '/v1/portal/settings', { second_factor: 'postcode' })).statusCode, 200);
    try {
      const d = await debtor();
      const mine = await session(d.token);
      const theirs = await session(d.token);
      const account = await portal(d.token, 'GET', '/portal/api/account', mine);
      assert.equal(account.statusCode, 200, account.body);
      assert.equal(account.json().signed_in, true, 'the page offers the sign-out');
      const s = await stream(base, d.token, mine);
      const far = await stream(otherBase, d.token, mine);
      const kept = await stream(otherBase, d.token, theirs);
      await new Promise((ok) => setTimeout(ok, 300));

      const out = await portal(d.token, 'POST', '/portal/api/session/sign-out', mine);
      assert.equal(out.statusCode, 200, out.body);
      assert.deepEqual(out.json(), { ended: true });
      assert.equal(out.headers['set-cookie'], 'cobro_portal=; Path=/portal/api; HttpOnly; SameSite=Strict; Max-Age=0', 'cleared as it was set');

      // at once: the heartbeat is a minute away
      await s.ended(3_000);
      await far.ended(3_000);
      for (const x of [s, far]) assert.deepEqual(x.events.at(-1), { event: 'end', id: null, data: { reason: 'session' } });
      await new Promise((ok) => setTimeout(ok, 300));
      assert.equal(kept.closed, false, 'the other session\'s stream stays open');

      // the old cookie is refused exactly as no cookie is
      const old = await portal(d.token, 'GET', '/portal/api/account', mine);
      const none = await portal(d.token, 'GET', '/portal/api/account');
      assert.equal(old.statusCode, 403);
      assert.deepEqual(old.json(), none.json());
      assert.equal(old.json().error.field, 'second_factor');
      assert.equal((await portal(d.token, 'GET', '/portal/api/link', mine)).json().verified, false);
      assert.equal((await openSse(base, '/portal/api/chat/stream', { 'x-portal-token': d.token, cookie: mine }).then((x) => { streams.push(x); return x.status; })), 403);

      const rows = await t.db.query<{ expires_at: string; created_at: string }>(
        'SELECT expires_at, created_at FROM portal_sessions WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at, id', [t.org, d.id]);
      assert.equal(rows.filter((r) => new Date(r.expires_at).getTime() <= clock.getTime()).length, 1, 'one session ended on the server, the other live');

      const audit = await signedOut(d.id);
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor, `portal:${d.link}`);
      assert.equal(audit[0]!.data.link, d.link);

      // the other session still opens the account; the link is not withdrawn: the second factor opens a new session
      assert.equal((await portal(d.token, 'GET', '/portal/api/account', theirs)).statusCode, 200);
      const again = await session(d.token);
      assert.equal((await portal(d.token, 'GET', '/portal/api/account', again)).statusCode, 200);

      // signing out again: nothing left to end, the cookie cleared all the same, no second entry
      const twice = await portal(d.token, 'POST', '/portal/api/session/sign-out', mine);
      assert.equal(twice.statusCode, 200, twice.body);
      assert.deepEqual(twice.json(), { ended: false });
      assert.match(String(twice.headers['set-cookie']), /^cobro_portal=; .*Max-Age=0/);
      assert.equal((await signedOut(d.id)).length, 1);
    } finally {
      await staff('PUT', '/v1/portal/settings', { second_factor: 'none' });
    }
  });

  it('goes through the portal\'s door: no link token, no sign-out; another customer\'s session is not theirs to end', async () => {
    assert.equal((await staff('PUT', '/v1/portal/settings', { second_factor: 'postcode' })).statusCode, 200);
    try {
      const a = await debtor();
      const b = await debtor();
      const bs = await session(b.token);
      const bare = await t.app.inject({ method: 'POST', url: '/portal/api/session/sign-out', headers: { cookie: bs } });
      assert.equal(bare.statusCode, 401);
      assert.equal(bare.json().error.field, 'token');
      // b's cookie sent with a's link ends nothing of b's
      const cross = await portal(a.token, 'POST', '/portal/api/session/sign-out', bs);
      assert.deepEqual(cross.json(), { ended: false });
      assert.equal((await portal(b.token, 'GET', '/portal/api/account', bs)).statusCode, 200);
    } finally {
      await staff('PUT', '/v1/portal/settings', { second_factor: 'none' });
    }
  });

  it('offers no sign-out where the org asks no second factor', async () => {
    const d = await debtor();
    const account = await portal(d.token, 'GET', '/portal/api/account');
    assert.equal(account.statusCode, 200, account.body);
    assert.equal(account.json().signed_in, false);
    const out = await portal(d.token, 'POST', '/portal/api/session/sign-out');
    assert.deepEqual(out.json(), { ended: false });
    assert.equal((await portal(d.token, 'GET', '/portal/api/account')).statusCode, 200, 'the page stays open: there was no session to end');
  });
});
