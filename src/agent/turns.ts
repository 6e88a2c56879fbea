// The agent's queue of turns: a reply applied from a provider webhook queues one (in the transaction that records the
// reply, when the org has the agent on), and the inbound round runs them after the replies, oldest first, each in its own
// transaction, so a turn that fails never holds back a STOP or a delivery state; it is tried again, five times at most.
import type { Db, Queryable } from '../db/index.ts';
import { newId } from '../domain/index.ts';
import { getAgentSettings } from './settings.ts';
import { settleClaims } from './claims.ts';
import { runTurn, type AgentRuntime } from './turn.ts';
import type { TurnRow } from './turn-state.ts';

export const TURN_MAX_ATTEMPTS = 5;

/** Queues the agent's turn for a reply just recorded; false when the org has the agent off. */
export async function queueAgentTurn(q: Queryable, orgId: string, r: { inboundId: string; customerId: string; channel: string }, now: Date): Promise<boolean> {
  if (!(await getAgentSettings(q, orgId)).enabled) return false;
  const rows = await q.query(
    `INSERT INTO agent_turns (id, org_id, inbound_id, customer_id, channel, status, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6) ON CONFLICT (org_id, inbound_id) DO NOTHING RETURNING 1`,
    [newId('agentTurn', now.getTime()), orgId, r.inboundId, r.customerId, r.channel, now]);
  return rows.length > 0;
}

export interface AgentRoundReport { decided: number; waiting: number; failed: number }

/**
 * Runs the org's turns whose time has come, oldest first; with `customerId`, only that customer's (a reply said on a call,
 * answered within the call: claims are settled by the next full round).
 */
export async function runAgentTurns(db: Db, orgId: string, now: Date, rt: AgentRuntime = {}, limit = 200, customerId?: string): Promise<AgentRoundReport> {
  const report: AgentRoundReport = { decided: 0, waiting: 0, failed: 0 };
  // claimed payments confirmed by a payment since, or whose hold ran out, before this round's replies are read
  if (!customerId) await db.transaction((tx) => settleClaims(tx, orgId, now));
  const turns = await db.query<TurnRow>(
    `SELECT id, inbound_id, customer_id, channel, attempts, created_at FROM agent_turns
     WHERE org_id = $1 AND status = 'pending' AND next_attempt_at <= $2 AND ($4::text IS NULL OR customer_id = $4) ORDER BY created_at, id LIMIT $3`,
    [orgId, now, limit, customerId ?? null]);
  if (turns.length === 0) return report;
  const settings = await getAgentSettings(db, orgId);
  for (const t of turns) {
    try {
      const outcome = await runTurn(db, orgId, t, settings, rt, now);
      if (outcome === 'waiting') {
        await db.query('UPDATE agent_turns SET next_attempt_at = $3 WHERE org_id = $1 AND id = $2', [orgId, t.id, new Date(now.getTime() + 30_000)]);
        report.waiting++;
      } else if (outcome === 'decided') report.decided++;
    } catch (e) {
      const attempts = t.attempts + 1;
      const giveUp = attempts >= TURN_MAX_ATTEMPTS;
      await db.query(`UPDATE agent_turns SET attempts = $3, error = $4, status = $5, next_attempt_at = $6 WHERE org_id = $1 AND id = $2`,
        [orgId, t.id, attempts, (e as Error).message.slice(0, 2000), giveUp ? 'failed' : 'pending',
          giveUp ? null : new Date(now.getTime() + 30_000 * 2 ** (attempts - 1))]);
      report.failed++;
    }
  }
  return report;
}
