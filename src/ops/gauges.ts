// What the database says at scrape time: the outbox queue, messages by state and channel, the tick's backlog, and the lag of
// provider events (inbound webhooks) and integrators' event webhooks (outbound). Each query reads a partial index of the
// few rows still waiting, except the count of every message by state, which scans the table and is cached for a while.
import type { Queryable } from '../db/index.ts';
import { gauge, type GaugeFamily } from './exposition.ts';

export interface GaugeOptions {
  /** How long the count of every message by state and channel is reused (ms); 60 s by default, 0 to count at each scrape. */
  messagesCacheMs?: number;
}

const seconds = (now: Date, oldest: string | null) => (oldest ? Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000) : 0);

async function outbox(q: Queryable, now: Date): Promise<GaugeFamily[]> {
  const rows = await q.query<{ status: string; channel: string; due: number; waiting: number; oldest: string | null }>(
    `SELECT status, channel, count(*) FILTER (WHERE next_attempt_at <= $1)::int AS due, count(*)::int AS waiting,
       min(next_attempt_at) FILTER (WHERE next_attempt_at <= $1) AS oldest
     FROM messages WHERE dispatching AND status IN ('queued', 'deferred') GROUP BY status, channel ORDER BY status, channel`, [now]);
  const oldest = rows.map((r) => r.oldest).filter((x): x is string => x !== null).sort()[0] ?? null;
  return [
    gauge('cobro_outbox_due', 'Messages whose send time has come and that no worker has taken yet, by state and channel',
      rows.map((r) => ({ labels: { state: r.status, channel: r.channel }, value: r.due }))),
    gauge('cobro_outbox_waiting', 'Messages queued or deferred, due or not, by state and channel',
      rows.map((r) => ({ labels: { state: r.status, channel: r.channel }, value: r.waiting }))),
    gauge('cobro_outbox_oldest_due_seconds', 'How long the oldest due message has waited for a worker (0 when none waits)',
      [{ labels: {}, value: seconds(now, oldest) }]),
  ];
}

async function cases(q: Queryable, now: Date): Promise<GaugeFamily[]> {
  const [r] = await q.query<{ due: number; oldest: string | null }>(
    `SELECT count(*)::int AS due, min(next_action_at) AS oldest FROM cases WHERE status = 'open' AND next_action_at <= $1`, [now]);
  return [
    gauge('cobro_cases_due', 'Open cases whose next action has come and that no tick has planned yet', [{ labels: {}, value: r?.due ?? 0 }]),
    gauge('cobro_cases_oldest_due_seconds', 'How long the oldest due case has waited for a tick (0 when none waits)', [{ labels: {}, value: seconds(now, r?.oldest ?? null) }]),
  ];
}

async function webhooks(q: Queryable, now: Date): Promise<GaugeFamily[]> {
  const inbox = await q.query<{ provider: string; pending: number; dead: number; oldest: string | null }>(
    `SELECT provider, count(*) FILTER (WHERE next_attempt_at IS NOT NULL OR status = 'received')::int AS pending,
       count(*) FILTER (WHERE status = 'failed' AND next_attempt_at IS NULL)::int AS dead,
       min(received_at) FILTER (WHERE next_attempt_at IS NOT NULL OR status = 'received') AS oldest
     FROM inbox_events WHERE status IN ('received', 'failed') GROUP BY provider ORDER BY provider`);
  const [out] = await q.query<{ pending: number; due: number; oldest: string | null }>(
    `SELECT count(*)::int AS pending, count(*) FILTER (WHERE next_attempt_at <= $1)::int AS due,
       min(next_attempt_at) FILTER (WHERE next_attempt_at <= $1) AS oldest
     FROM webhook_deliveries WHERE status = 'pending'`, [now]);
  return [
    gauge('cobro_inbox_pending', 'Provider events (inbound webhooks) stored and not yet processed, by provider',
      inbox.map((r) => ({ labels: { provider: r.provider }, value: r.pending }))),
    gauge('cobro_inbox_failed', 'Provider events given up after their retries, by provider', inbox.map((r) => ({ labels: { provider: r.provider }, value: r.dead }))),
    gauge('cobro_inbox_lag_seconds', 'Age of the oldest provider event waiting to be processed, by provider (inbound webhook lag)',
      inbox.map((r) => ({ labels: { provider: r.provider }, value: seconds(now, r.oldest) }))),
    gauge('cobro_webhook_deliveries_pending', 'Event webhooks to integrators not yet delivered', [{ labels: {}, value: out?.pending ?? 0 }]),
    gauge('cobro_webhook_deliveries_due', 'Event webhooks to integrators whose attempt time has come', [{ labels: {}, value: out?.due ?? 0 }]),
    gauge('cobro_webhook_delivery_lag_seconds', 'How long the oldest due event webhook has waited (outbound webhook lag)',
      [{ labels: {}, value: seconds(now, out?.oldest ?? null) }]),
  ];
}

/** Counts every message by state and channel, reusing the last count for `messagesCacheMs`. */
export function messageCounter(o: GaugeOptions = {}) {
  let cached: { at: number; family: GaugeFamily } | null = null;
  return async (q: Queryable, now: Date): Promise<GaugeFamily> => {
    if (cached && now.getTime() - cached.at < (o.messagesCacheMs ?? 60_000) && now.getTime() >= cached.at) return cached.family;
    const rows = await q.query<{ status: string; channel: string; n: number }>(
      'SELECT status, channel, count(*)::int AS n FROM messages GROUP BY status, channel ORDER BY status, channel');
    const family = gauge('cobro_messages', 'Messages by state and channel, all time (counted at most once a minute)',
      rows.map((r) => ({ labels: { state: r.status, channel: r.channel }, value: r.n })));
    cached = { at: now.getTime(), family };
    return family;
  };
}

/** The database's figures; when it does not answer, only cobro_database_up 0. */
export function databaseGauges(o: GaugeOptions = {}) {
  const messages = messageCounter(o);
  return async (q: Queryable, now: Date): Promise<GaugeFamily[]> => {
    const started = performance.now();
    try {
      const families = [...await outbox(q, now), await messages(q, now), ...await cases(q, now), ...await webhooks(q, now)];
      return [gauge('cobro_database_up', 'Whether the database answered this scrape', [{ labels: {}, value: 1 }]), ...families,
        gauge('cobro_scrape_database_seconds', 'Time the database queries of this scrape took', [{ labels: {}, value: (performance.now() - started) / 1000 }])];
    } catch {
      return [gauge('cobro_database_up', 'Whether the database answered this scrape', [{ labels: {}, value: 0 }])];
    }
  };
}
