// A STOP from one of a person's numbers stops that channel on all of them and withdraws its consents; START gives them back.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../../test/support/factories.ts';
import type { Db } from '../../db/index.ts';
import type { Purpose } from '../types.ts';
import { applyReplyText, checkContact, listConsents, recordConsent } from './index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

const template: Purpose = { kind: 'collection', tags: [], whatsappFormat: 'template' };
const tuesday = new Date('2026-03-10T15:00:00Z'); // 10:00 in Chicago and Mexico City is 09:00
const MOBILE = '+13125550101';
const SECOND = '+13125550199';

async function decide(customerId: string, channel: 'sms' | 'whatsapp' | 'voice', address: string, at = tuesday) {
  const r = await checkContact(db, org, { customerId, channel, purpose: template, address }, at);
  assert.ok(r.ok);
  return r.value;
}

describe('revocation across a person\'s numbers', () => {
  it('a STOP texted from one number blocks SMS to the other and withdraws SMS consents on both; calls are another channel', async () => {
    const c = await aCustomer(db, org, { country: 'US', region: 'IL', timezone: 'America/Chicago', phone: MOBILE });
    await anInvoice(db, org, { customer_id: c.id, amount: 50_000 });
    for (const address of [MOBILE, SECOND]) {
      await recordConsent(db, org, 'test', c.id, { kind: 'channel', channel: 'sms', address, source: 'signed form' }, tuesday);
      await recordConsent(db, org, 'test', c.id, { kind: 'automated_calls', channel: 'voice', address, source: 'signed form' }, tuesday);
    }
    assert.equal((await decide(c.id, 'sms', SECOND)).kind, 'allow');
    const effect = await applyReplyText(db, org, 'test', c.id, 'STOP', { channel: 'sms', address: MOBILE }, tuesday);
    assert.equal(effect.suppressed[0]?.scope, 'channel');
    assert.equal(effect.revoked.length, 2);
    const other = await decide(c.id, 'sms', SECOND, new Date('2026-03-10T16:00:00Z'));
    assert.equal(other.kind === 'block' && other.reason.code, 'OPTED_OUT');
    const live = (await listConsents(db, org, c.id)).filter((x) => x.revoked_at === null);
    assert.deepEqual(live.map((x) => [x.kind, x.address]).sort(), [['automated_calls', MOBILE], ['automated_calls', SECOND]]);
  });

  it('a STOP on WhatsApp withdraws the opt-in of every WhatsApp number, and START from one gives them back', async () => {
    const c = await aCustomer(db, org, { country: 'MX', region: null, timezone: 'America/Mexico_City', phone: '+525512345678', whatsapp: '+525512345678' });
    await anInvoice(db, org, { customer_id: c.id, amount: 50_000 });
    for (const address of ['+525512345678', '+525587654321']) {
      await recordConsent(db, org, 'test', c.id, { kind: 'whatsapp_opt_in', channel: 'whatsapp', address, source: 'opt-in form' }, tuesday);
    }
    // Mexico contacts only the number the debtor gave (the customer's own): the STOP comes from the other one
    const own = '+525512345678';
    assert.equal((await decide(c.id, 'whatsapp', own)).kind, 'allow');
    await applyReplyText(db, org, 'test', c.id, 'stop', { channel: 'whatsapp', address: '+525587654321' }, tuesday);
    const blocked = await decide(c.id, 'whatsapp', own, new Date('2026-03-10T16:00:00Z'));
    assert.equal(blocked.kind, 'block');
    const start = await applyReplyText(db, org, 'test', c.id, 'START', { channel: 'whatsapp', address: '+525587654321' }, new Date('2026-03-10T17:00:00Z'));
    assert.equal(start.lifted.length, 1);
    assert.equal((await decide(c.id, 'whatsapp', own, new Date('2026-03-10T18:00:00Z'))).kind, 'allow');
  });
});
