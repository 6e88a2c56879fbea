import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mailgunSignature, verifyMailgun } from './mailgun.ts';

// computed independently: printf '%s' "$timestamp$token" | openssl dgst -sha256 -hmac "$key"
const vector = {
  key: 'key-mailgun-test-signing', timestamp: '1700000000', token: 'e0b5477167110d68991efc6b9f89f0a11066af27834600e123',
  signature: 'a29330ef2c1428f2797386c2d0ac7689870ae624bf5917991787dcb1dff288af',
};
const at = (s: number) => new Date(s * 1000);

describe('Mailgun webhook signatures', () => {
  it('signs timestamp + token as the openssl vector says', () => {
    assert.equal(mailgunSignature(vector.key, vector.timestamp, vector.token), vector.signature);
  });
  it('verifies the vector, with either of two keys in rotation, and in upper case', () => {
    const base = { timestamp: vector.timestamp, token: vector.token, now: at(1_700_000_060) };
    assert.deepEqual(verifyMailgun({ ...base, signature: vector.signature, signingKeys: [vector.key] }), { ok: true });
    assert.deepEqual(verifyMailgun({ ...base, signature: vector.signature.toUpperCase(), signingKeys: ['key-new-one-000000', vector.key] }), { ok: true });
  });
  it('fails on a changed byte of token, timestamp or signature, a wrong key, a missing field or a stale timestamp', () => {
    const ok = { timestamp: vector.timestamp, token: vector.token, signature: vector.signature, signingKeys: [vector.key], now: at(1_700_000_000) };
    assert.deepEqual(verifyMailgun({ ...ok, token: `${vector.token.slice(0, -1)}4` }), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(verifyMailgun({ ...ok, timestamp: '1700000001' }), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(verifyMailgun({ ...ok, signature: `b${vector.signature.slice(1)}` }), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(verifyMailgun({ ...ok, signingKeys: ['key-someone-else'] }), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(verifyMailgun({ ...ok, token: undefined }), { ok: false, code: 'SIGNATURE_MISSING' });
    assert.deepEqual(verifyMailgun({ ...ok, now: at(1_700_000_000 + 24 * 3600 + 1) }), { ok: false, code: 'TIMESTAMP_OUT_OF_TOLERANCE' });
  });
});
