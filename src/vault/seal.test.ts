import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyFromSecret, open, seal } from './seal.ts';

const key = keyFromSecret('a'.repeat(64));

test('a sealed value opens with the same key and owner, and with nothing else', () => {
  const sealed = seal(key, '{"secret_key":"sk_test_1"}', 'org_1/stripe');
  assert.equal(open(key, sealed, 'org_1/stripe'), '{"secret_key":"sk_test_1"}');
  assert.equal(open(key, sealed, 'org_2/stripe'), null, 'another org');
  assert.equal(open(key, sealed, 'org_1/mercadopago'), null, 'another provider');
  assert.equal(open(keyFromSecret('b'.repeat(64)), sealed, 'org_1/stripe'), null, 'another key');
  const raw = Buffer.from(sealed, 'base64url');
  raw[raw.length - 1]! ^= 1;
  assert.equal(open(key, raw.toString('base64url'), 'org_1/stripe'), null, 'a changed byte');
  assert.equal(open(key, 'short', 'org_1/stripe'), null);
});

test('the same value sealed twice differs (a fresh nonce each time) and holds no plain text', () => {
  const a = seal(key, 'sk_live_secret', 'o/p');
  const b = seal(key, 'sk_live_secret', 'o/p');
  assert.notEqual(a, b);
  assert.ok(!Buffer.from(a, 'base64url').toString('latin1').includes('sk_live'));
});

test('keys come from hex, base64 or a passphrase; short passphrases are refused', () => {
  const hex = keyFromSecret('0f'.repeat(32));
  assert.equal(hex.key.length, 32);
  assert.equal(hex.key[0], 0x0f);
  const b64 = keyFromSecret(Buffer.alloc(32, 7).toString('base64'));
  assert.deepEqual(b64.key, Buffer.alloc(32, 7));
  const pass = keyFromSecret('correct horse battery staple');
  assert.equal(pass.key.length, 32);
  assert.notEqual(pass.id, hex.id);
  assert.throws(() => keyFromSecret('too short'), /COBRO_SECRET_KEY/);
});
