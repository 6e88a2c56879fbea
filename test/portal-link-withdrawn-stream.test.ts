// A portal link that ends ends its open chat streams at once, with `end` `link`, on every API process (on PostgreSQL also a
// stream open on a second API process): withdrawn by staff, closed by the customer's erasure, its expiry brought forward.
// The customer's streams through another link stay open. Heartbeats are a minute apart, so an ending within seconds
// was brought by the notification (migration 159), not by the next heartbeat's check.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, type TestApi } from './support/api.ts';
import { twoApis, type TwoApis } from './support/second-api.ts';
import { openSse, type SseStream } from './support/sse.ts';

const clock = new Date('2026-03-20T15:00:00Z');
let apis: TwoApis;
let t: TestApi;
/** Where the second stream opens: another API process on the same database on PostgreSQL, this one on PGlite. */
let base: string;
let otherBase: string;
const streams: SseStream[] = [];
before(async () => {
  apis = await twoApis(() => clock, { chatStream: { heartbeatMs: 60_000 } });
  ({ t, base, otherBase } = apis);
});
after(async () => {
  for (const s of streams) s.close();
  await apis.close();
});

const staff = (url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: bearer(t.keys.admin), payload: payload as object });

let n = 0;
/** A customer with two links; owing nothing unless `owes`, so that an erasure erases at once. */
async function debtor(owes = true) {
  n += 1;
  const c = await staff('/v1/customers', { name: `Cliente Enlace ${n}`, email: `enlace${n}@example.com`, country: 'US', timezone: 'America/Chicago', language: 'es' });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  if (owes) {
    const inv = await staff('/v1/invoices', { customer_id: id, number: `ENL-${n}`, currency: 'USD', amount: 40_000, issue_date: '2026-01-15', due_date: '2026-03-01' });
    assert.equal(inv.statusCode, 201, inv.body);
  }
  const links = [];
  for (let i = 0; i < 2; i += 1) {
    const link = await staff(`/v1/customers/${id}/portal-link`);
    assert.equal(link.statusCode, 201, link.body);
    links.push({ token: link.json().token as string, id: link.json().id as string });
  }
  return { id, links: links as [{ token: string; id: string }, { token: string; id: string }] };
}

async function stream(at: string, token: string) {
  const s = await openSse(at, '/portal/api/chat/stream', { 'x-portal-token': token });
  streams.push(s);
  assert.equal(s.status, 200, s.body());
  return s;
}

/** Streams through the first link on both processes and one through the second link; `end` runs once they are open. */
async function endsAtOnce(d: Awaited<ReturnType<typeof debtor>>, end: () => Promise<void>, secondStays = true) {
  const near = await stream(base, d.links[0].token);
  const far = await stream(otherBase, d.links[0].token);
  const kept = await stream(otherBase, d.links[1].token);
  await new Promise((ok) => setTimeout(ok, 300));
  assert.equal(near.closed || far.closed, false);
  await end();
  // at once: the heartbeat is a minute away
  await near.ended(3_000);
  await far.ended(3_000);
  for (const x of [near, far]) assert.deepEqual(x.events.at(-1), { event: 'end', id: null, data: { reason: 'link' } });
  if (secondStays) {
    await new Promise((ok) => setTimeout(ok, 300));
    assert.equal(kept.closed, false, 'the stream through the customer\'s other link stays open');
  } else {
    await kept.ended(3_000);
  }
  const refused = await t.app.inject({ method: 'GET', url: '/portal/api/link', headers: { 'x-portal-token': d.links[0].token } });
  assert.equal(refused.statusCode, 401, refused.body);
}

describe('a portal link that ends', () => {
  it('withdrawn by staff: its streams end at once with link on every process, the other link\'s stay', async () => {
    const d = await debtor();
    await endsAtOnce(d, async () => {
      const r = await staff(`/v1/portal-links/${d.links[0].id}/revoke`);
      assert.equal(r.statusCode, 200, r.body);
    });
  });

  it('closed by its expiry brought forward: its streams end at once', async () => {
    const d = await debtor();
    await endsAtOnce(d, async () => {
      await t.db.query('UPDATE portal_links SET expires_at = $3 WHERE org_id = $1 AND id = $2', [t.org, d.links[0].id, clock.toISOString()]);
    });
  });

  it('closed by the customer\'s erasure: every link withdrawn, all their streams end at once', async () => {
    const d = await debtor(false);
    await endsAtOnce(d, async () => {
      const r = await staff(`/v1/customers/${d.id}/erasure`);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().outcome, 'erased', r.body);
      assert.equal(r.json().counts.portal_links, 2);
    }, false);
    const links = await t.db.query<{ revoked_at: string | null }>('SELECT revoked_at FROM portal_links WHERE org_id = $1 AND customer_id = $2', [t.org, d.id]);
    assert.deepEqual(links.map((l) => l.revoked_at !== null), [true, true]);
  });
});
