import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../db/index.ts';
import { readUnsubscribeToken, signedUnsubscribeToken, unsubscribeToken } from './links.ts';
import { messageLinks } from './context.ts';

/** A store holding only the links secret, as the `secrets` table would. */
const store: Queryable = {
  query: async <T,>(sql: string) => (sql.startsWith('SELECT') ? [{ value: 'test-links-secret-0123456789abcdef' }] : []) as T[],
  copyCsv: async () => { throw new Error('not used'); },
};
const claim = { orgId: 'org_1', customerId: 'cus_9', channel: 'email', address: 'ana.perez@example.com' };

describe('unsubscribe links', () => {
  it('seal the claim: the address cannot be read off the link, and the link opens to the same claim', async () => {
    const token = await unsubscribeToken(store, claim);
    assert.ok(!token.includes('.'), token);
    const decoded = Buffer.from(token.slice(3), 'base64url').toString('latin1');
    assert.ok(!decoded.includes('ana.perez') && !decoded.includes('org_1'), 'nothing of the claim in the clear');
    assert.deepEqual(await readUnsubscribeToken(store, token), claim);
    assert.notEqual(await unsubscribeToken(store, claim), token, 'a fresh nonce each time');
  });

  it('refuse a changed character anywhere and a truncated link', async () => {
    const token = await unsubscribeToken(store, claim);
    // the last character may carry only unused bits of base64, so it is left out
    for (let i = 3; i < token.length - 1; i += 5) {
      const c = token[i] === 'A' ? 'B' : 'A';
      assert.equal(await readUnsubscribeToken(store, token.slice(0, i) + c + token.slice(i + 1)), null, `byte ${i}`);
    }
    assert.equal(await readUnsubscribeToken(store, token.slice(0, 20)), null);
    assert.equal(await readUnsubscribeToken(store, 'u2_'), null);
  });

  it('still honour a signed link made before sealing, and refuse one whose payload was changed', async () => {
    const old = await signedUnsubscribeToken(store, claim);
    assert.deepEqual(await readUnsubscribeToken(store, old), claim);
    const [payload, mac] = old.split('.');
    const other = Buffer.from(JSON.stringify(['org_2', 'cus_9', 'email', 'x@example.com'])).toString('base64url');
    assert.equal(await readUnsubscribeToken(store, `${other}.${mac}`), null);
    assert.equal(await readUnsubscribeToken(store, `${payload}.${mac}.x`), null);
  });

  it('are sealed into a message\'s links once, on the first read, and the same on every read after', async () => {
    const links = messageLinks('https://c.example/p/x', 'https://c.example/pay', claim, 'test-links-secret-0123456789abcdef', 'https://c.example', 'https://c.example/g');
    const first = links.unsubscribe;
    assert.match(first ?? '', /^https:\/\/c\.example\/u\/u2_[A-Za-z0-9_-]+$/);
    assert.equal(links.unsubscribe, first, 'read again: the same link, not a new seal');
    assert.deepEqual(await readUnsubscribeToken(store, first!.split('/u/')[1]!), claim);
    assert.deepEqual([links.portal, links.payment, links.voiceGather], ['https://c.example/p/x', 'https://c.example/pay', 'https://c.example/g']);
    assert.equal(messageLinks('p', 'q', null, 'k', 'https://c.example', 'g').unsubscribe, undefined, 'no address: no link');
  });
});
