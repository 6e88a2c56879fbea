import { it } from 'node:test';
import assert from 'node:assert/strict';
import { webhookRetryMs, WEBHOOK_MAX_ATTEMPTS } from './retry.ts';

it('doubles the wait after each failed attempt, up to twelve hours', () => {
  const mid = () => 0.5;
  assert.equal(webhookRetryMs(1, mid), 30_000);
  assert.equal(webhookRetryMs(2, mid), 60_000);
  assert.equal(webhookRetryMs(5, mid), 480_000);
  assert.equal(webhookRetryMs(20, mid), 12 * 3_600_000);
});

it('spreads retries within a quarter either side', () => {
  assert.equal(webhookRetryMs(3, () => 0), 90_000);
  assert.equal(webhookRetryMs(3, () => 0.999999), 150_000);
  const seen = new Set(Array.from({ length: 50 }, () => webhookRetryMs(4)));
  assert.ok(seen.size > 10, 'jitter varies the wait');
});

it('gives up after about a day of attempts', () => {
  let total = 0;
  for (let a = 1; a < WEBHOOK_MAX_ATTEMPTS; a++) total += webhookRetryMs(a, () => 0.5);
  assert.ok(total > 24 * 3_600_000 && total < 36 * 3_600_000, `${total / 3_600_000} hours`);
});
