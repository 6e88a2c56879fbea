// Stated contact times through the store: a newer reply replaces the older times it contradicts, the gate then keeps only
// the newer, and the replaced ones stay in the profile for audit (PGlite, and PostgreSQL with DATABASE_URL).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../../test/support/factories.ts';
import type { Db } from '../../db/index.ts';
import { applyReplyText, checkContact, getContactProfile, setContactProfile } from './index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

const PHONE = '+13125550142';
// Tuesday 10 March 2026 in Chicago (UTC-5)
const tuesdayAt = (hour: number) => new Date(Date.UTC(2026, 2, 10, hour + 5));
const wednesdayAt = (hour: number) => new Date(Date.UTC(2026, 2, 11, hour + 5));

async function debtor() {
  const c = await aCustomer(db, org, { country: 'US', region: 'IL', timezone: 'America/Chicago', phone: PHONE, email: 'lee@example.com' });
  await anInvoice(db, org, { customer_id: c.id, amount: 40_000 });
  return c;
}
const say = (customerId: string, text: string, at: Date) => applyReplyText(db, org, 'test', customerId, text, { channel: 'sms', address: PHONE }, at);

async function callAt(customerId: string, at: Date): Promise<string> {
  const r = await checkContact(db, org, { customerId, channel: 'voice', purpose: { kind: 'collection', tags: [] } }, at);
  assert.ok(r.ok);
  return r.value.kind === 'defer' ? `defer until ${r.value.until.toISOString()}` : r.value.kind;
}

async function profileOf(customerId: string) {
  const p = await getContactProfile(db, org, customerId);
  assert.ok(p.ok);
  return p.value;
}

describe('a newer stated time in place of the older one', () => {
  it('"call me after 6pm" then "mornings only please": a call at 10:00 goes, one at 19:00 waits for the morning', async () => {
    const c = await debtor();
    await say(c.id, 'call me after 6pm', tuesdayAt(9));
    assert.equal(await callAt(c.id, tuesdayAt(10)), 'defer until 2026-03-10T23:00:00.000Z');
    const r = await say(c.id, 'mornings only please', tuesdayAt(11));
    assert.deepEqual(r.timesReplaced, [{ from: '00:00', to: '18:00', channels: ['voice'] }]);
    assert.equal(await callAt(c.id, tuesdayAt(10)), 'allow');
    assert.equal(await callAt(c.id, tuesdayAt(19)), 'defer until 2026-03-11T13:00:00.000Z');
    const p = await profileOf(c.id);
    assert.deepEqual(p.inconvenient_times, [{ from: '12:00', to: '00:00' }]);
    assert.deepEqual(p.replaced_times, [{ from: '00:00', to: '18:00', channels: ['voice'], replaced_at: tuesdayAt(11).toISOString(),
      replaced_by: 'said "mornings only"' }]);
  });

  it('"no calls on weekdays" then "you can call Tuesdays": a Tuesday call goes, a Wednesday one waits for Tuesday', async () => {
    const c = await debtor();
    await say(c.id, 'no calls on weekdays', tuesdayAt(9));
    assert.equal(await callAt(c.id, tuesdayAt(10)), 'defer until 2026-03-14T13:00:00.000Z');
    await say(c.id, 'you can call Tuesdays', tuesdayAt(11));
    assert.equal(await callAt(c.id, tuesdayAt(12)), 'allow');
    assert.equal(await callAt(c.id, wednesdayAt(10)), 'defer until 2026-03-17T13:00:00.000Z');
    assert.equal((await profileOf(c.id)).replaced_times.length, 1);
  });

  it('"llámame a las 5" keeps calls to 16:00-18:00 in the debtor\'s zone', async () => {
    const c = await debtor();
    await say(c.id, 'llámame a las 5', tuesdayAt(9));
    assert.equal(await callAt(c.id, tuesdayAt(10)), 'defer until 2026-03-10T21:00:00.000Z');
    assert.equal(await callAt(c.id, tuesdayAt(17)), 'allow');
  });

  it('keeps the times a person takes out of the profile as replaced by them', async () => {
    const c = await debtor();
    await say(c.id, 'call me after 6pm', tuesdayAt(9));
    await setContactProfile(db, org, 'usr_ana', c.id, { inconvenient_times: [{ from: '00:00', to: '09:00' }] }, tuesdayAt(12));
    const p = await profileOf(c.id);
    assert.deepEqual(p.replaced_times.map((t) => [t.from, t.to, t.replaced_by]), [['00:00', '18:00', 'set by usr_ana']]);
    assert.equal(await callAt(c.id, tuesdayAt(10)), 'allow');
  });
});
