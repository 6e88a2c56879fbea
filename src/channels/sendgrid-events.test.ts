// SendGrid's signed event webhook: the ECDSA P-256 signature over timestamp + raw body checked with a key pair made here,
// then the events mapped (delivered, open, hard bounce, dropped, deferred, spam report, unsubscribe).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { parseSendGridEvents, SENDGRID_SIGNATURE, SENDGRID_TIMESTAMP, verifySendGridEvents } from './sendgrid-events.ts';
import type { RawRequest } from './types.ts';

const now = new Date('2026-03-10T15:00:00Z');
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PUBLIC = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const ts = String(now.getTime() / 1000);

function delivery(events: unknown[], o: { ts?: string; body?: Buffer } = {}): RawRequest {
  const body = Buffer.from(JSON.stringify(events));
  const t = o.ts ?? ts;
  const signature = sign('sha256', Buffer.concat([Buffer.from(t), body]), privateKey).toString('base64');
  return { method: 'POST', url: 'https://cobro.example/webhooks/sendgrid/org_1/events', headers: { 'content-type': 'application/json', [SENDGRID_SIGNATURE]: signature,
    [SENDGRID_TIMESTAMP]: t }, body: o.body ?? body };
}

const ev = (event: string, extra: Record<string, unknown> = {}) => ({ email: 'Ana@Debtor.example', timestamp: 1773154800, event, sg_event_id: `ev-${event}-${String(extra['type'] ?? '')}`,
  sg_message_id: '0001Z2XL9bDjQ2WvTMFl3G_s.filterdrecv-5645d9c87f-78xgx-1-64B12345-1.0', cobro_action_id: 'act_1', ...extra });

describe('SendGrid\'s event webhook', () => {
  it('verifies the signature over timestamp + raw body, and refuses a changed byte, another key, a stale timestamp', () => {
    const r = delivery([ev('delivered')]);
    assert.deepEqual(verifySendGridEvents(r, PUBLIC, now), { ok: true });
    assert.equal(verifySendGridEvents({ ...r, body: Buffer.from(r.body.toString().replace('delivered', 'delivereD')) }, PUBLIC, now).ok, false);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    assert.deepEqual(verifySendGridEvents(r, other, now), { ok: false, code: 'SIGNATURE_MISMATCH' });
    const old = delivery([ev('delivered')], { ts: String(now.getTime() / 1000 - 2 * 86_400) });
    assert.deepEqual(verifySendGridEvents(old, PUBLIC, now), { ok: false, code: 'TIMESTAMP_OUT_OF_TOLERANCE' });
    assert.deepEqual(verifySendGridEvents({ ...r, headers: { 'content-type': 'application/json' } }, PUBLIC, now), { ok: false, code: 'SIGNATURE_MISSING' });
  });

  it('maps delivered, open, a hard bounce, dropped, spam reports and unsubscribes; deferred and blocked change nothing', () => {
    const events = parseSendGridEvents(delivery([ev('delivered'), ev('open'), ev('bounce', { type: 'bounce', reason: '550 5.1.1 no such user', status: '5.1.1' }),
      ev('bounce', { type: 'blocked', reason: 'IP blocked' }), ev('deferred'), ev('dropped', { reason: 'Bounced Address' }), ev('spamreport'), ev('unsubscribe')]));
    const id = '0001Z2XL9bDjQ2WvTMFl3G_s';
    assert.deepEqual(events.map((e) => e.type === 'delivery' ? [e.state, e.providerMessageId, e.error?.kind ?? null, e.error?.contact ?? null]
      : e.type === 'opt_out' ? ['opt_out', e.from, e.keyword] : [e.type]), [
      ['delivered', id, null, null], ['read', id, null, null], ['bounced', id, 'permanent', 'bounced'], ['failed', id, 'permanent', 'bounced'],
      ['opt_out', 'ana@debtor.example', 'spamreport'], ['opt_out', 'ana@debtor.example', 'unsubscribe']]);
    assert.deepEqual(parseSendGridEvents({ ...delivery([]), body: Buffer.from('not json') }), []);
  });
});
