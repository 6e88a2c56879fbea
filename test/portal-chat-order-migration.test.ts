// Migration 131 on a portal chat recorded before it: the lines already there take their places in the order the chat
// showed them (instant, then the debtor's before an answer, then id), lines of other channels take none, and a line
// recorded after it follows them all, whatever its instant.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, type Db } from '../src/db/index.ts';
import { chatConversation } from '../src/agent/index.ts';
import { onDatabaseBefore } from './support/migrations-before.ts';

const ORG = 'org_before_131';

async function aMessage(db: Db, id: string, channel: string, at: string) {
  await db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
    VALUES ($1, $2, 'cus_1', $3, $3, $1, 'portal:ptl_1', $1, $4, $4)`, [id, ORG, channel, at]);
}
async function anAnswer(db: Db, id: string, at: string) {
  await db.query(`INSERT INTO portal_chat_answers (id, org_id, customer_id, author, language, text, created_at) VALUES ($1, $2, 'cus_1', 'agent', 'es', $1, $3)`,
    [id, ORG, at]);
}

describe('migration 131 on a portal chat recorded before it', () => {
  it('keeps the chat\'s order, and puts a line recorded after it last', { timeout: 300_000 }, async () => {
    await onDatabaseBefore('131', async (db) => {
      await db.query(`INSERT INTO orgs (id, name) VALUES ($1, 'Antes')`, [ORG]);
      await db.query(`INSERT INTO customers (id, org_id, external_id, name) VALUES ('cus_1', $1, 'cus_1', 'cus_1')`, [ORG]);
      // inserted out of order: an answer and a message of one instant (the message first), ids against their instants
      await anAnswer(db, 'cha_b', '2026-03-01T10:00:05Z');
      await aMessage(db, 'inm_z', 'portal', '2026-03-01T10:00:05Z');
      await aMessage(db, 'inm_y', 'portal', '2026-03-01T10:00:00Z');
      await anAnswer(db, 'cha_a', '2026-03-01T10:00:10Z');
      await aMessage(db, 'inm_sms', 'sms', '2026-03-01T09:00:00Z');
      await migrate(db);
      const before = (await chatConversation(db, ORG, 'cus_1')).data.map((l) => l.id);
      assert.deepEqual(before, ['inm_y', 'inm_z', 'cha_b', 'cha_a']);
      const [sms] = await db.query<{ seq: string | null }>(`SELECT chat_seq::text AS seq FROM inbound_messages WHERE id = 'inm_sms'`);
      assert.equal(sms?.seq, null, 'not a line of the chat');
      // recorded after the migration, stamped before everything: last, as recorded
      await anAnswer(db, 'cha_new', '2026-01-01T00:00:00Z');
      const after = await chatConversation(db, ORG, 'cus_1');
      assert.deepEqual(after.data.map((l) => l.id), ['inm_y', 'inm_z', 'cha_b', 'cha_a', 'cha_new']);
      assert.match(String(after.cursor), /^\d+@\d+:\d+:/);
    });
  });
});
