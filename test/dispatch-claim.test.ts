// The claim marks its messages sending in the same statement, before the gate is asked about them: the gate does not
// count the batch's own messages as contacts already made, and a message it refuses is left as it was but for its new
// status (its attempts and its earlier attempt's hand-over kept).
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { seedDueMessages } from './support/due-messages.ts';
import type { Db } from '../src/db/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

const noon = new Date('2026-03-10T17:00:00Z'); // Tuesday, 12:00 in New York
const handedBefore = new Date('2026-03-09T15:00:00Z');

it('gates a claimed batch as if unmarked: one email a day each in the US is sent; one already contacted today is deferred as it was', { timeout: 120_000 }, async () => {
  const org = await testOrg(db, 'Hardware Hub');
  await seedDueMessages(db, org, { from: 7001, count: 4, channel: 'email', day: '2026-03-10', at: noon });
  await db.query(`UPDATE customers SET country = 'US', region = 'NY', timezone = 'America/New_York', language = 'en' WHERE org_id = $1`, [org]);
  await db.query(`UPDATE invoices SET currency = 'USD' WHERE org_id = $1`, [org]);
  // cus_d7004 had an email today: its message, a retry whose earlier attempt was handed over, is deferred by the gate
  await db.query(`INSERT INTO contact_events (id, org_id, customer_id, at, channel, direction, outcome, address)
    VALUES ('ce_claim', $1, 'cus_d7004', $2, 'email', 'outbound', 'delivered', 'd7004@example.mx')`, [org, new Date(noon.getTime() - 3_600_000)]);
  const r = await dispatchOnce({ db, adapters: sandboxAdapters(), now: () => noon, publicUrl: 'https://cobro.example' });
  await db.query(`UPDATE messages SET status = 'deferred', attempts = 2, handed_at = $2, next_attempt_at = $3 WHERE org_id = $1 AND customer_id = 'cus_d7004'`,
    [org, handedBefore, noon]);
  const again = await dispatchOnce({ db, adapters: sandboxAdapters(), now: () => noon, publicUrl: 'https://cobro.example' });
  // the US allows one email a day per customer: the batch's own marks are not counted, so the three others are sent
  assert.equal(r.sent, 3, JSON.stringify(r));
  assert.equal(again.sent, 0, JSON.stringify(again));
  assert.equal(again.deferred, 1, JSON.stringify(again));
  const rows = await db.query<{ customer_id: string; status: string; attempts: number; handed_at: Date | string | null }>(
    'SELECT customer_id, status, attempts, handed_at FROM messages WHERE org_id = $1 ORDER BY customer_id', [org]);
  assert.deepEqual(rows.slice(0, 3).map((m) => [m.status, m.attempts]), [['delivered', 1], ['delivered', 1], ['delivered', 1]]);
  const held = rows[3]!;
  assert.equal(held.status, 'deferred');
  assert.equal(held.attempts, 2, 'its attempts as they were');
  assert.equal(new Date(held.handed_at!).toISOString(), handedBefore.toISOString(), 'its earlier hand-over kept');
});
