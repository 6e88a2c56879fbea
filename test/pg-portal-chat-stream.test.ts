// The portal chat's push across processes: two API servers on one PostgreSQL database, as behind a load balancer. A
// person's answer recorded through one reaches the debtor's stream opened on the other (LISTEN/NOTIFY carrying ids
// only), and another debtor's stream on either gets nothing. Needs PostgreSQL: npm test runs it only when DATABASE_URL is set.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/api/index.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { listHandovers, setAgentSettings } from '../src/agent/index.ts';
import { writeChatAnswer } from '../src/agent/chat-answer.ts';
import { testApi, bearer, TEST_PASSWORD_COST, type TestApi } from './support/api.ts';
import { openSse, type SseEvent, type SseStream } from './support/sse.ts';

const config = loadConfig();
if (!config.databaseUrl) throw new Error('test/pg-portal-chat-stream.test.ts runs on PostgreSQL: set DATABASE_URL (npm test leaves it out without one)');
// the clock moves a minute before the person answers: lines of one instant are ordered by id, and ids made at one
// instant in a process that also makes others (a file among others in one test process) need not sort in the order made
let clock = new Date('2026-03-20T15:00:00Z');
const now = () => clock;
let t: TestApi;
let otherDb: Db;
let other: FastifyInstance;
let base: string;
let mainBase: string;
let third: FastifyInstance;
let thirdBase: string;
const streams: SseStream[] = [];
before(async () => {
  t = await testApi(now, { chatStream: { heartbeatMs: 5_000 } });
  assert.ok((await setAgentSettings(t.db, t.org, 'test', { enabled: true }, now())).ok);
  // the second process's own connections to the same schema
  const [{ schema }] = await t.db.query<{ schema: string }>('SELECT current_schema() AS schema') as [{ schema: string }];
  otherDb = await openDb({ databaseUrl: config.databaseUrl!, schema, rls: config.pgRls, ownerOutsideScopes: true });
  other = await buildServer({ passwordCost: TEST_PASSWORD_COST, db: otherDb, now, chatStream: { heartbeatMs: 5_000 } });
  await other.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(other.server.address() as AddressInfo).port}`;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  mainBase = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // a third process with a short heartbeat (its slots' lease is two heartbeats and a second: 1.6 s)
  third = await buildServer({ passwordCost: TEST_PASSWORD_COST, db: otherDb, now, chatStream: { heartbeatMs: 300 } });
  await third.listen({ port: 0, host: '127.0.0.1' });
  thirdBase = `http://127.0.0.1:${(third.server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const s of streams) s.close();
  await other.close();
  await third.close();
  await otherDb.close();
  await t.close();
});

const staff = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: bearer(t.keys.admin), payload: payload as object });
let n = 0;
async function debtor() {
  n += 1;
  const c = await staff('/v1/customers', { name: `Cliente Dos ${n}`, email: `dos${n}@example.com`, country: 'US', timezone: 'America/Chicago', language: 'es' });
  const id = c.json().id as string;
  assert.equal((await staff('/v1/invoices', { customer_id: id, number: `DOS-${n}`, currency: 'USD', amount: 50_000, issue_date: '2026-01-15', due_date: '2026-03-01' })).statusCode, 201);
  const link = await staff(`/v1/customers/${id}/portal-link`, {});
  return { id, token: link.json().token as string, link: link.json().id as string };
}
const says = (text: string) => (e: SseEvent) => e.event === 'chat' && lines(e).some((l) => l.text.includes(text));
const answer = (q: Parameters<typeof writeChatAnswer>[0], customerId: string, text: string) =>
  writeChatAnswer(q, t.org, { customerId, turnId: null, author: 'person', language: 'es', text }, now());
async function open(at: string, token: string, headers: Record<string, string> = {}) {
  const s = await openSse(at, '/portal/api/chat/stream', { 'x-portal-token': token, ...headers });
  streams.push(s);
  return s;
}
/** The status of a stream opened at `at`, tried again every 200 ms while refused, for at most `ms`. */
async function openWithin(at: string, token: string, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    const s = await open(at, token);
    if (s.status === 200 || Date.now() > until) return s.status;
    await new Promise((ok) => setTimeout(ok, 200));
  }
}
/** A person's answer recorded on the second process's connection, its transaction held open until `commit`. */
async function inFlight(customerId: string, text: string) {
  let commit!: () => void;
  let inserted!: () => void;
  const held = new Promise<void>((ok) => { commit = ok; });
  const took = new Promise<void>((ok) => { inserted = ok; });
  const done = otherDb.transaction(async (tx) => {
    await answer(tx, customerId, text);
    inserted();
    await held;
  });
  await took;
  return { commit: async () => { commit(); await done; } };
}
const lines = (e: SseEvent) => (e.data as { lines: { author: string; text: string }[] }).lines;

describe('the portal chat stream across two API processes on PostgreSQL', () => {
  it('gets on one server the answer a person recorded through the other, and gives another debtor nothing', async () => {
    const d = await debtor();
    const someoneElse = await debtor();
    const asked = await t.app.inject({ method: 'POST', url: '/portal/api/chat', headers: { 'x-portal-token': d.token }, payload: { text: 'quiero hablar con alguien' } });
    assert.equal(asked.statusCode, 201, asked.body);
    const handover = (await listHandovers(t.db, t.org, { status: 'open' })).find((h) => h.customer_id === d.id);
    assert.ok(handover);
    const last = asked.json().answers.at(-1).id as string;
    const s = await openSse(base, `/portal/api/chat/stream?after=${last}`, { 'x-portal-token': d.token });
    const theirs = await openSse(base, '/portal/api/chat/stream', { 'x-portal-token': someoneElse.token });
    streams.push(s, theirs);
    assert.equal(s.status, 200);
    await new Promise((ok) => setTimeout(ok, 200));
    const before = Date.now();
    clock = new Date(clock.getTime() + 60_000);
    const r = await staff(`/v1/agent/handovers/${handover.id}/reply`, { text: 'Hola, soy Ana, desde el otro servidor.' });
    assert.equal(r.statusCode, 201, r.body);
    // only the notification brings it: a heartbeat checks the link and session, it reads no lines
    const pushed = await s.next((e) => e.event === 'chat' && lines(e).some((l) => l.text.includes('otro servidor')), 10_000);
    assert.deepEqual(lines(pushed).map((l) => l.author), ['person']);
    assert.ok(Date.now() - before < 10_000);
    await new Promise((ok) => setTimeout(ok, 200));
    assert.ok(theirs.events.every((e) => e.event === 'chat' && lines(e).length === 0), JSON.stringify(theirs.events));
    assert.ok(!theirs.body().includes('otro servidor'));
  });

  it('sends a line whose transaction took its place in the order before another\'s and committed after it', async () => {
    const d = await debtor();
    assert.equal((await t.app.inject({ method: 'POST', url: '/portal/api/chat', headers: { 'x-portal-token': d.token }, payload: { text: 'hola' } })).statusCode, 201);
    const cursor = (await t.app.inject({ method: 'GET', url: '/portal/api/chat', headers: { 'x-portal-token': d.token } })).json().cursor as string;
    const s = await open(base, d.token, { 'last-event-id': cursor });
    // the second process's connection takes its line's place first and holds its transaction open
    const slow = await inFlight(d.id, 'tomó su lugar primero');
    await answer(t.db, d.id, 'confirmada antes');
    const first = await s.next(says('confirmada antes'), 10_000);
    assert.deepEqual(lines(first).map((l) => l.text), ['confirmada antes'], 'the later place, committed first');
    await slow.commit();
    const late = await s.next(says('tomó su lugar primero'), 10_000);
    // it sorts before a line the page has: the whole chat again, in the order recorded
    assert.equal((late.data as { reset: boolean }).reset, true);
    assert.deepEqual(lines(late).map((l) => l.text).slice(-2), ['tomó su lugar primero', 'confirmada antes']);
    const shown = (await t.app.inject({ method: 'GET', url: '/portal/api/chat', headers: { 'x-portal-token': d.token } })).json();
    assert.deepEqual(shown.data.map((l: { text: string }) => l.text).slice(-2), ['tomó su lugar primero', 'confirmada antes']);
  });

  it('sends a page naming its last line by id a line that took its place before that line and committed after the page read the chat', async () => {
    const d = await debtor();
    assert.equal((await t.app.inject({ method: 'POST', url: '/portal/api/chat', headers: { 'x-portal-token': d.token }, payload: { text: 'hola' } })).statusCode, 201);
    const slow = await inFlight(d.id, 'en vuelo al leer');
    await answer(t.db, d.id, 'leída por la página');
    // the page reads the chat while the first line is still in flight, and keeps its last line's id only (no cursor)
    const read = (await t.app.inject({ method: 'GET', url: '/portal/api/chat', headers: { 'x-portal-token': d.token } })).json();
    const last = read.data.at(-1) as { id: string; text: string };
    assert.equal(last.text, 'leída por la página');
    assert.ok(!read.data.some((l: { text: string }) => l.text === 'en vuelo al leer'));
    await slow.commit();
    const s = await open(base, d.token, { 'last-event-id': last.id });
    // before migration 159 the line's place alone counted the earlier line as the page's: nothing was sent
    const caught = await s.next(says('en vuelo al leer'), 10_000);
    assert.equal((caught.data as { reset: boolean }).reset, true, 'it sorts before the page\'s last line: the whole chat again');
    assert.deepEqual(lines(caught).map((l) => l.text).slice(-2), ['en vuelo al leer', 'leída por la página']);
  });

  it('counts one session\'s open streams across processes, keeps a live stream\'s slot, and frees a crashed process\'s', async () => {
    const d = await debtor();
    const held = [await open(thirdBase, d.token), await open(thirdBase, d.token), await open(mainBase, d.token)];
    assert.deepEqual(held.map((x) => x.status), [200, 200, 200]);
    // past the lease: the third process's streams renewed theirs
    await new Promise((ok) => setTimeout(ok, 2_500));
    const fourth = await open(base, d.token);
    assert.equal(fourth.status, 429, 'three open on two other processes');
    assert.equal(JSON.parse(fourth.body()).error.field, 'stream');
    held[0]!.close();
    assert.equal(await openWithin(base, d.token, 3_000), 200, 'a closed stream gives its slot back (the others renew theirs: only this can free one)');

    // a process that crashed holding all of a session's slots: they lapse with their lease
    const e = await debtor();
    for (const slot of [0, 1, 2]) {
      await t.db.query(`INSERT INTO portal_chat_streams (org_id, stream_key, slot, holder, expires_at) VALUES ($1, $2, $3, 'crashed', clock_timestamp() + interval '1 second')`,
        [t.org, e.link, slot]);
    }
    assert.equal((await open(base, e.token)).status, 429);
    await new Promise((ok) => setTimeout(ok, 1_000));
    assert.equal(await openWithin(base, e.token, 2_000), 200, 'free once the lease passed');
  });
});
