// A customer's conversation, newest page first: the debtor's replies (with what the agent read, and the handover it
// opened), the agent's and people's answers, the portal chat's answers and what the agent said on a call; with every
// message cobro sent when asked (reminders, confirmations, one-off messages: those the case's timeline shows).
// The handover screen reads its last 100 lines (conversationOf); `cobro conversation` pages through all of it.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { redactCardNumbers } from '../channels/index.ts';
import { maskedCode } from '../messaging/index.ts';
import { AGENT_TEMPLATE } from './outbox.ts';

export interface ConversationLine {
  id: string; at: string; direction: 'in' | 'out'; channel: string; text: string;
  /** Replies: what the agent read (an `inm_` id to correct). Answers: who wrote them and their state. */
  intent: string | null; confidence: number | null; action: string | null; by: 'debtor' | 'agent' | 'person'; status: string | null;
}

/** A line of the whole conversation: `cobro` marks a message cobro sent on its own (a reminder, a confirmation, a one-off). */
export interface ConversationEntry extends Omit<ConversationLine, 'by'> {
  by: ConversationLine['by'] | 'cobro';
  /** Messages: the template sent. */
  template: string | null;
  /** Replies: the handover the agent's reading of it opened. */
  handover_id: string | null;
}

export interface ConversationPage { lines: ConversationEntry[]; has_more: boolean; next_before: string | null }

export interface ConversationQuery {
  /** Lines a page (the newest first chosen, shown oldest first). */
  limit: number;
  /** A line's id: the lines before it. */
  before?: string | undefined;
  /** Every message cobro sent that went out or failed (as the case's timeline lists them), not only the answers. */
  everyMessage?: boolean;
}

/** The statuses of a message the case's timeline shows: it went out, or it failed, bounced or was blocked. */
const SHOWN = ['sent', 'delivered', 'read', 'failed', 'bounced', 'blocked', 'uncertain'];

const LINES = `
  SELECT i.id, i.received_at AS at, 'in' AS direction, i.channel, i.text, t.intent, t.confidence::float8 AS confidence, t.action, 'debtor' AS by,
    NULL AS status, NULL::jsonb AS raw, false AS one_time, NULL AS template, h.id AS handover_id
  FROM inbound_messages i LEFT JOIN agent_turns t ON t.org_id = i.org_id AND t.inbound_id = i.id
  LEFT JOIN agent_handovers h ON h.org_id = t.org_id AND h.turn_id = t.id
  WHERE i.org_id = $1 AND i.customer_id = $2
  UNION ALL
  SELECT m.id, CASE WHEN m.template = $3 THEN m.created_at ELSE COALESCE(m.sent_at, m.updated_at) END, 'out', m.channel, '', NULL, NULL, NULL,
    CASE WHEN m.template IS DISTINCT FROM $3 THEN 'cobro' WHEN m.content->'agent'->>'by' = 'person' THEN 'person' ELSE 'agent' END,
    m.status, m.content,
    -- a call's one-time code (its action holds the code's hash): shown masked
    EXISTS (SELECT 1 FROM actions a WHERE a.org_id = m.org_id AND a.id = m.action_id AND a.payload ? 'call_code'), m.template, NULL
  FROM messages m WHERE m.org_id = $1 AND m.customer_id = $2 AND (m.template = $3 OR ($4 AND m.status = ANY($5::text[])))
  UNION ALL
  SELECT p.id, p.created_at, 'out', 'portal', p.text, NULL, NULL, NULL, p.author, 'shown', NULL, false, NULL, NULL
  FROM portal_chat_answers p WHERE p.org_id = $1 AND p.customer_id = $2
  UNION ALL
  SELECT t.id || ':spoken', t.decided_at, 'out', 'voice', t.spoken->>'text', NULL, NULL, NULL, 'agent', 'spoken', NULL, false, NULL, NULL
  FROM agent_turns t WHERE t.org_id = $1 AND t.customer_id = $2 AND t.spoken IS NOT NULL`;

type Row = ConversationEntry & { raw: Record<string, unknown> | null; one_time: boolean };

/** The words of a line: a message's text (or WhatsApp preview, or the agent's own words), card numbers removed, a call's code masked. */
function shown({ raw, one_time, ...r }: Row): ConversationEntry {
  const spec = raw?.['agent'] as { text?: string } | undefined;
  const words = typeof raw?.['text'] === 'string' ? raw['text'] as string : typeof raw?.['preview'] === 'string' ? raw['preview'] as string : spec?.text ?? r.text;
  return { ...r, at: new Date(r.at).toISOString(), text: redactCardNumbers(one_time ? maskedCode(words ?? '') : words ?? '') };
}

/**
 * One page of the customer's conversation: the `limit` lines before `before` (the newest when none), oldest first.
 * A `before` that is not a line of this customer's conversation is refused naming it.
 */
export async function conversationPage(q: Queryable, orgId: string, customerId: string, p: ConversationQuery): Promise<Result<ConversationPage>> {
  // with `before`, that line itself comes first (so an unknown one is told from the end of the conversation), then one
  // more than the page to know whether there are more
  const rows = await q.query<Row>(
    `WITH x AS (${LINES})
     SELECT * FROM x WHERE $6::text IS NULL OR (x.at, x.direction, x.id) <= (SELECT c.at, c.direction, c.id FROM x c WHERE c.id = $6)
     ORDER BY at DESC, direction DESC, id DESC LIMIT $7`,
    [orgId, customerId, AGENT_TEMPLATE, p.everyMessage ?? false, SHOWN, p.before ?? null, p.limit + 1 + (p.before ? 1 : 0)]);
  if (p.before) {
    if (rows[0]?.id !== p.before) return fail('NOT_FOUND', `before: no line ${p.before} in the customer's conversation`, 'before');
    rows.shift();
  }
  const page = rows.slice(0, p.limit);
  const has_more = rows.length > p.limit;
  return ok({ lines: page.reverse().map(shown), has_more, next_before: has_more ? page[0]?.id ?? null : null });
}

/** The customer's last 100 replies and answers, oldest first, card numbers removed (the handover screen's conversation). */
export async function conversationOf(q: Queryable, orgId: string, customerId: string): Promise<ConversationLine[]> {
  const r = await conversationPage(q, orgId, customerId, { limit: 100 });
  if (!r.ok) throw new Error(r.error.message); // no `before`: there is nothing to refuse
  // only the answers are asked for, so no line is cobro's own
  return r.value.lines.map(({ template: _t, handover_id: _h, by, ...l }) => ({ ...l, by: by === 'cobro' ? 'agent' : by }));
}
