// WH-3 Stripe signatures against the COMPLIANCE.md §5 vector, with the clock passed in (row 33 of §8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripeSignature, verifyStripe } from './stripe.ts';
import { verifyEach } from './compare.ts';

const BODY = '{"id":"evt_test","object":"event"}';
const SECRET = 'whsec_test_secret';
const V1 = '8042376f6ca064adbe037642a718227dfd59047137eb49497a54c49eb0cfb724';
const T = 1700000000;
const at = (seconds: number) => new Date(seconds * 1000);

describe('WH-3 Stripe', () => {
  it('WH-3 computes the document vector', () => assert.equal(stripeSignature(SECRET, T, BODY), V1));
  it('WH-3 accepts the vector at now = t', () => {
    assert.deepEqual(verifyStripe({ rawBody: BODY, signature: `t=${T},v1=${V1}`, secrets: [SECRET], now: at(T) }), { ok: true });
  });
  it('WH-3 accepts at t + 300 s', () => {
    assert.equal(verifyStripe({ rawBody: BODY, signature: `t=${T},v1=${V1}`, secrets: [SECRET], now: at(T + 300) }).ok, true);
  });
  it('WH-3 rejects at t + 301 s', () => {
    assert.deepEqual(verifyStripe({ rawBody: BODY, signature: `t=${T},v1=${V1}`, secrets: [SECRET], now: at(T + 301) }),
      { ok: false, code: 'TIMESTAMP_OUT_OF_TOLERANCE' });
  });
  it('WH-3 accepts two v1 values when one is valid, and ignores v0', () => {
    const header = `t=${T},v1=${'0'.repeat(64)},v1=${V1},v0=deadbeef`;
    assert.equal(verifyStripe({ rawBody: BODY, signature: header, secrets: [SECRET], now: at(T) }).ok, true);
  });
  it('WH-3 rejects a body changed after signing', () => {
    assert.deepEqual(verifyStripe({ rawBody: BODY.replace('evt_test', 'evt_fake'), signature: `t=${T},v1=${V1}`, secrets: [SECRET], now: at(T) }),
      { ok: false, code: 'SIGNATURE_MISMATCH' });
  });
  it('WH-3 rejects a header with only v0', () => {
    assert.deepEqual(verifyStripe({ rawBody: BODY, signature: `t=${T},v0=${V1}`, secrets: [SECRET], now: at(T) }), { ok: false, code: 'MALFORMED_HEADER' });
  });
  it('WH-5 rejects a missing header and accepts the old secret during rotation', () => {
    assert.deepEqual(verifyStripe({ rawBody: BODY, signature: undefined, secrets: [SECRET], now: at(T) }), { ok: false, code: 'SIGNATURE_MISSING' });
    assert.equal(verifyStripe({ rawBody: BODY, signature: `t=${T},v1=${V1}`, secrets: ['whsec_new', SECRET], now: at(T) }).ok, true);
  });
});

describe('WH-5 secrets tried one by one', () => {
  const check = (secrets: string[], now = at(T)) => verifyEach(secrets, (one) => verifyStripe({ rawBody: BODY, signature: `t=${T},v1=${V1}`, secrets: one, now }));
  it('WH-5 names the secret that verified: the old one during a rotation, the new one after', async () => {
    assert.deepEqual(await check(['whsec_new', SECRET]), { ok: true, secret: 1 });
    assert.deepEqual(await check([SECRET, 'whsec_new']), { ok: true, secret: 0 });
  });
  it('WH-5 refuses when neither verifies, saying how far the closest one got', async () => {
    assert.deepEqual(await check(['whsec_new', 'whsec_other']), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(await check(['whsec_new', SECRET], at(T + 301)), { ok: false, code: 'TIMESTAMP_OUT_OF_TOLERANCE' });
    assert.deepEqual(await check([]), { ok: false, code: 'NO_SECRET' });
  });
});
