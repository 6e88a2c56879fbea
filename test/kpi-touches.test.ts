// Calls logged by people, keys pressed in calls and the debtor's portal visits in the KPIs, on figures worked out by hand:
// a logged call is a contact on channel "call" (reached when it was a conversation), a key pressed or a right-party
// call is the debtor's response, and a payment is credited to its last touch (message, answered call or visit) and
// shared over all its touches. Written through the functions that write them in use (logCall, the inbox's store,
// markOpened). The report's query count does not grow with the customers and touches read.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from './support/db.ts';
import { aCustomer, aPayment } from './support/factories.ts';
import { createOrg } from '../src/orgs/index.ts';
import { kpiReport, type KpiReport } from '../src/kpi/index.ts';
import { logCall, type CallOutcome } from '../src/tasks/calls.ts';
import { storeInbound } from '../src/worker/inbound/store.ts';
import { createPortalLink, markOpened } from '../src/portal/index.ts';
import type { Db, Queryable } from '../src/db/index.ts';

let db: Db;
let org: string;
let report: KpiReport;
const cust: Record<'x' | 'y' | 'z', string> = { x: '', y: '', z: '' };

async function aCase(customer: string): Promise<string> {
  const id = `case_${customer}`;
  await db.query(`INSERT INTO cases (id, org_id, customer_id, status, opened_at) VALUES ($1, $2, $3, 'open', '2026-01-01T00:00:00Z')`, [id, org, customer]);
  return id;
}

async function aMessage(id: string, customer: string, channel: string, sentAt: string, providerId: string | null = null) {
  await db.query(
    `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, status, next_attempt_at, created_at, updated_at, sent_at,
       provider, provider_message_id)
     VALUES ($1, $2, $1, $3, $4, 't', 'delivered', $5, $5, $5, $5, 'twilio', $6)`, [`${id}_${org}`, org, customer, channel, sentAt, providerId]);
}

async function call(customer: string, outcome: CallOutcome, at: string) {
  const r = await logCall(db, org, 'user:ana', { caseId: `case_${customer}`, outcome, phone: '+15550000001' }, new Date(at));
  assert.ok(r.ok, JSON.stringify(r));
}

before(async () => {
  db = await testDb();
  org = (await createOrg(db, { name: 'Touches', defaultTimezone: 'UTC' })).id;
  for (const k of ['x', 'y', 'z'] as const) { cust[k] = (await aCustomer(db, org)).id; await aCase(cust[k]); }
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
  const r = await kpiReport(db, org, { from: '2026-03-01', to: '2026-03-31' });
  assert.ok(r.ok, JSON.stringify(r));
  report = r.value;
});
after(async () => { await db.close(); });

describe('calls logged by people, keypresses and portal visits in the KPIs', () => {
  it('counts logged calls as contacts, and a key pressed or a right-party call as the debtor\'s response', () => {
    // attempted: X (email, call), Y (voice, call), Z (call) = 3; reached: X (email delivered, call answered), Y (voice
    // delivered) = 2, Z's call reached a wrong number; right party: X (the call answered by X), Y (pressed a key) = 2
    const c = report.contacts;
    assert.deepEqual([c.accounts_attempted, c.accounts_reached, c.accounts_right_party, c.contact_rate, c.right_party_rate, c.replies, c.keypresses],
      [3, 2, 2, 0.6667, 0.6667, 0, 1]);
    // contacts: m1, m2 and three logged calls = 5 over 3 accounts = 1.67
    assert.deepEqual([c.contacts, c.contacts_per_account], [5, 1.67]);
    assert.deepEqual(c.by_channel.find((x) => x.channel === 'call'),
      { channel: 'call', messages: 3, delivered: 1, failed: 0, accounts_attempted: 3, accounts_reached: 1, contact_rate: 0.3333 });
    assert.deepEqual(c.by_channel.map((x) => x.channel), ['call', 'email', 'voice']);
  });

  it('credits a payment to its last touch, and shares it over every touch in the window', () => {
    // X's 100.00 on 8 March: touches the visit (7 Mar), the call (6 Mar), m1 (5 Mar); last touch the visit.
    // Shared, latest first: floor(10,000 x 1/3) = 3,333; floor(10,000 x 2/3) - 3,333 = 3,333; 10,000 - 6,666 = 3,334.
    // Y's 50.00 on 12 March: the unanswered call is no touch, so all of it to the voice call m2.
    const r = report.recovery;
    const usd = (amount: number, payments = 1) => [{ currency: 'USD', amount, payments }];
    const by = Object.fromEntries(r.by_channel.map((x) => [x.channel, [x.recovered, x.recovered_linear]]));
    assert.deepEqual(by, {
      call: [[], usd(3_333)], email: [[], usd(3_334)], portal: [usd(10_000), usd(3_333)], voice: [usd(5_000), usd(5_000)],
    });
    assert.deepEqual([r.total.recovered, r.total.recovered_linear, r.unattributed], [usd(15_000, 2), usd(15_000, 2), []]);
    // steps and templates are credited through messages only: template t has m1's share and m2
    assert.deepEqual(r.by_template.map((x) => [x.template, x.recovered, x.recovered_linear]), [['t', usd(5_000), usd(8_334, 2)]]);
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
