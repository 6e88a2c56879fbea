// Checking many contact requests at once decides exactly as checking them one by one, each allowed send counting as made.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../../test/support/factories.ts';
import type { Db, Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import type { ContactDecision } from '../decision.ts';
import type { Purpose } from '../types.ts';
import { checkContact, checkContacts, recordConsent, recordContact, setContactProfile, suppress, type ContactRequest } from './index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

const reminder: Purpose = { kind: 'collection', tags: [] };
const now = new Date('2026-03-10T15:00:00Z'); // Tuesday, 10:00 in Bogotá and Chicago

const summary = (d: ContactDecision) => [d.kind, d.kind === 'allow' ? null : d.reason.code, d.kind === 'defer' ? d.until.toISOString() : null];

/** One by one, as the dispatcher did: each allowed request is marked sending (a message row) before the next check. */
async function oneByOne(tx: Queryable, reqs: ContactRequest[]) {
  const out = [];
  for (const r of reqs) {
    const d = await checkContact(tx, org, r, now);
    assert.ok(d.ok);
    if (d.value.kind === 'allow') {
      await tx.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, status, attempts, next_attempt_at, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, 'sending', 1, $6, $6, $6)`, [newId('message'), org, newId('action'), r.customerId, r.channel, now]);
    }
    out.push(summary(d.value));
  }
  return out;
}

/** Runs fn in a transaction that is always rolled back, so both ways start from the same facts. */
async function rolledBack<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await db.transaction(async (tx) => { result = await fn(tx); throw new Error('roll back'); }).catch((e: Error) => { if (e.message !== 'roll back') throw e; });
  return result!;
}

it('decides a batch exactly as one by one: caps with sends in flight, opt-outs, consent, cease, disputes, hours', async () => {
  const co = await aCustomer(db, org, { country: 'CO', timezone: 'America/Bogota', phone: '+573001234567', email: 'co@example.co' });
  await anInvoice(db, org, { customer_id: co.id, currency: 'COP', amount: 5_000_000 });
  for (const channel of ['sms', 'email'] as const) {
    await recordConsent(db, org, 'test', co.id, { kind: 'channel', channel, source: 'contract' }, new Date('2026-01-01'));
  }
  const us = await aCustomer(db, org, { country: 'US', region: 'IL', timezone: 'America/Chicago', phone: '+13125550101', email: 'us@example.com' });
  await anInvoice(db, org, { customer_id: us.id, amount: 50_000 });
  await recordConsent(db, org, 'test', us.id, { kind: 'automated_calls', channel: 'sms', address: '+13125550101', source: 'form' }, new Date('2026-01-01'));
  const out = await aCustomer(db, org, { country: 'US', region: 'IL', timezone: 'America/Chicago', email: 'out@example.com' });
  await anInvoice(db, org, { customer_id: out.id, amount: 20_000 });
  await suppress(db, org, 'test', out.id, { scope: 'channel', channel: 'email', reason: 'asked', source: 'api' }, new Date('2026-03-01'));
  const cease = await aCustomer(db, org, { country: 'US', region: 'NY', timezone: 'America/New_York', email: 'cease@example.com' });
  await anInvoice(db, org, { customer_id: cease.id, amount: 20_000 });
  await setContactProfile(db, org, 'test', cease.id, { debtor_type: 'consumer', cease_requested_at: '2026-02-01T00:00:00Z', inconvenient_times: [{ from: '09:00', to: '12:00' }] }, now);
  const busy = await aCustomer(db, org, { country: 'US', region: 'IL', timezone: 'America/Chicago', email: 'busy@example.com' });
  await anInvoice(db, org, { customer_id: busy.id, amount: 20_000 });
  for (let d = 3; d <= 9; d++) await recordContact(db, org, { customerId: busy.id, at: new Date(`2026-03-0${d}T16:00:00Z`), channel: 'email', direction: 'outbound', outcome: 'delivered' });
  const nightOwl = await aCustomer(db, org, { country: 'PH', timezone: 'Asia/Manila', email: 'night@example.ph' });
  await anInvoice(db, org, { customer_id: nightOwl.id, amount: 20_000 });
  const gone = 'cus_does_not_exist';
  const reqs: ContactRequest[] = [
    { customerId: co.id, channel: 'sms', purpose: reminder }, { customerId: co.id, channel: 'email', purpose: reminder },
    { customerId: us.id, channel: 'sms', purpose: reminder }, { customerId: us.id, channel: 'email', purpose: reminder },
    { customerId: out.id, channel: 'email', purpose: reminder }, { customerId: cease.id, channel: 'email', purpose: reminder },
    { customerId: busy.id, channel: 'email', purpose: reminder }, { customerId: nightOwl.id, channel: 'email', purpose: reminder },
    { customerId: co.id, channel: 'whatsapp', purpose: reminder },
  ];
  const single = await rolledBack((tx) => oneByOne(tx, reqs));
  const many = await rolledBack(async (tx) => (await checkContacts(tx, org, reqs, now)).map((r) => { assert.ok(r.ok); return summary(r.value); }));
  assert.deepEqual(many, single);
  assert.ok(new Set(single.map((s) => s[0])).size >= 2, `the scenario has more than one outcome: ${JSON.stringify(single)}`);
  assert.deepEqual(single.slice(0, 2).map((s) => s[0]), ['allow', 'defer'], 'Colombia: one contact a day, the first send in flight counts');
  const missing = await checkContacts(db, org, [{ customerId: gone, channel: 'email', purpose: reminder }], now);
  assert.equal(missing[0]?.ok, false);
  const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM gate_decisions WHERE org_id = $1', [org]);
  assert.equal(count?.n, 0, 'the rolled-back checks left no decision; a missing customer gets none');
});
