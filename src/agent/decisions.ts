// The agent's decisions as people read them: a list for the API and CLI, and entries for the case timeline (what the reply
// was read as, with what confidence, what the agent did, the answer it queued or said on the call, and any handover).
import type { Queryable } from '../db/index.ts';
import type { Spoken } from './call-answer.ts';

export interface DecisionRow {
  id: string; inbound_id: string; customer_id: string; channel: string; status: 'pending' | 'decided' | 'failed'; intent: string | null;
  confidence: number | null; language: string | null; understood_by: string | null; entities: unknown; action: string | null; detail: string | null;
  reply_message_id: string | null; handover_id: string | null; error: string | null; created_at: string; decided_at: string | null;
  /** Said on a call: the agent's spoken answer in the same call (its words, locale, and listen, hangup or dial). */
  spoken: Spoken | null;
}

const COLUMNS = `id, inbound_id, customer_id, channel, status, intent, confidence::float8 AS confidence, language, understood_by, entities, action, detail,
  reply_message_id, handover_id, error, created_at, decided_at, spoken`;

export async function listDecisions(q: Queryable, orgId: string, f: { customerId?: string; status?: DecisionRow['status']; limit?: number } = {}): Promise<DecisionRow[]> {
  return q.query<DecisionRow>(
    `SELECT ${COLUMNS} FROM agent_turns WHERE org_id = $1 AND ($2::text IS NULL OR customer_id = $2) AND ($3::text IS NULL OR status = $3)
     ORDER BY created_at DESC, id DESC LIMIT $4`, [orgId, f.customerId ?? null, f.status ?? null, Math.min(f.limit ?? 100, 1000)]);
}

export interface AgentEntry { id: string; at: string; kind: 'agent_decision'; reason: string; data: Record<string, unknown> }

/** The customer's decided turns from `from` to `to` (open end when null), as timeline entries at the instant they were decided. */
export async function agentTimeline(q: Queryable, orgId: string, customerId: string, from: string, to: string | null): Promise<AgentEntry[]> {
  const rows = await q.query<DecisionRow>(
    `SELECT ${COLUMNS} FROM agent_turns WHERE org_id = $1 AND customer_id = $2 AND status = 'decided' AND decided_at >= $3
       AND ($4::timestamptz IS NULL OR decided_at <= $4) ORDER BY decided_at, id`, [orgId, customerId, from, to]);
  return rows.map((r) => ({
    id: r.id, at: r.decided_at!, kind: 'agent_decision',
    reason: `agent read the ${r.channel} reply as ${r.intent ?? '?'}${r.confidence !== null ? ` (${Number(r.confidence).toFixed(2)})` : ''}: ${r.action ?? 'nothing'}`
      + `${r.detail ? ` (${r.detail})` : ''}${r.spoken ? `; said on the call: "${r.spoken.text}" (then ${r.spoken.next})` : ''}`
      + `${r.reply_message_id ? `; answer ${r.reply_message_id}` : ''}${r.handover_id ? `; handover ${r.handover_id}` : ''}`,
    data: { turn_id: r.id, inbound_id: r.inbound_id, intent: r.intent, confidence: r.confidence, understood_by: r.understood_by, action: r.action,
      reply_message_id: r.reply_message_id, handover_id: r.handover_id, ...(r.spoken ? { spoken: r.spoken } : {}) },
  }));
}
