// The one trigger that keeps both message rollups (the contacts and the KPIs' messages, one table since migration 106:
// customer_messages_daily) on messages' updates (migration 086). The dispatcher's record of sends in one statement (none sent before; sent, delivered, read and failed
// with a sending instant, priced or not, on an action of the org, of another org, or on none) and later updates of sent
// messages in one statement (delivery states, a cost, a customer moved, a day moved, one queued again, rows untouched)
// leave both rollups equal to a count from scratch (`cobro totals check` finds nothing) for the org and the other one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer } from './support/factories.ts';
import { checkLedgerTotals } from '../src/ledger/index.ts';
import type { Db } from '../src/db/index.ts';

let db: Db;
let org: string;
let other: string;
const customers: string[] = [];
const STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

async function anAction(id: string, orgId: string, customer: string, version: number): Promise<void> {
  await db.query(`INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind,
      channels, scheduled_for, status, reason, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $1, 'str_a', $5, 'after-3', 1, 'message', '{sms}', '2026-03-10', 'planned', 'due', now(), now())`,
  [id, orgId, `case_${id}`, customer, version]);
}

const stored = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [org]))[0]!.n;
const agree = async (what: string) => {
  assert.deepEqual(await checkLedgerTotals(db, org), [], `${what}: the org's stored totals`);
  assert.deepEqual(await checkLedgerTotals(db, other), [], `${what}: the other org's stored totals`);
};

before(async () => {
  db = await testDb();
  org = await testOrg(db);
  other = await testOrg(db);
  for (let k = 0; k < 6; k++) customers.push((await aCustomer(db, org)).id);
  for (let k = 0; k < 40; k++) await anAction(`act_r${k}`, org, customers[k % 6]!, 1 + (k % 2));
  // an action of the other org, named by a message of this one: its strategy counts for the contacts, not for the KPIs
  await anAction('act_elsewhere', other, (await aCustomer(db, other)).id, 1);
  // 40 messages on the org's actions, one on the other org's action, one on no action: all being sent, none sent yet
  await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, status, attempts, next_attempt_at, created_at, updated_at)
    SELECT 'msg_r' || g, $1, CASE WHEN g < 40 THEN 'act_r' || g WHEN g = 40 THEN 'act_elsewhere' ELSE 'act_none' END,
      ($2::text[])[1 + g % 6], 'sms', CASE WHEN g % 3 = 0 THEN 'overdue-nudge' ELSE 'overdue-formal' END, 'sending', 1, now(), now(), now()
    FROM generate_series(0, 41) g`, [org, customers]);
});
after(async () => { await db.close(); });

describe('one trigger for both message rollups', () => {
  it('adds the sends recorded in one statement to both rollups, whatever their state', async () => {
    await db.query(`UPDATE messages SET status = ($2::text[])[1 + (substr(id, 6)::int % 4)], sent_at = '2026-03-10T23:30:00Z'::timestamptz + (substr(id, 6)::int % 3) * interval '20 minutes',
        cost_micros = CASE WHEN substr(id, 6)::int % 2 = 0 THEN 7500 END, cost_currency = CASE WHEN substr(id, 6)::int % 2 = 0 THEN 'USD' END, provider = 'twilio'
      WHERE org_id = $1`, [org, STATUSES]);
    await agree('recorded');
    // the sends span two UTC days; the failed ones count for the KPIs only, the one without an action for the KPIs only
    assert.ok(await stored('customer_messages_daily') > 0, 'rows were written');
    const [k] = await db.query<{ messages: number; delivered: number; failed: number; costed: number }>(
      `SELECT sum(messages)::int AS messages, sum(delivered)::int AS delivered, sum(failed)::int AS failed, sum(costed)::int AS costed
       FROM customer_messages_daily WHERE org_id = $1`, [org]);
    assert.deepEqual(k, { messages: 42, delivered: 21, failed: 10, costed: 21 });
    const [c] = await db.query<{ n: number }>(`SELECT sum(contacts)::int AS n FROM customer_messages_daily WHERE org_id = $1 AND strategy_id IS NOT NULL`, [org]);
    assert.equal(c!.n, 31, 'sent, delivered and read on an action');
  });

  it('moves what later updates of sent messages change, and nothing else', async () => {
    // delivery states, a cost, a customer moved, a day moved, one queued again, the rest untouched, in one statement
    await db.query(`UPDATE messages SET
        status = CASE WHEN id IN ('msg_r0', 'msg_r4') THEN 'delivered' WHEN id = 'msg_r1' THEN 'failed' WHEN id = 'msg_r2' THEN 'queued' ELSE status END,
        sent_at = CASE WHEN id = 'msg_r2' THEN NULL WHEN id = 'msg_r5' THEN sent_at + interval '1 day' ELSE sent_at END,
        customer_id = CASE WHEN id = 'msg_r6' THEN $2 ELSE customer_id END,
        cost_micros = CASE WHEN id = 'msg_r7' THEN 9100 ELSE cost_micros END, cost_currency = CASE WHEN id = 'msg_r7' THEN 'EUR' ELSE cost_currency END,
        updated_at = now()
      WHERE org_id = $1`, [org, customers[5]]);
    await agree('updated');
    const before = await db.query(`SELECT * FROM customer_messages_daily WHERE org_id = $1 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`, [org]);
    // an update that changes nothing counted writes nothing
    await db.query(`UPDATE messages SET updated_at = now() + interval '1 hour' WHERE org_id = $1`, [org]);
    assert.deepEqual(await db.query(`SELECT * FROM customer_messages_daily WHERE org_id = $1 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`, [org]), before);
    await agree('touched');
  });
});
