import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../../test/support/db.ts';
import { aCustomer, anInvoice, aPayment } from '../../../test/support/factories.ts';
import type { Db } from '../../db/index.ts';
import type { Purpose } from '../types.ts';
import { applyReplyText, checkContact, listDecisions, recordConsent, recordContact, setContactProfile } from './index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

const reminder: Purpose = { kind: 'collection', tags: [] };
// Tuesday 10 March 2026, 15:00 UTC: 10:00 in Chicago and Bogotá
const tuesdayMorning = new Date('2026-03-10T15:00:00Z');

async function debtor(over: Parameters<typeof aCustomer>[2] = {}) {
  const c = await aCustomer(db, org, { country: 'US', region: 'IL', timezone: 'America/Chicago', phone: '+13125550101',
    email: 'ana@example.com', ...over });
  await anInvoice(db, org, { customer_id: c.id, amount: 50_000 });
  return c;
}

async function decide(customerId: string, channel: 'sms' | 'email' | 'whatsapp' | 'voice', now = tuesdayMorning) {
  const r = await checkContact(db, org, { customerId, channel, purpose: reminder }, now);
  assert.ok(r.ok);
  return r.value;
}

describe('the gate at run time', () => {
  it('allows a reminder inside the hours and records the decision', async () => {
    const c = await debtor();
    assert.equal((await decide(c.id, 'email')).kind, 'allow');
    const [d] = await listDecisions(db, org, c.id);
    assert.deepEqual([d?.decision, d?.channel, d?.address], ['allow', 'email', 'ana@example.com']);
  });

  it('fails closed on a customer with no time zone', async () => {
    const c = await debtor({ timezone: null });
    const d = await decide(c.id, 'email');
    assert.equal(d.kind, 'block');
    assert.equal(d.kind === 'block' && d.reason.code, 'TIME_ZONE_UNKNOWN');
  });

  it('defers a message at 22:00 local to the next morning in the debtor\'s zone', async () => {
    const c = await debtor();
    const d = await decide(c.id, 'sms', new Date('2026-03-11T03:00:00Z')); // 22:00 in Chicago
    assert.equal(d.kind, 'defer');
    assert.equal(d.kind === 'defer' && d.until.toISOString(), '2026-03-11T13:00:00.000Z');
  });

  it('stops SMS at once after STOP, keeps email open, and lifts on START', async () => {
    const c = await debtor();
    const stop = await applyReplyText(db, org, 'test', c.id, 'STOP', { channel: 'sms', address: '+13125550101' }, tuesdayMorning);
    assert.equal(stop.suppressed.length, 1);
    const blocked = await decide(c.id, 'sms');
    assert.equal(blocked.kind === 'block' && blocked.reason.code, 'OPTED_OUT');
    assert.equal((await decide(c.id, 'email')).kind, 'allow');
    const start = await applyReplyText(db, org, 'test', c.id, 'START', { channel: 'sms', address: '+13125550101' }, tuesdayMorning);
    assert.equal(start.lifted.length, 1);
    assert.equal((await decide(c.id, 'sms', new Date('2026-03-10T16:00:00Z'))).kind, 'allow');
  });

  it('reads a Spanish free-text opt-out as stopping that channel', async () => {
    const c = await debtor({ country: 'MX', region: null, timezone: 'America/Mexico_City', whatsapp: '+525512345678' });
    const r = await applyReplyText(db, org, 'test', c.id, 'ya no me escriban por favor, no más', { channel: 'whatsapp' }, tuesdayMorning);
    assert.equal(r.detection.kind, 'opt_out');
    const d = await decide(c.id, 'whatsapp');
    assert.equal(d.kind === 'block' && d.reason.code, 'OPTED_OUT');
  });

  it('blocks a customer who owes nothing', async () => {
    const c = await debtor();
    await aPayment(db, org, { customer_id: c.id, amount: 50_000 });
    const d = await decide(c.id, 'email');
    assert.equal(d.kind === 'block' && d.reason.code, 'DEBT_SETTLED');
  });

  it('counts recorded contacts against the daily cap', async () => {
    const c = await debtor();
    await recordContact(db, org, { customerId: c.id, at: new Date('2026-03-10T14:00:00Z'), channel: 'sms', direction: 'outbound', outcome: 'delivered' });
    const d = await decide(c.id, 'sms');
    assert.equal(d.kind, 'defer');
  });

  it('honours a cease request on the contact profile', async () => {
    const c = await debtor();
    const r = await setContactProfile(db, org, 'test', c.id, { cease_requested_at: '2026-03-01T00:00:00Z' }, tuesdayMorning);
    assert.ok(r.ok);
    const d = await decide(c.id, 'email');
    assert.equal(d.kind === 'block' && d.reason.code, 'CEASE_REQUESTED');
  });

  it('lets Colombia contact only on channels the debtor authorised', async () => {
    const c = await debtor({ country: 'CO', region: null, timezone: 'America/Bogota', email: 'luz@example.co' });
    const before = await decide(c.id, 'email');
    assert.equal(before.kind === 'block' && before.reason.code, 'CONSENT_MISSING');
    await recordConsent(db, org, 'test', c.id, { kind: 'channel', channel: 'email', source: 'signed contract' }, tuesdayMorning);
    assert.equal((await decide(c.id, 'email')).kind, 'allow');
  });
});
