// The dispatcher's record statement writes the two message rollups itself (customer_contacts_daily, 048;
// customer_messages_daily, 051) and the triggers on messages skip the rows it counted (065). What it leaves must be what
// the triggers alone make of the same rows: taking every send off with a plain update empties both rollups (nothing
// counted twice, nothing skipped), and putting them back with a plain update gives the same rows again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { enqueueDue } from '../src/worker/index.ts';
import { writeProgress, type SentRecord } from '../src/worker/record.ts';
import type { EncryptionState } from '../src/worker/sealed-addresses.ts';
import type { MessageRow } from '../src/worker/context.ts';
import { checkLedgerTotals } from '../src/ledger/totals.ts';
import { testDb, testOrg } from './support/db.ts';
import { seedDueMessages } from './support/due-messages.ts';

const NOW = new Date('2026-03-10T17:00:00Z');
const NEXT_DAY = new Date('2026-03-11T17:00:00Z');
const ROLLUPS = ['customer_contacts_daily', 'customer_messages_daily'];

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db, 'Abarrotes Rollup'); });
after(async () => { await db.close(); });

async function sending(first: number, n: number, channel: 'sms' | 'email'): Promise<MessageRow[]> {
  await seedDueMessages(db, org, { from: first, count: n, channel, day: '2026-03-10', at: NOW });
  await enqueueDue(db, NOW);
  return db.query<MessageRow>(
    `UPDATE messages SET status = 'sending', attempts = 1 WHERE org_id = $1 AND status = 'queued'
     RETURNING id, org_id, action_id, case_id, customer_id, channel, template, tone, address, attempts`, [org]);
}

const sent = (m: MessageRow, i: number, o: { state?: string; micros?: number } = {}): SentRecord => ({ message: m, address: `+5255${String(i).padStart(8, '0')}`,
  rendered: { channel: m.channel, language: 'es', text: `Recordatorio ${i}`, segments: { encoding: 'GSM-7', count: 1 }, warnings: [] } as unknown as SentRecord['rendered'],
  receipt: { provider: 'twilio', providerMessageId: `SM${i}`, state: o.state ?? 'sent' },
  ...(o.micros === undefined ? {} : { cost: { micros: o.micros, currency: 'USD' } }) });

/** Both rollups' rows of the org, in one order. */
async function rollups(): Promise<unknown[]> {
  return [
    ...await db.query(`SELECT 'contacts' AS t, day::text, strategy_id, strategy_version, customer_id, messages FROM customer_contacts_daily
      WHERE org_id = $1 ORDER BY 2, 3, 4, 5`, [org]),
    ...await db.query(`SELECT 'messages' AS t, day::text, customer_id, channel, template, strategy_id, step_id, currency, messages, delivered, failed,
      costed, micros::text FROM customer_messages_daily WHERE org_id = $1 ORDER BY 2, 3, 4, 5, 6, 7, 8`, [org]),
  ];
}

describe('the rollups the record statement writes', () => {
  it('are what the triggers alone make of the same sends: new ones on both paths, one recorded again, then a status callback', async () => {
    const sms = await sending(1, 5, 'sms');
    const mail = await sending(101, 2, 'email');
    const [a, b, c, d, e] = sms;
    const known = new Map<string, EncryptionState>();
    // the pass's first write (a transaction, the org's encryption read): one delivered and priced, one priced
    await writeProgress(db, [{ sent: sent(a!, 1, { state: 'delivered', micros: 7900 }), hand: b! }, { sent: sent(mail[0]!, 2, { micros: 400 }) }], NOW, known);
    assert.ok(known.has(org));
    // then one statement: a batch of three with two messages of one customer day keyed alike, and a hand-over
    await writeProgress(db, [{ sent: sent(b!, 3, { micros: 7900 }), hand: c! }, { sent: sent(d!, 4) }, { sent: sent(mail[1]!, 5) }], NOW, known);
    await writeProgress(db, [{ sent: sent(c!, 6, { micros: 7900 }) }], NOW, known);
    // a send recorded again a day later (another worker's record of it came first): it moves from one day to the next
    await writeProgress(db, [{ sent: sent(d!, 7, { micros: 100 }), hand: e! }], NEXT_DAY, known);
    const stored = await rollups();
    assert.ok(stored.length >= 10, `rollups written: ${stored.length}`);
    assert.deepEqual(await checkLedgerTotals(db, org).then((ds) => ds.filter((x) => ROLLUPS.includes(x.table))), [], 'as a count from scratch');

    // every send taken off by a plain update (the triggers alone): nothing may be left, over or under
    const kept = await db.query<{ id: string; sent_at: Date }>('SELECT id, sent_at FROM messages WHERE org_id = $1 AND sent_at IS NOT NULL ORDER BY id', [org]);
    assert.equal(kept.length, 6);
    await db.query('UPDATE messages SET sent_at = NULL WHERE org_id = $1', [org]);
    assert.deepEqual(await rollups(), [], 'the triggers took off exactly what the record statement wrote');
    // and put back by a plain update: the same rows as the record statement left
    await db.query(`UPDATE messages m SET sent_at = k.at FROM unnest($1::text[], $2::timestamptz[]) AS k(id, at) WHERE m.id = k.id`,
      [kept.map((k) => k.id), kept.map((k) => k.sent_at)]);
    assert.deepEqual(await rollups(), stored);

    // a status callback after the record (no setting left over): the triggers' own path
    await db.query(`UPDATE messages SET status = 'failed', updated_at = $2 WHERE id = $1`, [c!.id, NEXT_DAY]);
    assert.deepEqual(await checkLedgerTotals(db, org).then((ds) => ds.filter((x) => ROLLUPS.includes(x.table))), []);
    const [failed] = await db.query<{ failed: number }>(`SELECT failed FROM customer_messages_daily WHERE org_id = $1 AND customer_id = $2`, [org, c!.customer_id]);
    assert.equal(failed?.failed, 1);
  });
});
