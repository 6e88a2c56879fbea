// Migration 106 on messages sent before it: the two daily rollups fed from messages (048's contacts per strategy version,
// 051's KPI messages) become one table, counted anew from the messages already there. Strategy performance's contacts and
// the contact and cost KPIs read the same before and after it, for sends of every state on two versions of one step, on
// an action of another org (its strategy counts for the contacts, not for the KPIs' steps), on none, over two UTC days;
// `cobro totals check` finds nothing; and later writes (a version moved, a failed send, a delivery) keep both readers right.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { migrate, type Db } from '../src/db/index.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { checkLedgerTotals } from '../src/ledger/index.ts';
import { strategyPerformance } from '../src/dashboard/strategies.ts';
import { contactKpis } from '../src/kpi/contact.ts';
import { recoveryKpis } from '../src/kpi/recovery.ts';
import { migrateBefore } from './support/migrations-before.ts';

const ORG = 'org_before_106';
const OTHER = 'org_beside_106';
const PERIOD = { from: '2026-03-01', to: '2026-03-31' };

async function anAction(db: Db, id: string, org: string, customer: string, version: number): Promise<void> {
  await db.query(`INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind,
      channels, scheduled_for, status, reason, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $1, $5, $6, 'after-3', 1, 'message', '{sms}', '2026-03-10', 'planned', 'due', now(), now())`,
  [id, org, `case_${id}`, customer, org === ORG ? 'str_m' : 'str_o', version]);
}

/** A message of ORG on `action` to `customer`, sent at `sentAt` (none: still queued) in `status`, priced or not. */
async function aMessage(db: Db, id: string, action: string, customer: string, status: string, sentAt: string | null, micros: number | null) {
  await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, status, attempts, next_attempt_at,
      created_at, updated_at, sent_at, cost_micros, cost_currency)
    VALUES ($1, $2, $3, $4, $5, 'overdue-nudge', $6, 1, now(), now(), now(), $7, $8, $9)`,
  [id, ORG, action, customer, id.endsWith('e') ? 'email' : 'sms', status, sentAt, micros, micros === null ? null : 'USD']);
}

/** What both readers give for March in UTC and in Kathmandu (whose days cut the UTC days the rollup keeps). */
async function readers(db: Db) {
  const out: unknown[] = [];
  for (const tz of ['UTC', 'Asia/Kathmandu']) {
    const perf = await strategyPerformance(db, ORG, PERIOD.from, PERIOD.to, tz, null);
    out.push(perf.map((p) => [p.strategy_id, p.version, p.contacts, p.customers_contacted]).sort());
    out.push(await contactKpis(db, ORG, PERIOD, tz));
    const rec = await recoveryKpis(db, ORG, PERIOD, tz, null, 7);
    out.push(JSON.parse(JSON.stringify(rec)));
  }
  return out;
}

describe('migration 106 on messages sent before it', () => {
  it('keeps what strategy performance and the KPIs read, and the triggers after it keep both right', { timeout: 300_000 }, async () => {
    const { databaseUrl } = loadConfig();
    const schema = `t_rollups_${randomBytes(3).toString('hex')}`;
    const db = databaseUrl ? await openPostgres(databaseUrl, schema) : await openPglite(undefined, { empty: true });
    try {
      await migrateBefore(db, '106');
      await db.query(`INSERT INTO orgs (id, name) VALUES ($1, 'Antes'), ($2, 'Al lado')`, [ORG, OTHER]);
      for (const c of ['cus_1', 'cus_2', 'cus_3']) await db.query(`INSERT INTO customers (id, org_id, external_id, name) VALUES ($1, $2, $1, $1)`, [c, ORG]);
      await db.query(`INSERT INTO customers (id, org_id, external_id, name) VALUES ('cus_o', $1, 'cus_o', 'cus_o')`, [OTHER]);
      await anAction(db, 'act_1', ORG, 'cus_1', 1);
      await anAction(db, 'act_2', ORG, 'cus_2', 2);
      await anAction(db, 'act_3', ORG, 'cus_3', 1);
      await anAction(db, 'act_2b', ORG, 'cus_2', 2);
      await anAction(db, 'act_3b', ORG, 'cus_3', 1);
      await anAction(db, 'act_o', OTHER, 'cus_o', 4);
      // sent as the dispatcher records them (queued, then sent by an update), over two UTC days, and some inserted sent
      await aMessage(db, 'msg_1', 'act_1', 'cus_1', 'sending', null, null);
      await aMessage(db, 'msg_2', 'act_2', 'cus_2', 'sending', null, null);
      await aMessage(db, 'msg_3e', 'act_1', 'cus_1', 'sending', null, null);
      await db.query(`UPDATE messages SET status = 'sent', sent_at = '2026-03-10T23:50:00Z', cost_micros = 7500, cost_currency = 'USD' WHERE id IN ('msg_1', 'msg_2')`);
      await db.query(`UPDATE messages SET status = 'delivered', sent_at = '2026-03-11T00:10:00Z' WHERE id = 'msg_3e'`);
      await aMessage(db, 'msg_4', 'act_3b', 'cus_3', 'failed', '2026-03-12T10:00:00Z', 2000);
      await aMessage(db, 'msg_5', 'act_o', 'cus_3', 'read', '2026-03-12T11:00:00Z', 3000);
      await aMessage(db, 'msg_6', 'act_none', 'cus_2', 'sent', '2026-03-13T12:00:00Z', null);
      await aMessage(db, 'msg_7', 'act_2b', 'cus_2', 'queued', null, null);
      await aMessage(db, 'msg_8', 'act_3', 'cus_3', 'uncertain', '2026-03-14T09:00:00Z', null);
      // what the two tables held, as their readers sum them
      const contactsBefore = await db.query(`SELECT day::text, strategy_id, strategy_version, customer_id, sum(messages)::int AS n
        FROM customer_contacts_daily WHERE org_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`, [ORG]);
      const kpisBefore = await db.query(`SELECT day::text, customer_id, channel, template, strategy_id, step_id, currency, sum(messages)::int AS messages,
          sum(delivered)::int AS delivered, sum(failed)::int AS failed, sum(costed)::int AS costed, sum(micros)::int AS micros
        FROM customer_messages_daily WHERE org_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`, [ORG]);
      assert.equal(contactsBefore.length, 4);

      assert.ok((await migrate(db)).includes('106_message_rollups_merged.sql'));
      // the one table, read as each reader reads it, holds what the two did
      assert.deepEqual(await db.query(`SELECT day::text, strategy_id, strategy_version, customer_id, sum(contacts)::int AS n
        FROM customer_messages_daily WHERE org_id = $1 AND strategy_id IS NOT NULL AND contacts > 0 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`, [ORG]), contactsBefore);
      assert.deepEqual(await db.query(`SELECT day::text, customer_id, channel, template, CASE WHEN NOT other_org THEN strategy_id END AS strategy_id,
          CASE WHEN NOT other_org THEN step_id END AS step_id, currency, sum(messages)::int AS messages,
          sum(delivered)::int AS delivered, sum(failed)::int AS failed, sum(costed)::int AS costed, sum(micros)::int AS micros
        FROM customer_messages_daily WHERE org_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`, [ORG]), kpisBefore);
      // and the readers give what was sent: contacts per version (sent, delivered or read on an action, whatever its
      // org), the KPIs' messages per channel, their cost by step (none for the other org's action or none)
      const migrated = await readers(db);
      assert.deepEqual(migrated[0], [['str_m', 1, 2, 1], ['str_m', 2, 1, 1], ['str_o', 4, 1, 1]]);
      assert.deepEqual(migrated[3], migrated[0], 'the same contacts in Kathmandu (no send near its midnight)');
      const kpi0 = migrated[1] as Awaited<ReturnType<typeof contactKpis>>;
      assert.deepEqual(kpi0.by_channel.map((c) => [c.channel, c.messages, c.delivered, c.failed]), [['email', 1, 1, 0], ['sms', 6, 1, 1]]);
      const steps = JSON.stringify(migrated[2]);
      assert.ok(steps.includes('str_m') && !steps.includes('str_o'), `the other org's strategy is no step of the KPIs: ${steps}`);
      assert.deepEqual(await checkLedgerTotals(db, ORG), []);
      assert.deepEqual(await checkLedgerTotals(db, OTHER), []);
      const [old] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'customer_contacts_daily'
        AND schemaname = current_schema()`);
      assert.equal(old!.n, 0, 'one rollup left');

      // after it: act_3 moves to version 2, msg_8 turns out sent, msg_1 is delivered, msg_7 is sent and fails
      await db.query(`UPDATE actions SET strategy_version = 2 WHERE id = 'act_3'`);
      await db.query(`UPDATE messages SET status = CASE id WHEN 'msg_8' THEN 'sent' ELSE 'delivered' END WHERE id IN ('msg_8', 'msg_1')`);
      await db.query(`UPDATE messages SET status = 'failed', sent_at = '2026-03-15T08:00:00Z' WHERE id = 'msg_7'`);
      assert.deepEqual(await checkLedgerTotals(db, ORG), []);
      const after = await readers(db);
      assert.deepEqual(after[0], [['str_m', 1, 2, 1], ['str_m', 2, 2, 2], ['str_o', 4, 1, 1]]);
      const kpi = after[1] as Awaited<ReturnType<typeof contactKpis>>;
      assert.deepEqual(kpi.by_channel.map((c) => [c.channel, c.messages, c.delivered, c.failed]), [['email', 1, 1, 0], ['sms', 7, 2, 2]]);
    } finally {
      if (databaseUrl) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    }
  });
});
