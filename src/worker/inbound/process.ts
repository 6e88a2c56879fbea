// The worker's part of inbound messaging: stored provider events whose turn has come, each applied in its own
// transaction and marked processed; one that must wait (a status before its send is recorded) or fails is tried again later.
import type { Db } from '../../db/index.ts';
import { runAgentTurns, type AgentRuntime } from '../../agent/index.ts';
import { applyEvent } from './apply.ts';
import { INBOUND_ROUTES, type EventSource } from './read.ts';
import type { StoredEvent } from './store.ts';

/** Tries at most this many times, 30 s apart and doubling up to an hour (about five hours in all). */
export const INBOUND_MAX_ATTEMPTS = 10;
export function inboundRetryMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface InboundReport { tried: number; processed: number; waiting: number; failed: number }

const PROVIDERS = [...Object.keys(INBOUND_ROUTES), 'sandbox'];

/** Applies one stored event in its own transaction (the gather webhook applies a spoken reply at once, to answer it in the call). */
export async function processOne(db: Db, orgId: string, id: string, now: Date): Promise<'processed' | 'waiting' | 'failed' | 'skipped'> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.query<{ provider: EventSource; event: StoredEvent | null; attempts: number }>(
        `SELECT provider, event, attempts FROM inbox_events WHERE org_id = $1 AND id = $2 AND status <> 'processed' FOR UPDATE SKIP LOCKED`, [orgId, id]);
      if (!row) return 'skipped';
      if (!row.event) {
        await tx.query(`UPDATE inbox_events SET status = 'failed', error = 'no event was read from this body', next_attempt_at = NULL WHERE id = $1`, [id]);
        return 'failed';
      }
      const o = await applyEvent(tx, orgId, row.provider, id, row.event, now);
      const attempts = row.attempts + 1;
      if (o.status === 'processed') {
        await tx.query(`UPDATE inbox_events SET status = 'processed', error = $2, attempts = $3, next_attempt_at = NULL WHERE id = $1`, [id, o.note, attempts]);
        return 'processed';
      }
      const giveUp = attempts >= INBOUND_MAX_ATTEMPTS;
      await tx.query(`UPDATE inbox_events SET status = $2, error = $3, attempts = $4, next_attempt_at = $5 WHERE id = $1`,
        [id, giveUp ? 'failed' : 'received', giveUp ? `gave up after ${attempts} attempts: ${o.note}` : `waiting: ${o.note}`, attempts,
          giveUp ? null : new Date(now.getTime() + inboundRetryMs(attempts))]);
      return giveUp ? 'failed' : 'waiting';
    });
  } catch (e) {
    const [row] = await db.query<{ attempts: number }>('SELECT attempts FROM inbox_events WHERE id = $1', [id]);
    const attempts = (row?.attempts ?? 0) + 1;
    await db.query(`UPDATE inbox_events SET status = 'failed', error = $2, attempts = $3, next_attempt_at = $4 WHERE id = $1 AND status <> 'processed'`,
      [id, (e as Error).message.slice(0, 2000), attempts, attempts >= INBOUND_MAX_ATTEMPTS ? null : new Date(now.getTime() + inboundRetryMs(attempts))]);
    return 'failed';
  }
}

/** Applies the org's messaging events whose turn has come, oldest first; then the agent answers the replies among them. */
export async function processInbound(db: Db, orgId: string, now: Date, limit = 500, agent: AgentRuntime = {}): Promise<InboundReport> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM inbox_events WHERE org_id = $1 AND provider = ANY($2::text[]) AND status IN ('received', 'failed')
       AND next_attempt_at IS NOT NULL AND next_attempt_at <= $3 AND attempts < $4
       -- a Mailgun store() notification waits for its stored message to be read (mailgun-message.ts)
       AND (event ? 'storedMessage') IS NOT TRUE
     ORDER BY received_at, id LIMIT $5`, [orgId, PROVIDERS, now, INBOUND_MAX_ATTEMPTS, limit]);
  const report: InboundReport = { tried: 0, processed: 0, waiting: 0, failed: 0 };
  for (const r of rows) {
    const outcome = await processOne(db, orgId, r.id, now);
    if (outcome === 'skipped') continue;
    report.tried++;
    report[outcome]++;
  }
  await runAgentTurns(db, orgId, now, agent);
  return report;
}
