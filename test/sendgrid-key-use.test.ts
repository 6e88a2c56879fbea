// Which SendGrid verification key verified each delivery of its signed event webhook (WH-5): the key in force and the
// one it replaces while both are set are counted on a row per key, so the count follows a key from webhook_public_key to
// previous_webhook_public_key as it is rotated, and the admin's list of webhook secrets shows each with its deliveries
// and last use, so the previous key can be dropped once it falls silent. A refused delivery counts nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { SENDGRID_SIGNATURE, SENDGRID_TIMESTAMP } from '../src/channels/index.ts';
import { receiveMessagingWebhook } from '../src/worker/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { connect } from './support/messaging.ts';

const now = new Date('2026-03-15T12:00:00Z');
const unix = String(Math.floor(now.getTime() / 1000));
const SG_KEY = 'SG.test-key-0001.abcdefghijklmnop';
let t: TestApi;

const aKey = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const der = (k: KeyObject) => k.export({ format: 'der', type: 'spki' }).toString('base64');
const hint = (k: KeyObject) => `…${der(k).replace(/=+$/, '').slice(-4)}`;
let n = 0;
/** A delivery of one `delivered` event signed with `key` (each its own event id). */
const deliver = (key: KeyObject, at = now) => {
  const body = JSON.stringify([{ email: 'deudor@cliente.example', timestamp: Number(unix), event: 'delivered', sg_event_id: `sg-use-${++n}`, sg_message_id: `m${n}.filter` }]);
  return receiveMessagingWebhook({ db: t.db, now: () => at, publicUrl: 'https://cobro.example' }, 'sendgrid', 'events', t.org,
    { method: 'POST', path: `/webhooks/sendgrid/${t.org}/events`, body: Buffer.from(body),
      headers: { 'content-type': 'application/json', [SENDGRID_SIGNATURE]: sign('sha256', Buffer.concat([Buffer.from(unix), Buffer.from(body)]), key).toString('base64'),
        [SENDGRID_TIMESTAMP]: unix } });
};
const keysFor = (settings: Record<string, string>) => connect(t.db, t.org, 'sendgrid', { from: 'cobranza@luna.example', ...settings }, { api_key: SG_KEY });
interface Listed { provider: string; field: string; secrets: { role: string; field: string; hint: string; verified_count: number; last_verified_at: string | null }[] }
const listed = async () => {
  const r = await t.app.inject({ method: 'GET', url: '/v1/providers/sendgrid/webhook-secrets', headers: bearer(t.keys.admin) });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as Listed;
};
const counts = (l: Listed) => l.secrets.map((s) => [s.role, s.field, s.hint, s.verified_count]);

before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

describe('SendGrid verification keys counted (WH-5)', () => {
  const old = aKey();
  const fresh = aKey();
  const stranger = aKey();

  it('counts each delivery on the key in force, and shows it to admins', async () => {
    await keysFor({ webhook_public_key: der(old.publicKey) });
    for (let i = 0; i < 2; i++) assert.equal((await deliver(old.privateKey)).status, 200);
    const l = await listed();
    assert.deepEqual([l.provider, l.field], ['sendgrid', 'webhook_public_key']);
    assert.deepEqual(counts(l), [['current', 'webhook_public_key', hint(old.publicKey), 2]]);
    assert.equal(l.secrets[0]!.last_verified_at, now.toISOString());
    const viewer = await t.app.inject({ method: 'GET', url: '/v1/providers/sendgrid/webhook-secrets', headers: bearer(t.keys.viewer) });
    assert.equal(viewer.statusCode, 403);
  });

  it('while a new key replaces it, counts each delivery on the key that verified it; the old key keeps its count', async () => {
    await keysFor({ webhook_public_key: der(fresh.publicKey), previous_webhook_public_key: der(old.publicKey) });
    const later = new Date(now.getTime() + 3_600_000);
    assert.equal((await deliver(fresh.privateKey, later)).status, 200);
    assert.equal((await deliver(fresh.privateKey, later)).status, 200);
    assert.equal((await deliver(old.privateKey, later)).status, 200);
    assert.equal((await deliver(stranger.privateKey, later)).status, 403, 'a key that is neither');
    const l = await listed();
    assert.deepEqual(counts(l), [['current', 'webhook_public_key', hint(fresh.publicKey), 2], ['previous', 'previous_webhook_public_key', hint(old.publicKey), 3]]);
    assert.deepEqual(l.secrets.map((s) => s.last_verified_at), [later.toISOString(), later.toISOString()]);
  });

  it('lists only the key in force once the previous one is dropped from the settings; SendGrid keys are not rotated through this API', async () => {
    await keysFor({ webhook_public_key: der(fresh.publicKey) });
    assert.deepEqual(counts(await listed()), [['current', 'webhook_public_key', hint(fresh.publicKey), 2]]);
    const add = await t.app.inject({ method: 'POST', url: '/v1/providers/sendgrid/webhook-secrets', headers: bearer(t.keys.admin), payload: { secret: der(aKey().publicKey) } });
    assert.equal(add.statusCode, 400, add.body);
  });
});
