// Reading messages: what was sent, deferred or blocked, with the rendered content (the sandbox's inbox too), and one
// message with the org's wording it was built from.
import type { Queryable } from '../db/index.ts';
import { maskedContent } from '../messaging/index.ts';
import { openCopies } from '../vault/index.ts';
import { orgTemplateVersion, type OrgTemplateVersion } from '../org-templates/index.ts';

export interface MessageView {
  id: string; action_id: string; case_id: string | null; customer_id: string; channel: string; provider: string | null; address: string | null;
  template: string | null; tone: string | null; status: string; attempts: number; next_attempt_at: string; reason: string | null;
  provider_message_id: string | null; content: Record<string, unknown>; created_at: string; sent_at: string | null;
  /** The provider's cost in micro-units (millionths of the currency's major unit), priced when sent. */
  cost_micros: number | null; cost_currency: string | null;
  /** The message whose block or permanent failure fired this fallback; when the provider last reported a state. */
  fallback_of: string | null; delivery_at: string | null;
  /**
   * Which text was sent (set when sent): its language, and when it was the org's own text, the tone its row is saved for
   * (the message's own or 'any') and that row's version then; a null version is cobro's shipped text. The version's kept
   * wording's id (null for cobro's text, and for a message sent before 079 with a version no longer the text's own).
   */
  template_language: string | null; org_template_tone: string | null; org_template_version: number | null; org_template_version_id: string | null;
}

/** One message with the org's wording it was built from (null: cobro's shipped text, or a wording sent before 079 and not kept). */
export interface MessageDetail extends MessageView { org_template_text: OrgTemplateVersion | null }

export interface MessageFilter { customerId?: string; channel?: string; status?: string; limit?: number }

// one_time: the message carries a call's one-time code (its action holds the code's hash), masked in what is shown
const COLUMNS = `id, action_id, case_id, customer_id, channel, provider, address, template, tone, status, attempts, next_attempt_at, reason,
  provider_message_id, content, created_at, sent_at, cost_micros::float8 AS cost_micros, cost_currency, fallback_of, delivery_at,
  template_language, org_template_tone, org_template_version, org_template_version_id,
  EXISTS (SELECT 1 FROM actions a WHERE a.org_id = messages.org_id AND a.id = messages.action_id AND a.payload ? 'call_code') AS one_time`;

type Row = MessageView & { one_time: boolean };

/** The rows as shown: a one-time code's message with its digits masked (the provider got them, staff reading messages do not). */
const shown = (rows: Row[]): MessageView[] =>
  rows.map(({ one_time, ...m }) => (one_time ? { ...m, content: maskedContent(m.content) as Record<string, unknown> } : m));

export async function listMessages(q: Queryable, orgId: string, f: MessageFilter = {}): Promise<MessageView[]> {
  return shown(await openCopies(q, orgId, 'messages.address', await q.query<Row>(
    `SELECT ${COLUMNS} FROM messages WHERE org_id = $1 AND ($2::text IS NULL OR customer_id = $2) AND ($3::text IS NULL OR channel = $3)
       AND ($4::text IS NULL OR status = $4) ORDER BY updated_at DESC, id DESC LIMIT $5`,
    [orgId, f.customerId ?? null, f.channel ?? null, f.status ?? null, Math.min(f.limit ?? 50, 500)])));
}

export async function getMessage(q: Queryable, orgId: string, id: string): Promise<MessageDetail | undefined> {
  const [m] = shown(await openCopies(q, orgId, 'messages.address', await q.query<Row>(`SELECT ${COLUMNS} FROM messages WHERE org_id = $1 AND id = $2`, [orgId, id])));
  if (!m) return undefined;
  return { ...m, org_template_text: m.org_template_version_id ? await orgTemplateVersion(q, orgId, m.org_template_version_id) : null };
}
