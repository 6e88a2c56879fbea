// Calls logged by people, keys pressed in calls and the debtor's portal visits in the KPIs, on figures worked out by hand:
// a logged call is a contact on channel "call" (reached when it was a conversation), a key pressed or a right-party
// call is the debtor's response, and a payment is credited to its last touch (message, answered call or visit) and
// shared over all its touches. Keys pressed in a call the debtor made to the org's number count the same way for the
// customer it came from (and the call is a touch on "voice"); an unknown caller's keys count for nobody. Written through
// the functions that write them in use (logCall, the inbox's store and processing, markOpened). The report's query
// count does not grow with the customers and touches read.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from './support/db.ts';
import { aCustomer, aPayment } from './support/factories.ts';
import { createOrg } from '../src/orgs/index.ts';
import { kpiReport, type KpiReport } from '../src/kpi/index.ts';
import { logCall, type CallOutcome } from '../src/tasks/calls.ts';
import { storeInbound } from '../src/worker/inbound/store.ts';
import { processInbound } from '../src/worker/index.ts';
import type { InboundEvent } from '../src/channels/index.ts';
import { createPortalLink, markOpened } from '../src/portal/index.ts';
import type { Db, Queryable } from '../src/db/index.ts';

let db: Db;
let org: string;
let report: KpiReport;
const cust: Record<'x' | 'y' | 'z' | 'w', string> = { x: '', y: '', z: '', w: '' };

async function aCase(customer: string): Promise<string> {
  const id = `case_${customer}`;
  await db.query(`INSERT INTO cases (id, org_id, customer_id, status, opened_at) VALUES ($1, $2, $3, 'open', '2026-01-01T00:00:00Z')`, [id, org, customer]);
  return id;
}

async function aMessage(id: string, customer: string, channel: string, sentAt: string, providerId: string | null = null, status = 'delivered') {
  await db.query(
    `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, status, next_attempt_at, created_at, updated_at, sent_at,
       provider, provider_message_id)
     VALUES ($1, $2, $1, $3, $4, 't', $7, $5, $5, $5, $5, 'twilio', $6)`, [`${id}_${org}`, org, customer, channel, sentAt, providerId, status]);
}

/** A call from `from` to the org's number in which the caller pressed `keys`, stored and applied as Twilio's webhooks are. */
async function callIn(sid: string, from: string, keys: string[], at: string) {
  const raw = { method: 'POST', url: '/', headers: {}, body: Buffer.from('CallSid=' + sid) };
  const store = async (e: InboundEvent, t: Date) => {
    const r = await storeInbound(db, org, 'twilio', raw, [e], undefined, t);
    assert.ok(r.ok && r.stored === 1, JSON.stringify(r));
  };
  const t0 = new Date(at);
  await store({ type: 'incoming_call', provider: 'twilio', eventId: `${sid}:incoming`, providerMessageId: sid, from, to: '+15550009999' }, t0);
  for (const [i, digits] of keys.entries()) {
    await store({ type: 'keypress', provider: 'twilio', eventId: `${sid}:gather:${i}`, providerMessageId: sid, digits, debtor: from }, new Date(t0.getTime() + (i + 1) * 10_000));
  }
  const done = await processInbound(db, org, new Date(t0.getTime() + 600_000));
  assert.deepEqual([done.failed, done.waiting], [0, 0]);
  const [row] = await db.query<{ status: string }>(`SELECT status FROM inbox_events WHERE org_id = $1 AND event_id = $2`, [org, `${org}/${sid}:incoming`]);
  assert.equal(row?.status, 'processed');
}

async function call(customer: string, outcome: CallOutcome, at: string) {
  const r = await logCall(db, org, 'user:ana', { caseId: `case_${customer}`, outcome, phone: '+15550000001' }, new Date(at));
  assert.ok(r.ok, JSON.stringify(r));
}

before(async () => {
  db = await testDb();
  org = (await createOrg(db, { name: 'Touches', defaultTimezone: 'UTC' })).id;
  for (const k of ['x', 'y', 'z', 'w'] as const) { cust[k] = (await aCustomer(db, org, k === 'w' ? { phone: '+15550000004' } : {})).id; await aCase(cust[k]); }
  // X: an email on 5 March, a call answered on 6 March, a visit to the portal on 7 March, 100.00 paid on 8 March
  await aMessage('m1', cust.x, 'email', '2026-03-05T10:00:00Z');
  await call(cust.x, 'right_party', '2026-03-06T12:00:00Z');
  const link = await createPortalLink(db, org, 'test', cust.x, 'staff', new Date('2026-03-01T00:00:00Z'), 60);
  assert.ok(link.ok);
  await markOpened(db, { orgId: org, customerId: cust.x, linkId: link.value.link.id }, new Date('2026-03-07T09:00:00Z'));
  await aPayment(db, org, { customer_id: cust.x, amount: 10_000, date: '2026-03-08', currency: 'USD', allocations: [] });
  // Y: an automated call on 10 March in which Y pressed 2, a logged call no one answered on 11 March, 50.00 paid on 12 March
  await aMessage('m2', cust.y, 'voice', '2026-03-10T15:00:00Z', 'CA_y');
  const raw = { method: 'POST', url: '/', headers: {}, body: Buffer.from('Digits=2') };
  const stored = await storeInbound(db, org, 'twilio', raw, [{ type: 'keypress', provider: 'twilio', eventId: 'CA_y:gather:1', providerMessageId: 'CA_y',
    digits: '2', debtor: '+15550000002' }], undefined, new Date('2026-03-10T15:01:00Z'));
  assert.ok(stored.ok && stored.stored === 1);
  await call(cust.y, 'no_answer', '2026-03-11T12:00:00Z');
  await aPayment(db, org, { customer_id: cust.y, amount: 5_000, date: '2026-03-12', currency: 'USD', allocations: [] });
  // Z: only a logged call to a wrong number on 15 March
  await call(cust.z, 'wrong_number', '2026-03-15T12:00:00Z');
  // W: an email sent (never delivered) on 19 March, then W calls the org's number on 20 March and presses 3 and 4 in
  // that call; 30.00 paid on 21 March. A caller no customer has the number of presses 1 and 2 the same day.
  await aMessage('m3', cust.w, 'email', '2026-03-19T10:00:00Z', null, 'sent');
  await callIn('CA_w_in', '+15550000004', ['3', '4'], '2026-03-20T10:00:00Z');
  await callIn('CA_unknown_in', '+15550000666', ['1', '2'], '2026-03-20T11:00:00Z');
  await aPayment(db, org, { customer_id: cust.w, amount: 3_000, date: '2026-03-21', currency: 'USD', allocations: [] });
  const r = await kpiReport(db, org, { from: '2026-03-01', to: '2026-03-31' });
  assert.ok(r.ok, JSON.stringify(r));
  report = r.value;
});
after(async () => { await db.close(); });

describe('calls logged by people, keypresses and portal visits in the KPIs', () => {
  it('counts logged calls as contacts, and a key pressed or a right-party call as the debtor\'s response', () => {
    // attempted: X (email, call), Y (voice, call), Z (call), W (email) = 4; reached: X (email delivered, call answered),
    // Y (voice delivered), W (keys pressed in the call W made: a response, though the email was never delivered) = 3, Z's
    // call reached a wrong number; right party: X (the call answered by X), Y and W (pressed a key) = 3. Keypresses: Y's
    // one and W's two = 3; the unknown caller's two count for nobody.
    const c = report.contacts;
    assert.deepEqual([c.accounts_attempted, c.accounts_reached, c.accounts_right_party, c.contact_rate, c.right_party_rate, c.replies, c.keypresses],
      [4, 3, 3, 0.75, 0.75, 0, 3]);
    // contacts: m1, m2, m3 and three logged calls = 6 over 4 accounts = 1.5
    assert.deepEqual([c.contacts, c.contacts_per_account], [6, 1.5]);
    assert.deepEqual(c.by_channel.find((x) => x.channel === 'call'),
      { channel: 'call', messages: 3, delivered: 1, failed: 0, accounts_attempted: 3, accounts_reached: 1, contact_rate: 0.3333 });
    assert.deepEqual(c.by_channel.map((x) => x.channel), ['call', 'email', 'voice']);
  });

  it('credits a payment to its last touch, and shares it over every touch in the window', () => {
    // X's 100.00 on 8 March: touches the visit (7 Mar), the call (6 Mar), m1 (5 Mar); last touch the visit.
    // Shared, latest first: floor(10,000 x 1/3) = 3,333; floor(10,000 x 2/3) - 3,333 = 3,333; 10,000 - 6,666 = 3,334.
    // Y's 50.00 on 12 March: the unanswered call is no touch, so all of it to the voice call m2.
    // W's 30.00 on 21 March: touches the call W made with keys (20 Mar, one touch for its two keys, on "voice") and m3
    // (19 Mar); last touch the call. Shared: floor(3,000 x 1/2) = 1,500 to the call, 1,500 to m3.
    // voice: last 5,000 + 3,000 = 8,000 (2 payments), shared 5,000 + 1,500 = 6,500; email: shared 3,334 + 1,500 = 4,834.
    const r = report.recovery;
    const usd = (amount: number, payments = 1) => [{ currency: 'USD', amount, payments }];
    const by = Object.fromEntries(r.by_channel.map((x) => [x.channel, [x.recovered, x.recovered_linear]]));
    assert.deepEqual(by, {
      call: [[], usd(3_333)], email: [[], usd(4_834, 2)], portal: [usd(10_000), usd(3_333)], voice: [usd(8_000, 2), usd(6_500, 2)],
    });
    assert.deepEqual([r.total.recovered, r.total.recovered_linear, r.unattributed], [usd(18_000, 3), usd(18_000, 3), []]);
    // steps and templates are credited through messages only: template t has m1's share, m2 and m3's share
    // (5,000 last; 3,334 + 5,000 + 1,500 = 9,834 shared)
    assert.deepEqual(r.by_template.map((x) => [x.template, x.recovered, x.recovered_linear]), [['t', usd(5_000), usd(9_834, 3)]]);
    assert.equal(r.by_channel.find((x) => x.channel === 'call')!.messages, 0);
  });

  it('reads with a fixed number of queries however many customers and touches there are', async () => {
    let n = 0;
    const counting: Queryable = { query: (sql, params) => { n += 1; return db.query(sql, params); }, copyCsv: (a, b, c) => db.copyCsv(a, b, c) };
    const count = async () => {
      n = 0;
      const r = await kpiReport(counting, org, { from: '2026-03-01', to: '2026-03-31' });
      assert.ok(r.ok);
      return n;
    };
    const before = await count();
    for (let k = 0; k < 5; k++) {
      const c = (await aCustomer(db, org)).id;
      await aCase(c);
      await call(c, 'refused', `2026-03-2${k}T12:00:00Z`);
      await aPayment(db, org, { customer_id: c, amount: 1_000, date: `2026-03-2${k}`, currency: 'USD', allocations: [] });
    }
    // nine: the org, the balances (two), the contacts (bounds, statement), the promises, the costs (bounds, statement), the credits
    assert.equal(await count(), before);
    assert.equal(before, 9);
  });
});
