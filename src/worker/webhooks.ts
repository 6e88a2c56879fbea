// Delivering integrators' event webhooks: claim due deliveries, sign each body with the endpoint's secret
// (HMAC-SHA256 over "timestamp.body"), POST it, and record the attempt; failures come back with backoff and jitter.
import type { Db } from '../db/index.ts';
import { request, signPayload, STRICT_EGRESS, type EgressPolicy, type HttpOutcome } from '../channels/index.ts';
import { claimDeliveries, eventBody, openSecret, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from '../events/index.ts';
import { vaultKey, type VaultKey } from '../vault/index.ts';
import { eachLimited } from './parallel.ts';

export const WEBHOOK_HEADERS = { signature: 'cobro-signature', timestamp: 'cobro-timestamp', eventId: 'cobro-event-id', eventType: 'cobro-event-type' } as const;

export interface WebhookDeliveryDeps {
  db: Db;
  now: () => Date;
  /** COBRO_SECRET_KEY: endpoints' signing secrets are sealed under it (or the key kept in the database). */
  secretKey?: string;
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  maxAttempts?: number;
  /** The addresses endpoints may reach (COBRO_EGRESS_ALLOW): public ones only by default; a refused one is a failed attempt. */
  egress?: EgressPolicy;
  /** Replaces the HTTP call (tests of the queue alone). */
  post?: (url: string, headers: Record<string, string>, body: string, timeoutMs: number, egress: EgressPolicy) => Promise<HttpOutcome>;
}

export interface WebhookReport { attempted: number; succeeded: number; retrying: number; failed: number }

// no redirect is followed (node's http does not): a 3xx is a failed attempt, so a redirect cannot lead to a private address
const httpPost = (url: string, headers: Record<string, string>, body: string, timeoutMs: number, egress: EgressPolicy) =>
  request({ url, headers, body, timeoutMs, egress });

async function attempt(deps: WebhookDeliveryDeps, key: VaultKey, d: ClaimedDelivery): Promise<AttemptOutcome> {
  const secret = openSecret(key, d.org_id, d.endpoint_id, d.secret_sealed);
  if (!secret) return { ok: false, responseCode: null, durationMs: 0, error: 'the signing secret was sealed under another COBRO_SECRET_KEY' };
  const body = eventBody(d.event);
  const at = deps.now();
  const signature = signPayload(secret, body, at);
  const headers = {
    'content-type': 'application/json', 'user-agent': 'cobro-webhooks/1', [WEBHOOK_HEADERS.signature]: signature,
    [WEBHOOK_HEADERS.timestamp]: String(Math.floor(at.getTime() / 1000)), [WEBHOOK_HEADERS.eventId]: d.event.id, [WEBHOOK_HEADERS.eventType]: d.event.type,
  };
  const started = performance.now();
  const out = await (deps.post ?? httpPost)(d.url, headers, body, deps.timeoutMs ?? 10_000, deps.egress ?? STRICT_EGRESS);
  const durationMs = performance.now() - started;
  if (!out.ok) return { ok: false, responseCode: null, durationMs, error: out.reason === 'refused' ? out.message : `${out.reason}: ${out.message}` };
  const status = out.response.status;
  const ok = status >= 200 && status < 300;
  return { ok, responseCode: status, durationMs, error: ok ? null : `HTTP ${status}${out.response.body ? `: ${out.response.body.slice(0, 200)}` : ''}` };
}

/** Sends every delivery that is due, a batch at a time, until none is left; each attempt is recorded as it ends. */
export async function deliverWebhooks(deps: WebhookDeliveryDeps): Promise<WebhookReport> {
  const report: WebhookReport = { attempted: 0, succeeded: 0, retrying: 0, failed: 0 };
  const key = await vaultKey(deps.db, deps.secretKey);
  const leaseMs = (deps.timeoutMs ?? 10_000) * 6;
  for (;;) {
    const batch = await claimDeliveries(deps.db, deps.now(), 50, leaseMs);
    if (batch.length === 0) return report;
    await eachLimited(batch, deps.concurrency ?? 8, async (d) => {
      const outcome = await attempt(deps, key, d);
      const status = await recordAttempt(deps.db, d, outcome, deps.now(), { ...(deps.maxAttempts ? { maxAttempts: deps.maxAttempts } : {}) });
      report.attempted++;
      if (status === 'succeeded') report.succeeded++;
      else if (status === 'pending') report.retrying++;
      else report.failed++;
    });
  }
}
