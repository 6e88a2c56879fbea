// When a failed webhook delivery is tried again: exponential backoff from 30 seconds, capped at 12 hours, with jitter.

export const WEBHOOK_MAX_ATTEMPTS = 13;

/**
 * The wait after the given failed attempt (1-based): 30 s, 1 min, 2 min ... 12 h, each drawn within ±25% so that
 * deliveries failing together do not all come back together. Thirteen attempts span about 29 hours.
 */
export function webhookRetryMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 12 * 3_600_000);
  return Math.round(base * (0.75 + 0.5 * random()));
}
