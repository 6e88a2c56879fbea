// The audit search's free text (migration 094's trigram index): words and pieces of words in any of an entry's actor,
// action, object id and data, either case, taken literally, newest first by pages, one org's only. Each search runs as
// the tables' owner and, inside withOrg, as the org (on PostgreSQL with row-level security that is cobro_tenant, whose
// matches come from audit_text_places batch by batch); both must give the same pages. PG-only checks (the plans, the
// function held to its org) are in test/pg-audit-search.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { withOrg, type Db } from '../db/index.ts';
import { recordAudit, recordAuditBatch, searchAudit, type AuditSearch } from './index.ts';

let db: Db;
let org: string;
let other: string;
before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Searcher');
  other = await testOrg(db, 'Neighbour');
  const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, s));
  await recordAudit(db, { orgId: org, actor: 'user:alice', action: 'note.added', entity: 'customer', entityId: 'cus_ABC123',
    data: { note: 'Customer disputes the Invoice INV-2041 amount', percent: '50%_off' } }, at(1));
  await recordAudit(db, { orgId: org, actor: 'user:bob', action: 'promise.cancelled', entity: 'promise', entityId: 'prm_9', data: { reason: 'paid elsewhere' } }, at(2));
  // an object id holding 0x1f, the character the index joins the four with
  await recordAudit(db, { orgId: org, actor: 'system', action: 'import.row', entity: 'row', entityId: 'odd\x1fid', data: {} }, at(0));
  await recordAudit(db, { orgId: other, actor: 'user:mallory', action: 'note.added', entity: 'customer', entityId: 'cus_XYZ',
    data: { note: 'Customer disputes everything' } }, at(3));
});
after(async () => { await db.close(); });

/** The ids a search finds, as the owner and as the org: asserted equal, so each case holds both ways. */
async function ids(orgId: string, s: AuditSearch): Promise<string[]> {
  const owner = await searchAudit(db, orgId, s);
  const scoped = await withOrg(orgId, () => searchAudit(db, orgId, s));
  assert.deepEqual(scoped, owner, `the org's search and the owner's differ for ${JSON.stringify(s)}`);
  return owner.data.map((r) => r.entity_id);
}

describe('the audit search by free text', () => {
  it('finds a word inside an entry\'s details, and a piece of a word or of an id', async () => {
    assert.deepEqual(await ids(org, { text: 'disputes' }), ['cus_ABC123']);
    assert.deepEqual(await ids(org, { text: 'INV-2041' }), ['cus_ABC123']);
    assert.deepEqual(await ids(org, { text: 'sput' }), ['cus_ABC123']);
    assert.deepEqual(await ids(org, { text: 'elsewh' }), ['prm_9']);
    assert.deepEqual(await ids(org, { text: 'C12' }), ['cus_ABC123']);
    assert.deepEqual(await ids(org, { text: 'cancelled' }), ['prm_9']);
    assert.deepEqual(await ids(org, { text: 'user:' }), ['prm_9', 'cus_ABC123']);
    // a key of the data counts as well as a value (the data's text form)
    assert.deepEqual(await ids(org, { text: '"reason"' }), ['prm_9']);
    assert.deepEqual(await ids(org, { text: 'nowhere' }), []);
  });

  it('ignores case both ways', async () => {
    assert.deepEqual(await ids(org, { text: 'DISPUTES THE invoice' }), ['cus_ABC123']);
    assert.deepEqual(await ids(org, { text: 'cus_abc' }), ['cus_ABC123']);
    assert.deepEqual(await ids(org, { text: 'USER:BOB' }), ['prm_9']);
  });

  it('takes % and _ as themselves, and does not match across two fields', async () => {
    assert.deepEqual(await ids(org, { text: '50%_off' }), ['cus_ABC123']);
    assert.deepEqual(await ids(org, { text: '%' }), ['cus_ABC123']);
    assert.deepEqual(await ids(org, { text: 'user_bob' }), []);
    // words across two of the four: not found, as before (the index joins them with 0x1f, the words hold a space)
    assert.deepEqual(await ids(org, { text: 'user:alice note.added' }), []);
    assert.deepEqual(await ids(org, { text: 'note.added cus_ABC123' }), []);
    // words holding 0x1f are looked for field by field: across two, nothing; inside one, found
    assert.deepEqual(await ids(org, { text: 'user:alice\x1fnote.added' }), []);
    assert.deepEqual(await ids(org, { text: 'alice\x1f' }), []);
    assert.deepEqual(await ids(org, { text: 'd\x1fi' }), ['odd\x1fid']);
    assert.deepEqual(await ids(org, { text: 'ODD' }), ['odd\x1fid']);
  });

  it('finds only the org\'s own entries', async () => {
    assert.deepEqual(await ids(other, { text: 'disputes' }), ['cus_XYZ']);
    assert.deepEqual(await ids(other, { text: 'INV-2041' }), []);
    assert.deepEqual(await ids(org, { text: 'mallory' }), []);
  });

  it('pages newest first with the other filters, across more matches than one batch of places', { timeout: 120_000 }, async () => {
    const big = await testOrg(db, 'Pages');
    const day = Date.UTC(2026, 10, 1);
    // 30 of alice's, older, then 2,500 matches of a bot's: under row-level security alice's come after several batches
    for (let i = 0; i < 30; i++) {
      await recordAudit(db, { orgId: big, actor: 'user:alice', action: 'note.added', entity: 'customer', entityId: `cus_${String(i).padStart(2, '0')}`,
        data: { note: `Complaint logged, ref ${i}` } }, new Date(day + i * 1000));
    }
    for (let b = 0; b < 5; b++) {
      await recordAuditBatch(db, big, Array.from({ length: 500 }, (_, i) => ({ actor: 'bot', action: 'message.sent', entity: 'message', entityId: `msg_${b}_${i}`,
        data: { text: 'Reminder: your complaint is in hand' } })), new Date(day + 3_600_000 + b * 1000));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const s: AuditSearch = { text: 'COMPLAINT', actor: 'user:alice', limit: 12, ...(cursor ? { cursor } : {}) };
      const owner = await searchAudit(db, big, s);
      assert.deepEqual(await withOrg(big, () => searchAudit(db, big, s)), owner);
      seen.push(...owner.data.map((r) => r.entity_id));
      assert.equal(owner.has_more, seen.length < 30);
      if (!owner.next_cursor) break;
      cursor = owner.next_cursor;
    }
    assert.deepEqual(seen, Array.from({ length: 30 }, (_, i) => `cus_${String(29 - i).padStart(2, '0')}`));
    // every match, newest first: the bot's 2,500 then alice's 30, by pages of 500
    const all: string[] = [];
    cursor = undefined;
    for (;;) {
      const r = await withOrg(big, () => searchAudit(db, big, { text: 'complaint', limit: 500, ...(cursor ? { cursor } : {}) }));
      all.push(...r.data.map((e) => e.entity_id));
      if (!r.next_cursor) break;
      cursor = r.next_cursor;
    }
    assert.equal(all.length, 2530);
    assert.equal(new Set(all).size, 2530);
    assert.deepEqual(all.slice(0, 2).concat(all.slice(2499, 2501)), ['msg_4_499', 'msg_4_498', 'msg_0_0', 'cus_29']);
    // a day's range and a family of actions narrow the words as before
    const fromTo = { from: new Date(day), to: new Date(day + 60_000) };
    assert.equal((await ids(big, { text: 'complaint', ...fromTo, limit: 500 })).length, 30);
    assert.deepEqual(await ids(big, { text: 'complaint', action: 'message.', limit: 2 }), ['msg_4_499', 'msg_4_498']);
  });
});
