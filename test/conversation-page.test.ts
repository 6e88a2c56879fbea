// conversationPage (what `cobro conversation` reads) on PGlite and PostgreSQL: the whole conversation in time order with
// cobro's own messages when asked, only the answers for the handover screen (conversationOf), pages that join up without
// a line lost or repeated, and a `before` that is not one of the customer's lines refused naming it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { conversationOf, conversationPage, listHandovers, type ConversationEntry } from '../src/agent/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aConversation, type SeededConversation } from './support/conversation-seed.ts';

let db: Db;
let org = '';
let other = '';
let seeded: SeededConversation;
let theirs: SeededConversation;

before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Luna');
  other = await testOrg(db, 'Sol');
  seeded = await aConversation(db, org, 'CONV-1');
  theirs = await aConversation(db, other, 'CONV-1');
});
after(async () => { await db.close(); });

const page = async (limit: number, before?: string) => {
  const r = await conversationPage(db, org, seeded.customerId, { limit, before, everyMessage: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};

describe('a customer\'s conversation', () => {
  it('lists what was sent, the replies with what the agent read and the handover, and the answers, oldest first', async () => {
    const { lines, has_more, next_before } = await page(50);
    assert.deepEqual([has_more, next_before], [false, null]);
    const ids = lines.map((l) => l.id);
    assert.equal(ids[0], seeded.reminderId, 'the reminder sent comes first; the one still queued is not shown');
    assert.deepEqual(lines.map((l) => l.at), [...lines.map((l) => l.at)].sort());
    const reminder = lines[0]!;
    assert.deepEqual([reminder.direction, reminder.channel, reminder.by, reminder.status, reminder.template, reminder.text],
      ['out', 'email', 'cobro', 'delivered', 'due-today', 'Hola Ana, su factura vence hoy.']);
    const ask = lines.find((l) => l.id === seeded.askId)!;
    const [handover] = await listHandovers(db, org, { customerId: seeded.customerId });
    assert.deepEqual([ask.direction, ask.by, ask.intent, ask.action, ask.handover_id], ['in', 'debtor', 'talk_to_human', 'handed_over', handover!.id]);
    const answer = lines.find((l) => l.id === seeded.answerId)!;
    assert.deepEqual([answer.channel, answer.by, answer.text], ['portal', 'person', 'Hola Ana, soy Marta: mándenos el comprobante por favor.']);
    assert.equal(ids.at(-1), seeded.fileReplyId);
    assert.ok(!ids.includes(theirs.askId), 'another org\'s customer\'s lines are not here');
  });

  it('keeps the handover screen\'s conversation to the replies and answers', async () => {
    const lines = await conversationOf(db, org, seeded.customerId);
    assert.ok(!lines.some((l) => l.id === seeded.reminderId));
    assert.deepEqual(lines.map((l) => l.id).filter((id) => [seeded.askId, seeded.answerId, seeded.fileReplyId].includes(id)),
      [seeded.askId, seeded.answerId, seeded.fileReplyId]);
    assert.ok(lines.every((l) => !('template' in l) && !('handover_id' in l)), 'the API\'s line has its own fields only');
  });

  it('pages back from the newest without losing or repeating a line', async () => {
    const all = (await page(50)).lines.map((l) => l.id);
    const seen: ConversationEntry[][] = [];
    let before: string | undefined;
    for (;;) {
      const p = await page(2, before);
      seen.unshift(p.lines);
      assert.ok(p.lines.length <= 2);
      if (!p.has_more) break;
      assert.equal(p.next_before, p.lines[0]!.id);
      before = p.next_before!;
    }
    assert.ok(seen.length >= 2);
    assert.deepEqual(seen.flat().map((l) => l.id), all);
  });

  it('refuses a `before` that is not one of the customer\'s lines, naming it', async () => {
    for (const id of ['inm_nope', theirs.askId]) {
      const r = await conversationPage(db, org, seeded.customerId, { limit: 5, before: id, everyMessage: true });
      assert.ok(!r.ok);
      assert.equal(r.error.field, 'before');
      assert.match(r.error.message, new RegExp(`no line ${id}`));
    }
  });
});
