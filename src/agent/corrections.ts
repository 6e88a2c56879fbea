// Collectors correcting what the agent understood: the right intent of a stored reply, kept as training data (one per
// reply, the latest wins) and exported as JSONL lines in the shape of the evaluation set, to be folded into the corpus.
import type { Queryable } from '../db/index.ts';
import { fail, newId, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { redactCardNumbers } from '../channels/index.ts';
import { INTENTS, type Intent } from './types.ts';
import { understand } from './understand.ts';

export interface Correction {
  id: string; inbound_id: string; text: string; language: string; understood_intent: string | null; intent: Intent; note: string | null;
  corrected_by: string; created_at: string;
}

const COLUMNS = 'id, inbound_id, text, language, understood_intent, intent, note, corrected_by, created_at';

export async function correctIntent(q: Queryable, orgId: string, actor: string, inboundId: string, input: { intent: string; note?: string }, now: Date): Promise<Result<Correction>> {
  if (!(INTENTS as readonly string[]).includes(input.intent)) return fail('VALIDATION_FAILED', `intent is one of ${INTENTS.join(', ')}`, 'intent');
  const [reply] = await q.query<{ id: string; text: string; received_at: string }>(
    'SELECT id, text, received_at FROM inbound_messages WHERE org_id = $1 AND id = $2', [orgId, inboundId]);
  if (!reply) return fail('NOT_FOUND', `no reply ${inboundId}`, 'reply_id');
  const [turn] = await q.query<{ intent: string | null; language: string | null }>(
    'SELECT intent, language FROM agent_turns WHERE org_id = $1 AND inbound_id = $2', [orgId, inboundId]);
  const text = redactCardNumbers(reply.text);
  // a reply the agent never read (it was off) is read now, so the correction records what the model would have said
  const read = turn?.intent && turn.language ? null : understand(text, { now: new Date(reply.received_at), timeZone: 'UTC' });
  const [row] = await q.query<Correction>(
    `INSERT INTO agent_corrections (id, org_id, inbound_id, text, language, understood_intent, intent, note, corrected_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (org_id, inbound_id) DO UPDATE SET intent = EXCLUDED.intent, note = EXCLUDED.note, corrected_by = EXCLUDED.corrected_by,
       created_at = EXCLUDED.created_at
     RETURNING ${COLUMNS}`,
    [newId('correction', now.getTime()), orgId, inboundId, text, turn?.language ?? read?.language ?? 'en', turn?.intent ?? read?.intent ?? null,
      input.intent, input.note?.slice(0, 1000) ?? null, actor, now.toISOString()]);
  await recordAudit(q, { orgId, actor, action: 'agent.intent_corrected', entity: 'reply', entityId: inboundId,
    data: { correction: row!.id, understood: row!.understood_intent, intent: input.intent } }, now);
  return ok(row!);
}

export async function listCorrections(q: Queryable, orgId: string, limit = 10_000): Promise<Correction[]> {
  return q.query<Correction>(`SELECT ${COLUMNS} FROM agent_corrections WHERE org_id = $1 ORDER BY created_at, id LIMIT $2`, [orgId, Math.min(limit, 100_000)]);
}

/** One line per correction, as the evaluation files are written: {"text", "intent", "language"}, plus what was understood. */
export function correctionsJsonl(rows: readonly Correction[]): string {
  return rows.map((r) => JSON.stringify({ text: r.text, intent: r.intent, language: r.language, understood: r.understood_intent })).join('\n') + (rows.length ? '\n' : '');
}
