// WH-2 Meta / WhatsApp signatures and the subscription handshake (row 32 of §8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answerMetaHandshake, metaSignature, verifyMeta } from './meta.ts';

describe('WH-2 Meta', () => {
  it('WH-2 computes the document vector', () => {
    assert.equal(metaSignature('secret', 'test'), 'sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914');
  });
  it('WH-2 accepts the document vector', () => {
    const signature = 'sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914';
    assert.deepEqual(verifyMeta({ rawBody: Buffer.from('test'), signature, appSecrets: ['secret'] }), { ok: true });
  });
  it('WH-2 rejects a body re-serialised with non-ASCII characters', () => {
    const raw = '{"name":"\\u00e4\\u00f6\\u00e5"}';
    const signature = metaSignature('secret', raw);
    assert.equal(verifyMeta({ rawBody: raw, signature, appSecrets: ['secret'] }).ok, true);
    const reserialised = JSON.stringify(JSON.parse(raw));
    assert.deepEqual(verifyMeta({ rawBody: reserialised, signature, appSecrets: ['secret'] }), { ok: false, code: 'SIGNATURE_MISMATCH' });
  });
  it('WH-5 rejects a missing or malformed header', () => {
    assert.deepEqual(verifyMeta({ rawBody: 'test', signature: undefined, appSecrets: ['secret'] }), { ok: false, code: 'SIGNATURE_MISSING' });
    assert.deepEqual(verifyMeta({ rawBody: 'test', signature: 'sha1=abc', appSecrets: ['secret'] }), { ok: false, code: 'MALFORMED_HEADER' });
  });
  it('WH-2 echoes the challenge for the right verify token', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'tok', 'hub.challenge': '1158201444' };
    assert.deepEqual(answerMetaHandshake(query, 'tok'), { status: 200, body: '1158201444' });
  });
  it('WH-2 answers 403 to a bad verify token or another mode', () => {
    assert.deepEqual(answerMetaHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1' }, 'tok'), { status: 403 });
    assert.deepEqual(answerMetaHandshake({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'tok', 'hub.challenge': '1' }, 'tok'), { status: 403 });
  });
});
