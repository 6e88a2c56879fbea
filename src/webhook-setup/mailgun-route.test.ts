// Mailgun's inbound route: the recipient filter matches exactly the org's addresses, and an EU domain's account is
// asked at Mailgun's EU API (api.eu.mailgun.net), as its sending is.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { recipientExpression, registerMailgunRoute } from './mailgun-route.ts';
import type { SetupCall } from './types.ts';

describe('the Mailgun inbound route', () => {
  it('matches exactly the addresses, their dots and pluses taken literally', () => {
    assert.equal(recipientExpression(['Billing@mg.example.com']), 'match_recipient("^billing@mg\\.example\\.com$")');
    assert.equal(recipientExpression(['a+b@x.io', 'c@x.io']), 'match_recipient("^(a\\+b@x\\.io|c@x\\.io)$")');
  });

  it('asks an EU account at api.eu.mailgun.net, and makes the route there when none is found', async () => {
    const calls: { url: string; method: string; body?: string | Buffer | undefined }[] = [];
    const s: SetupCall = { now: new Date('2026-03-15T12:00:00Z'), call: async (c) => {
      calls.push({ url: c.url, method: c.method, body: c.body as string | undefined });
      return c.method === 'GET' ? { ok: true, status: 200, body: { total_count: 0, items: [] } }
        : { ok: true, status: 200, body: { message: 'Route has been created', route: { id: 'r1' } } };
    } };
    const step = await registerMailgunRoute(s, { apiKey: 'key-eu-0000000000001', domain: 'mg.example.eu', region: 'eu' }, 'org_1', ['billing@mg.example.eu'],
      'https://cobro.example.com/webhooks/mailgun/org_1/inbound');
    assert.deepEqual([step.outcome, step.id], ['registered', 'r1']);
    assert.deepEqual(calls.map((c) => [c.method, c.url]), [['GET', 'https://api.eu.mailgun.net/v3/routes?limit=100&skip=0'], ['POST', 'https://api.eu.mailgun.net/v3/routes']]);
    assert.deepEqual([...new URLSearchParams(String(calls[1]!.body))], [['priority', '0'], ['description', 'cobro org_1: replies'],
      ['expression', 'match_recipient("^billing@mg\\.example\\.eu$")'], ['action', 'forward("https://cobro.example.com/webhooks/mailgun/org_1/inbound")']]);
  });
});
