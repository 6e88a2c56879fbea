// WH-1 Twilio signatures against the COMPLIANCE.md §5 vector (row 31 of §8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { twilioSignature, verifyTwilio } from './twilio.ts';

const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const SIGNATURE = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('WH-1 Twilio', () => {
  it('WH-1 computes the document vector', () => assert.equal(twilioSignature('12345', URL_, PARAMS), SIGNATURE));
  it('WH-1 accepts the document vector', () => {
    assert.deepEqual(verifyTwilio({ url: URL_, params: PARAMS, signature: SIGNATURE, authTokens: ['12345'] }), { ok: true });
  });
  it('WH-1 accepts with the old token still in force during rotation', () => {
    assert.equal(verifyTwilio({ url: URL_, params: PARAMS, signature: SIGNATURE, authTokens: ['new-token', '12345'] }).ok, true);
  });
  it('WH-1 accepts the URL spelled with its default port', () => {
    assert.equal(verifyTwilio({ url: 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params: PARAMS, signature: SIGNATURE, authTokens: ['12345'] }).ok, true);
  });
  it('WH-1 rejects an altered parameter', () => {
    const check = verifyTwilio({ url: URL_, params: { ...PARAMS, Digits: '1235' }, signature: SIGNATURE, authTokens: ['12345'] });
    assert.deepEqual(check, { ok: false, code: 'SIGNATURE_MISMATCH' });
  });
  it('WH-1 rejects an http and https swap', () => {
    assert.equal(verifyTwilio({ url: URL_.replace('https:', 'http:'), params: PARAMS, signature: SIGNATURE, authTokens: ['12345'] }).ok, false);
  });
  it('WH-5 rejects a request with no signature header', () => {
    assert.deepEqual(verifyTwilio({ url: URL_, params: PARAMS, signature: undefined, authTokens: ['12345'] }), { ok: false, code: 'SIGNATURE_MISSING' });
  });

  describe('JSON requests with bodySHA256', () => {
    const body = '{"CallSid":"CA1234567890ABCDE"}';
    const hash = createHash('sha256').update(body).digest('hex');
    const url = `https://mycompany.com/myapp.php?bodySHA256=${hash}`;
    const signature = twilioSignature('12345', url);
    it('WH-1 accepts a JSON body whose hash and signature match', () => {
      assert.equal(verifyTwilio({ url, rawBody: body, signature, authTokens: ['12345'] }).ok, true);
    });
    it('WH-1 rejects a JSON body changed after signing', () => {
      assert.deepEqual(verifyTwilio({ url, rawBody: body.replace('CA1', 'CA2'), signature, authTokens: ['12345'] }), { ok: false, code: 'BODY_HASH_MISMATCH' });
    });
  });
});
