import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from './rate-limit.ts';

const perMinute = (limit: number, maxKeys?: number) => new RateLimiter({ name: 'test', limit, windowMs: 60_000 }, maxKeys);

describe('the in-memory rate limiter', () => {
  it('lets a burst up to the limit through, then refuses with the seconds until one more fits', () => {
    const l = perMinute(3);
    for (let i = 0; i < 3; i++) assert.equal(l.take('a', 0).allowed, true, `request ${i + 1}`);
    const refused = l.take('a', 0);
    assert.equal(refused.allowed, false);
    assert.equal(refused.retryAfterSeconds, 20, 'three a minute: one more fits after 20 s');
    assert.match(refused.reason ?? '', /3 per 60 s/);
  });

  it('refills at the limit\'s pace and never above it', () => {
    const l = perMinute(3);
    for (let i = 0; i < 3; i++) l.take('a', 0);
    assert.equal(l.take('a', 19_000).allowed, false, 'not yet at 19 s');
    assert.equal(l.take('a', 20_000).allowed, true, 'one at 20 s');
    assert.equal(l.take('a', 20_001).allowed, false);
    const idle = perMinute(3);
    idle.take('b', 0);
    for (let i = 0; i < 3; i++) assert.equal(idle.take('b', 3_600_000).allowed, true, 'an hour idle gives back the burst');
    assert.equal(idle.take('b', 3_600_000).allowed, false, 'but not more than the burst');
  });

  it('counts each key apart, and 0 means no limit', () => {
    const l = perMinute(1);
    assert.equal(l.take('a', 0).allowed, true);
    assert.equal(l.take('a', 0).allowed, false);
    assert.equal(l.take('b', 0).allowed, true);
    const off = perMinute(0);
    for (let i = 0; i < 1000; i++) assert.equal(off.take('a', 0).allowed, true);
  });

  it('keeps memory bounded under a flood of new keys', () => {
    const l = perMinute(5, 1000);
    for (let i = 0; i < 10_000; i++) l.take(`ip-${i}`, 0);
    assert.ok(l.size <= 1000, `${l.size} keys kept`);
    assert.ok(l.size > 0);
  });
});
