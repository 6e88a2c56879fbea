// The dispatcher's senders per channel: without a concurrency given, each channel's default (SEND_CONCURRENCY: more for
// the HTTP providers than for SMTP) is the most of its sends in flight at once, the bound on a crash's uncertain sends;
// with one given, it bounds every channel alike.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { seedDueMessages } from './support/due-messages.ts';
import type { Db } from '../src/db/index.ts';
import type { ChannelAdapter } from '../src/channels/index.ts';
import { dispatchOnce, sandboxAdapters, SEND_CONCURRENCY, type AdapterSet } from '../src/worker/index.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

/** Sandbox adapters whose sends take a while, counting the most in flight at once per channel. */
function slowAdapters(): { adapters: AdapterSet; most: Map<string, number>; sent: Map<string, number> } {
  const sandbox = sandboxAdapters();
  const most = new Map<string, number>();
  const sent = new Map<string, number>();
  const now = new Map<string, number>();
  const slow = (a: ChannelAdapter): ChannelAdapter => ({ ...a, send: async (m, o) => {
    const c = a.channel;
    now.set(c, (now.get(c) ?? 0) + 1);
    most.set(c, Math.max(most.get(c) ?? 0, now.get(c)!));
    await new Promise((r) => setTimeout(r, 30));
    now.set(c, now.get(c)! - 1);
    sent.set(c, (sent.get(c) ?? 0) + 1);
    return a.send(m, o);
  } });
  return { adapters: { ...sandbox, email: slow(sandbox.email), sms: slow(sandbox.sms) }, most, sent };
}

const morning = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City

it('sends each channel with its own default number of senders, more for SMS over HTTP than for email over SMTP', { timeout: 120_000 }, async () => {
  assert.ok(SEND_CONCURRENCY.sms > SEND_CONCURRENCY.email, 'the HTTP channels get more senders than SMTP');
  const org = await testOrg(db, 'Ferretería Luna');
  await seedDueMessages(db, org, { from: 1, count: 80, channel: 'email', day: '2026-03-10', at: morning });
  await seedDueMessages(db, org, { from: 81, count: SEND_CONCURRENCY.sms + 40, channel: 'sms', day: '2026-03-10', at: morning });
  const { adapters, most, sent } = slowAdapters();
  const r = await dispatchOnce({ db, adapters, now: () => morning, publicUrl: 'https://cobro.example', batchSize: 500 });
  assert.equal(r.sent, 80 + SEND_CONCURRENCY.sms + 40, JSON.stringify(r));
  assert.deepEqual(Object.fromEntries(sent), { email: 80, sms: SEND_CONCURRENCY.sms + 40 });
  assert.equal(most.get('email'), SEND_CONCURRENCY.email, 'email: its default of senders, all busy at once');
  assert.equal(most.get('sms'), SEND_CONCURRENCY.sms, 'SMS: its default of senders, all busy at once');
});

it('bounds every channel by the concurrency given', { timeout: 120_000 }, async () => {
  const org = await testOrg(db, 'Papelería Sol');
  await seedDueMessages(db, org, { from: 1001, count: 30, channel: 'email', day: '2026-03-10', at: morning });
  await seedDueMessages(db, org, { from: 1031, count: 30, channel: 'sms', day: '2026-03-10', at: morning });
  const { adapters, most } = slowAdapters();
  const r = await dispatchOnce({ db, adapters, now: () => morning, publicUrl: 'https://cobro.example', concurrency: 4 });
  assert.equal(r.sent, 60, JSON.stringify(r));
  assert.equal(most.get('email'), 4);
  assert.equal(most.get('sms'), 4);
});
