// The gate's contact history for many customers (src/compliance/store/debtor-many.ts), read per customer: the same rows
// as the statement it replaced (customer_id = ANY over the org), window edges, messages sending or uncertain, customers
// asked twice or unknown. PGlite and PostgreSQL; the plan under stale statistics is in test/pg-gate-history.test.ts.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer } from './support/factories.ts';
import type { Db } from '../src/db/index.ts';
import { newId } from '../src/domain/ids.ts';
import { HISTORY_SQL } from '../src/compliance/store/debtor-many.ts';

let db: Db;
let org: string;
let other: string;
before(async () => { db = await testDb(); org = await testOrg(db); other = await testOrg(db, 'Other'); });
after(async () => { await db.close(); });

const now = new Date('2026-03-10T15:00:00Z');
const since = new Date(now.getTime() - 35 * 86_400_000);
const at = (ms: number) => new Date(now.getTime() + ms);

/** The statement the LATERAL replaced, as it was. */
const BEFORE = `SELECT customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited, id, 'contact_events.address' AS f FROM contact_events
     WHERE org_id = $1 AND customer_id = ANY($2::text[]) AND at >= $3 AND at <= $4
     UNION ALL
     SELECT customer_id, updated_at, channel, 'outbound', 'delivered', address, NULL, false, false, id, 'messages.address' FROM messages
     WHERE org_id = $1 AND customer_id = ANY($2::text[]) AND status IN ('sending', 'uncertain') AND updated_at >= $3 AND updated_at <= $4
     ORDER BY 1, 2`;

async function contact(orgId: string, customerId: string, when: Date, over: { direction?: string; outcome?: string; address?: string; solicited?: boolean } = {}) {
  await db.query(`INSERT INTO contact_events (id, org_id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited)
    VALUES ($1, $2, $3, $4, 'sms', $5, $6, $7, NULL, false, $8)`,
  [newId('contact'), orgId, customerId, when, over.direction ?? 'outbound', over.outcome ?? 'delivered', over.address ?? null, over.solicited ?? false]);
}

async function message(orgId: string, customerId: string, status: string, when: Date) {
  await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, status, attempts, next_attempt_at, address, created_at, updated_at)
    VALUES ($1, $2, $3, $4, 'email', $5, 1, $6, 'a@example.com', $6, $6)`, [newId('message'), orgId, newId('action'), customerId, status, when]);
}

it('reads the same rows as the statement over the org did: the window\'s edges, sends in flight, repeated and unknown customers', async () => {
  const a = await aCustomer(db, org, {});
  const b = await aCustomer(db, org, {});
  const c = await aCustomer(db, org, {});
  const elsewhere = await aCustomer(db, other, {});
  for (const [i, ms] of [since.getTime() - now.getTime() - 1, since.getTime() - now.getTime(), -86_400_000, -60_000, 0, 1].entries()) {
    await contact(org, a.id, at(ms + i), { address: '+5215512345678', solicited: i % 2 === 0 });
    await contact(org, b.id, at(ms - i), { direction: 'inbound', outcome: 'conversation' });
  }
  await contact(org, c.id, at(-3_600_000));
  await contact(other, elsewhere.id, at(-3_600_000));
  for (const [status, ms] of [['sending', -1_000], ['uncertain', -2_000], ['sent', -3_000], ['queued', -4_000], ['sending', 10_000]] as const) {
    await message(org, a.id, status, at(ms));
    await message(org, c.id, status, at(ms - 7));
  }
  const ids = [a.id, b.id, a.id, 'cus_nobody', elsewhere.id, c.id];
  const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
  const params = [org, [...new Set(ids)], since, now];
  const was = await db.query<Record<string, unknown>>(BEFORE, params);
  const is = await db.query<Record<string, unknown>>(HISTORY_SQL, params);
  assert.equal(was.length, 12, 'in the window a has 3 contacts, b 4, c 1; a and c 2 messages each (sending, uncertain); nothing of the other org');
  assert.deepEqual(sorted(is), sorted(was));
  const key = (r: Record<string, unknown>) => `${String(r['customer_id'])}|${new Date(r['at'] as string).toISOString()}`;
  assert.deepEqual(is.map(key), was.map(key), 'in the same order (customer, then time)');
});
