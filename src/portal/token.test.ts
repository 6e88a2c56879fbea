// Portal link tokens: a valid one opens its claim; an expired, withdrawn, tampered or malformed one, or one checked against
// another org's or customer's link, does not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPortalToken, newNonce, portalToken, tokenNonce, type PortalClaim } from './token.ts';

const key = 'portal-test-key-0123456789';
const now = new Date('2026-03-15T12:00:00Z');
const aClaim = (over: Partial<PortalClaim> = {}): PortalClaim => ({
  linkId: 'ptl_1', orgId: 'org_a', customerId: 'cus_a', nonce: newNonce(), expiresAt: new Date('2026-04-14T12:00:00Z'), ...over,
});
const refusal = (r: ReturnType<typeof checkPortalToken>) => (r.ok ? null : { field: r.error.field, why: r.error.details });

describe('portal link tokens', () => {
  it('are short enough for an SMS and name nothing in clear', () => {
    const c = aClaim();
    const token = portalToken(key, c);
    assert.equal(token.length, 45);
    assert.ok(!token.includes('org_a') && !token.includes('cus_a'));
    assert.equal(tokenNonce(token), c.nonce);
  });

  it('open the claim they were made for until the second it expires', () => {
    const c = aClaim();
    const token = portalToken(key, c);
    const r = checkPortalToken(key, token, c, now);
    assert.ok(r.ok);
    assert.deepEqual([r.value.orgId, r.value.customerId, r.value.linkId], ['org_a', 'cus_a', 'ptl_1']);
    assert.ok(checkPortalToken(key, token, c, new Date(c.expiresAt.getTime() - 1)).ok);
  });

  it('refuse an expired token, naming the expiry', () => {
    const c = aClaim({ expiresAt: new Date('2026-03-15T11:59:59Z') });
    assert.deepEqual(refusal(checkPortalToken(key, portalToken(key, c), c, now)), { field: 'expires_at', why: 'expired' });
  });

  it('refuse a withdrawn token even before it expires', () => {
    const c = aClaim();
    assert.deepEqual(refusal(checkPortalToken(key, portalToken(key, c), { ...c, revokedAt: now }, now)), { field: 'token', why: 'revoked' });
  });

  it('refuse a token with any character of its mac or nonce changed', () => {
    const c = aClaim();
    const token = portalToken(key, c);
    for (const at of [0, 10, 21, 23, 30, 44]) {
      const ch = token[at] === 'A' ? 'B' : 'A';
      const changed = `${token.slice(0, at)}${ch}${token.slice(at + 1)}`;
      assert.equal(checkPortalToken(key, changed, c, now).ok, false, `character ${at}`);
    }
  });

  it('refuse a token checked against a link of another org or customer, or with a moved expiry', () => {
    const c = aClaim();
    const token = portalToken(key, c);
    assert.deepEqual(refusal(checkPortalToken(key, token, { ...c, orgId: 'org_b' }, now)), { field: 'token', why: 'tampered' });
    assert.deepEqual(refusal(checkPortalToken(key, token, { ...c, customerId: 'cus_b' }, now)), { field: 'token', why: 'tampered' });
    assert.deepEqual(refusal(checkPortalToken(key, token, { ...c, expiresAt: new Date(c.expiresAt.getTime() + 86_400_000) }, now)),
      { field: 'token', why: 'tampered' });
  });

  it('refuse a token signed with another key', () => {
    const c = aClaim();
    assert.equal(checkPortalToken(key, portalToken('another-key-9876543210', c), c, now).ok, false);
  });

  it('refuse malformed tokens without looking anything up', () => {
    for (const bad of ['', 'abc', 'a.b', `${newNonce()}.${newNonce()}.x`, `${newNonce()}`, `${newNonce()}.${'!'.repeat(22)}`]) {
      assert.equal(tokenNonce(bad), null, bad);
      assert.deepEqual(refusal(checkPortalToken(key, bad, aClaim(), now)), { field: 'token', why: 'malformed' });
    }
  });
});
