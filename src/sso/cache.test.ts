import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discoverKept, forgetProviders, jwksFor } from './cache.ts';

// a provider that counts what it is asked and can be told to fail or to change its keys
const hits = { discovery: 0, jwks: 0 };
let keys: { kid: string }[] = [{ kid: 'a' }];
let failing = false;
let server: Server;
let issuer = '';

const tokenWith = (kid: string) => `${Buffer.from(JSON.stringify({ alg: 'RS256', kid })).toString('base64url')}.e30.sig`;
const rsa = (kid: string) => ({ kty: 'RSA', kid, use: 'sig', alg: 'RS256', n: 'AQAB', e: 'AQAB' });
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 4, 9, 0) + minutes * 60_000);

describe('the kept provider answers', () => {
  before(async () => {
    server = createServer((req, res) => {
      if (failing) return void res.writeHead(503).end();
      if (req.url === '/.well-known/openid-configuration') {
        hits.discovery++;
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
          issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` }));
      }
      hits.jwks++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: keys.map((k) => rsa(k.kid)) }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('asks for discovery once an hour and the key set once in ten minutes', async () => {
    forgetProviders();
    const d = await discoverKept(issuer, at(0));
    await discoverKept(issuer, at(30));
    await jwksFor(d, tokenWith('a'), at(0));
    await jwksFor(d, tokenWith('a'), at(9));
    assert.deepEqual(hits, { discovery: 1, jwks: 1 });
    await discoverKept(issuer, at(61));
    await jwksFor(d, tokenWith('a'), at(11));
    assert.deepEqual(hits, { discovery: 2, jwks: 2 });
  });

  it('fetches the key set again when a token names a key it lacks, but not more than once a minute', async () => {
    forgetProviders();
    hits.discovery = 0; hits.jwks = 0; keys = [{ kid: 'a' }];
    const d = await discoverKept(issuer, at(0));
    await jwksFor(d, tokenWith('a'), at(0));
    keys = [{ kid: 'a' }, { kid: 'b' }];
    const soon = await jwksFor(d, tokenWith('b'), at(0.5)) as { keys: { kid: string }[] };
    assert.equal(hits.jwks, 1, 'a forged kid cannot make cobro hammer the provider');
    assert.deepEqual(soon.keys.map((k) => k.kid), ['a']);
    const later = await jwksFor(d, tokenWith('b'), at(2)) as { keys: { kid: string }[] };
    assert.equal(hits.jwks, 2);
    assert.deepEqual(later.keys.map((k) => k.kid), ['a', 'b']);
  });

  it('keeps no failure: the next sign-in asks again', async () => {
    forgetProviders();
    hits.discovery = 0;
    failing = true;
    await assert.rejects(discoverKept(issuer, at(0)), /HTTP 503/);
    failing = false;
    await discoverKept(issuer, at(0));
    assert.equal(hits.discovery, 1);
  });
});
