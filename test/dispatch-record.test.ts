// The dispatcher's record of sends in one statement: once a pass knows an org's field encryption, its sends, their
// audit entries and the next hands are one statement with no transaction around it; when the org's encryption changed
// since, that statement writes nothing and the transaction reads the state again, so no address is stored in the clear.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/index.ts';
import { enqueueDue } from '../src/worker/index.ts';
import { writeProgress, type SentRecord } from '../src/worker/record.ts';
import type { EncryptionState } from '../src/worker/sealed-addresses.ts';
import type { MessageRow } from '../src/worker/context.ts';
import { configureFieldKeys, setFieldEncryption } from '../src/vault/index.ts';
import { customerAudit, searchAudit, verifyAudit } from '../src/audit/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { seedDueMessages } from './support/due-messages.ts';

const NOW = new Date('2026-03-10T17:00:00Z'); // 11:00 in Mexico City

let db: Db;
let org: string;
before(async () => { configureFieldKeys({ fieldKey: randomBytes(32).toString('hex') }); db = await testDb(); org = await testOrg(db, 'Tlapalería Registro'); });
after(async () => { await db.close(); configureFieldKeys({}); });

/** The org's next `n` due SMS as the gate leaves them: sending, first attempt, not handed. */
async function sending(first: number, n: number): Promise<MessageRow[]> {
  await seedDueMessages(db, org, { from: first, count: n, channel: 'sms', day: '2026-03-10', at: NOW });
  await enqueueDue(db, NOW);
  return db.query<MessageRow>(
    `UPDATE messages SET status = 'sending', attempts = 1 WHERE org_id = $1 AND status = 'queued'
     RETURNING id, org_id, action_id, case_id, customer_id, channel, template, tone, address, attempts`, [org]);
}

const sent = (m: MessageRow, i: number): SentRecord => ({ message: m, address: `+5255${String(i).padStart(8, '0')}`,
  rendered: { channel: 'sms', language: 'es', text: `Recordatorio ${i}`, segments: { encoding: 'GSM-7', count: 1 }, warnings: [] } as unknown as SentRecord['rendered'],
  receipt: { provider: 'twilio', providerMessageId: `SM${i}`, state: 'sent' } });

/** The db, counting the transactions opened through it. */
function counting(): { db: Db; transactions: () => number } {
  let n = 0;
  return { db: { ...db, query: (s, p) => db.query(s, p), transaction: (fn) => { n++; return db.transaction(fn); } }, transactions: () => n };
}

const row = async (id: string) => (await db.query<{ status: string; address: string | null; handed: boolean; provider_message_id: string | null }>(
  'SELECT status, address, handed_at IS NOT NULL AS handed, provider_message_id FROM messages WHERE id = $1', [id]))[0]!;

describe('recording sends', () => {
  it('writes the sends, their audit entries and the next hands in one statement once the org is known, and the chain verifies', async () => {
    const [a, b, c, g] = await sending(1, 4);
    const known = new Map<string, EncryptionState>();
    const first = counting();
    // the pass's first write reads the org's encryption (off) in a transaction
    assert.deepEqual(await writeProgress(first.db, [{ sent: sent(a!, 1), hand: b! }], NOW, known), [true]);
    assert.equal(first.transactions(), 1);
    assert.deepEqual(known.get(org), { sealer: null, version: null });
    const second = counting();
    assert.deepEqual(await writeProgress(second.db, [{ sent: sent(b!, 2), hand: c! }, { hand: { id: g!.id, attempts: 2 } }], NOW, known), [true, false]);
    assert.equal(second.transactions(), 0, 'no transaction once the org is known');
    assert.deepEqual(await row(b!.id), { status: 'sent', address: '+525500000002', handed: true, provider_message_id: 'SM2' });
    assert.equal((await row(c!.id)).handed, true);
    assert.equal((await row(g!.id)).handed, false, 'a hand of another attempt is refused');
    const entries = await db.query<{ data: { message: string } }>(`SELECT data FROM audit_log WHERE org_id = $1 AND action = 'message.sent' ORDER BY pos`, [org]);
    assert.deepEqual(entries.map((e) => e.data.message), [a!.id, b!.id]);
    const contacts = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact_events WHERE org_id = $1 AND direction = 'outbound'`, [org]);
    assert.equal(contacts[0]!.n, 2);
    const v = await verifyAudit(db, org);
    assert.equal(v.ok, true, JSON.stringify(v));
  });

  it('writes nothing in that statement when the org turned encryption on since, and seals the address in the transaction that follows', async () => {
    const [d, e] = await sending(11, 2);
    const known = new Map<string, EncryptionState>([[org, { sealer: null, version: null }]]);
    const on = await db.transaction((tx) => setFieldEncryption(tx, org, 'test', true, NOW));
    assert.ok(on.ok);
    const w = counting();
    assert.deepEqual(await writeProgress(w.db, [{ sent: sent(d!, 11), hand: e! }], NOW, known), [true]);
    assert.equal(w.transactions(), 1, 'the state read again');
    const stored = await row(d!.id);
    assert.equal(stored.status, 'sent');
    assert.ok(stored.address?.startsWith('enc:'), `sealed, not ${stored.address}`);
    assert.notEqual(known.get(org)?.version ?? null, null);
    // and now known as on, the next write is one statement again, sealing with the same key
    const [f] = await sending(21, 1);
    const again = counting();
    assert.deepEqual(await writeProgress(again.db, [{ sent: sent(e!, 12), hand: f! }], NOW, known), [true]);
    assert.equal(again.transactions(), 0);
    assert.ok((await row(e!.id)).address?.startsWith('enc:'));
    const v = await verifyAudit(db, org);
    assert.equal(v.ok, true, JSON.stringify(v));
  });

  it('enters sends recorded at once as one entry of the org naming each message, found in each customer\'s trail and by search', async () => {
    // both record paths: the transaction (the org's encryption not known yet), then the one statement
    const [a, b, c, d, e, f] = await sending(31, 6);
    const known = new Map<string, EncryptionState>();
    assert.deepEqual(await writeProgress(db, [{ sent: sent(a!, 31) }, { sent: sent(b!, 32) }, { sent: sent(c!, 33) }], NOW, known), [true, true, true]);
    const once = counting();
    assert.deepEqual(await writeProgress(once.db, [{ sent: sent(d!, 34) }, { sent: sent(e!, 35) }], NOW, known), [true, true]);
    assert.equal(once.transactions(), 0);
    const entries = await db.query<{ id: string; entity: string; entity_id: string; data: { customers: string[]; messages: Record<string, { customer: string; channel: string }> } }>(
      `SELECT id, entity, entity_id, data FROM audit_log WHERE org_id = $1 AND action = 'messages.sent' ORDER BY pos`, [org]);
    assert.deepEqual(entries.map((x) => [x.entity, x.entity_id]), [['org', org], ['org', org]]);
    assert.deepEqual(entries.map((x) => x.data.customers), [[a!, b!, c!].map((m) => m.customer_id), [d!, e!].map((m) => m.customer_id)]);
    assert.deepEqual(entries[1]!.data.messages[e!.id], { customer: e!.customer_id, channel: 'sms', template: e!.template, provider: 'twilio' });
    assert.equal(await db.query(`SELECT 1 FROM audit_log WHERE org_id = $1 AND action = 'message.sent' AND data->>'message' = ANY($2::text[])`,
      [org, [a!, b!, c!, d!, e!].map((m) => m.id)]).then((r) => r.length), 0, 'no entry of their own');
    // each customer's trail shows its batch's entry, not the other; a customer not in either sees neither
    for (const [m, k] of [[a!, 0], [c!, 0], [d!, 1], [e!, 1]] as const) {
      assert.deepEqual((await customerAudit(db, org, m.customer_id)).filter((r) => r.action === 'messages.sent').map((r) => r.id), [entries[k]!.id]);
    }
    assert.deepEqual((await customerAudit(db, org, f!.customer_id)).filter((r) => r.action === 'messages.sent'), []);
    // an auditor finds it by the message's id
    assert.deepEqual((await searchAudit(db, org, { text: d!.id })).data.map((r) => r.id), [entries[1]!.id]);
    const v = await verifyAudit(db, org);
    assert.equal(v.ok, true, JSON.stringify(v));
  });
});
