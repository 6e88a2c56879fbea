// A call's one-time code at rest: its SMS is stored with the code in clear only while it waits to be sent (the
// dispatcher reads it from there). Once it has left the queue (sent, failed or blocked) or the code is over (typed right,
// voided, expired), the stored content gets the digits masked as staff see them, and an SMS still waiting for a code that
// is over is cancelled. Done by the verification flow when a code is typed, and after each dispatch by a sweep of the
// codes not masked yet; the action's call_code records `masked_at`.
import type { Queryable } from '../../db/index.ts';
import { maskedContent } from '../../messaging/index.ts';

/** Statuses in which the dispatcher still needs (or is reading) the text. */
const WAITING = new Set(['queued', 'deferred']);

interface Held { id: string; action_id: string; status: string; content: unknown; expires_at: string; state: string }

/**
 * Masks the code SMS of these call-code actions that no longer need the code in clear (left the queue, or the code is
 * over: expired, verified or void; an SMS still waiting then is cancelled); one in the dispatcher's hands ('sending') is
 * left to the next sweep. Returns how many were masked.
 */
export async function maskCodeMessages(q: Queryable, orgId: string, actionIds: readonly string[], now: Date): Promise<number> {
  if (actionIds.length === 0) return 0;
  const rows = await q.query<Held>(
    `SELECT m.id, m.action_id, m.status, m.content, a.payload->'call_code'->>'expires_at' AS expires_at, a.payload->'call_code'->>'state' AS state
     FROM actions a JOIN messages m ON m.org_id = a.org_id AND m.action_id = a.id
     WHERE a.org_id = $1 AND a.id = ANY($2::text[]) AND a.payload ? 'call_code' AND NOT (a.payload->'call_code' ? 'masked_at')`, [orgId, actionIds]);
  let masked = 0;
  for (const r of rows) {
    const over = r.state !== 'open' || now.getTime() >= Date.parse(r.expires_at);
    if (r.status === 'sending' || (WAITING.has(r.status) && !over)) continue;
    // the status may have moved on since it was read (a dispatcher claimed the SMS, sent it and wrote what it sent):
    // written only while the message is where it was read (waiting, or settled), so the content masked is the one read
    const [done] = await q.query<{ id: string }>(
      `UPDATE messages SET content = $4::jsonb, updated_at = $5,
         status = CASE WHEN status IN ('queued', 'deferred') THEN 'cancelled' ELSE status END,
         reason = CASE WHEN status IN ('queued', 'deferred') THEN 'the call''s one-time code was over before its SMS was sent' ELSE reason END
       WHERE org_id = $1 AND id = $2 AND CASE WHEN $3 THEN status IN ('queued', 'deferred') ELSE status NOT IN ('queued', 'deferred', 'sending') END RETURNING id`,
      [orgId, r.id, WAITING.has(r.status), JSON.stringify(maskedContent(r.content)), now]);
    if (!done) continue;
    await q.query(`UPDATE actions SET payload = jsonb_set(payload, '{call_code,masked_at}', to_jsonb($3::text)) WHERE org_id = $1 AND id = $2`,
      [orgId, r.action_id, now.toISOString()]);
    masked++;
  }
  return masked;
}

/**
 * The sweep after a dispatch: every call code of the org whose SMS's copy is not masked yet (a few rows, through the
 * partial index of migration 061), masked once its SMS has left the queue (sent, failed or blocked) or the code is over.
 */
export async function maskSentCodes(q: Queryable, orgId: string, now: Date): Promise<number> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM actions WHERE org_id = $1 AND payload ? 'call_code' AND NOT (payload -> 'call_code' ? 'masked_at')`, [orgId]);
  return maskCodeMessages(q, orgId, rows.map((r) => r.id), now);
}
