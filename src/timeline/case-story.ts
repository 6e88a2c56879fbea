// The case timeline as a person reads it: the engine's entries (plans, skips, cancellations, notes, calls) in the order they
// were written, with the customer's promises, plans, extensions, discounts and disputes, the messages that went out or
// failed, the replies that came back and the payments recorded during the case, each placed at its instant.
import type { Queryable } from '../db/index.ts';
import { ok, type Result } from '../domain/result.ts';
import { getCase, type CaseDetail, type CaseEvent } from '../engine/index.ts';
import { arrangementTimeline } from '../payments/index.ts';
import { agentTimeline } from '../agent/index.ts';
import { formatMinor } from '../domain/money.ts';
import { listPayments } from '../ledger/index.ts';

export type StoryEntry = CaseEvent;

const iso = (at: string | Date) => new Date(at).toISOString();

/**
 * Inserts `extra` (any order) into `base` (kept in its own order) by instant: each extra entry goes before the first base
 * entry that is later than it, so the engine's order is never changed and entries at the same instant keep base first.
 */
export function mergeByTime(base: readonly StoryEntry[], extra: readonly StoryEntry[]): StoryEntry[] {
  const rest = [...extra].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const out: StoryEntry[] = [];
  let i = 0;
  for (const e of base) {
    while (i < rest.length && Date.parse(rest[i]!.at) < Date.parse(e.at)) out.push(rest[i++]!);
    out.push(e);
  }
  return [...out, ...rest.slice(i)];
}

/** Which text went out, as the timeline says it: " (the org's text v3, es)", " (shipped text, es)", nothing before a send. */
function textOf(m: { template_language: string | null; org_template_tone: string | null; org_template_version: number | null }): string {
  if (!m.template_language) return '';
  if (m.org_template_tone === null) return ` (shipped text, ${m.template_language})`;
  const tone = m.org_template_tone === 'any' ? ', for any tone' : '';
  return ` (the org's text${m.org_template_version !== null ? ` v${m.org_template_version}` : ''}${tone}, ${m.template_language})`;
}

/**
 * Where the org's wording a message was built from can be read: its kept version's id (GET /v1/messages/{id} and
 * `cobro message ID` show that wording) and the text's versions. Null for cobro's shipped text or a send from before
 * wordings were kept.
 */
function wordingOf(m: { channel: string; template: string | null; template_language: string | null; org_template_tone: string | null;
  org_template_version_id: string | null }): { org_template_version_id: string | null; org_template_versions_url: string | null } {
  const key = m.template && m.org_template_tone && m.template_language
    ? [m.template, m.channel, m.org_template_tone, m.template_language].map(encodeURIComponent).join('/') : null;
  return { org_template_version_id: m.org_template_version_id,
    org_template_versions_url: m.org_template_version_id && key ? `/v1/templates/custom/${key}/versions` : null };
}

async function messageEntries(q: Queryable, orgId: string, caseId: string): Promise<StoryEntry[]> {
  const rows = await q.query<{ id: string; channel: string; status: string; template: string | null; reason: string | null; address: string | null;
    sent_at: string | null; updated_at: string; action_id: string; template_language: string | null; org_template_tone: string | null;
    org_template_version: number | null; org_template_version_id: string | null }>(
    `SELECT id, channel, status, template, reason, address, sent_at, updated_at, action_id, template_language, org_template_tone, org_template_version,
       org_template_version_id FROM messages
     WHERE org_id = $1 AND case_id = $2 AND status IN ('sent', 'delivered', 'read', 'failed', 'bounced', 'blocked', 'uncertain')`, [orgId, caseId]);
  return rows.map((m) => {
    const went = m.status === 'sent' || m.status === 'delivered' || m.status === 'read';
    return { id: m.id, at: iso(went && m.sent_at ? m.sent_at : m.updated_at), kind: went ? 'message_sent' : `message_${m.status}`, step_id: null,
      idempotency_key: null, reason: `${m.channel}${m.template ? ` ${m.template}` : ''}${textOf(m)}: ${m.status}${m.reason && !went ? ` (${m.reason})` : ''}`,
      data: { message_id: m.id, action_id: m.action_id, channel: m.channel, status: m.status, template: m.template,
        template_language: m.template_language, org_template_tone: m.org_template_tone, org_template_version: m.org_template_version,
        ...wordingOf(m) } };
  });
}

/** A file sent with a reply, as the case's timeline lists it. */
interface ReplyFile { id: string; status: string; content_type: string | null; filename: string | null; size: number | null }

async function replyEntries(q: Queryable, orgId: string, customerId: string, from: string, to: string | null): Promise<StoryEntry[]> {
  // with the files sent with each (GET /v1/replies/{id}/attachments has the rest of what is known of them)
  const rows = await q.query<{ id: string; channel: string; text: string; received_at: string; in_reply_to: string | null; attachments: ReplyFile[] | null }>(
    `SELECT m.id, m.channel, m.text, m.received_at, m.in_reply_to,
       (SELECT jsonb_agg(jsonb_build_object('id', a.id, 'status', a.status, 'content_type', a.content_type, 'filename', a.filename, 'size', a.size)
          ORDER BY a.created_at, a.id) FROM inbound_attachments a WHERE a.org_id = m.org_id AND a.inbound_id = m.id) AS attachments
     FROM inbound_messages m
     WHERE m.org_id = $1 AND m.customer_id = $2 AND m.received_at >= $3 AND ($4::timestamptz IS NULL OR m.received_at <= $4) ORDER BY m.received_at`,
    [orgId, customerId, from, to]);
  return rows.map((r) => ({ id: r.id, at: iso(r.received_at), kind: 'reply_received', step_id: null, idempotency_key: null,
    reason: `${r.channel}: ${r.text.length > 140 ? `${r.text.slice(0, 139)}…` : r.text}${r.attachments ? ` (${r.attachments.length} file${r.attachments.length > 1 ? 's' : ''})` : ''}`,
    data: { inbound_id: r.id, channel: r.channel, in_reply_to: r.in_reply_to, ...(r.attachments ? { attachments: r.attachments } : {}) } }));
}

/**
 * Payments dated from the case's opening day to its closing day, and their reversals, each at the instant it was recorded
 * (held within the case's span: a payment recorded as the case closed belongs to it).
 */
async function paymentEntries(q: Queryable, orgId: string, customerId: string, from: string, to: string | null): Promise<StoryEntry[]> {
  const out: StoryEntry[] = [];
  const span = (at: string) => iso(new Date(Math.min(Math.max(Date.parse(at), Date.parse(from)), to ? Date.parse(to) : Infinity)));
  let cursor: string | undefined;
  do {
    const page = await listPayments(q, orgId, { customer_id: customerId, from: iso(from).slice(0, 10), ...(to ? { to: iso(to).slice(0, 10) } : {}),
      limit: 500, ...(cursor ? { cursor } : {}) });
    for (const p of page.data) {
      const amount = `${formatMinor(p.amount, p.currency)} ${p.currency}`;
      const data = { payment_id: p.id, amount: p.amount, currency: p.currency, date: p.date, method: p.method, source: p.source };
      out.push({ id: `pay_${p.id}`, at: span(p.created_at), kind: 'payment_received', step_id: null, idempotency_key: null,
        reason: `${amount} paid on ${p.date}${p.method ? ` by ${p.method}` : ''}`, data });
      if (p.reversed_at) {
        out.push({ id: `rev_${p.id}`, at: span(p.reversed_at), kind: 'payment_reversed', step_id: null, idempotency_key: null,
          reason: `${amount} reversed${p.reversal_reason ? `: ${p.reversal_reason}` : ''}`, data });
      }
    }
    cursor = page.has_more && page.next_cursor ? page.next_cursor : undefined;
  } while (cursor);
  return out;
}

/** A case (by id or customer id) with the whole timeline. Arrangements and replies count from the case's opening to its close. */
export async function caseStory(q: Queryable, orgId: string, id: string): Promise<Result<CaseDetail>> {
  const c = await getCase(q, orgId, id);
  if (!c.ok) return c;
  const { opened_at: from, closed_at: to, customer_id: customerId } = c.value;
  const within = (at: string) => Date.parse(at) >= Date.parse(from) && (!to || Date.parse(at) <= Date.parse(to));
  const arrangements = (await arrangementTimeline(q, orgId, customerId)).filter((e) => within(e.at)).map((e, n) => ({
    id: `arr_${n}_${e.kind}`, at: iso(e.at), kind: e.kind, step_id: null, idempotency_key: null, reason: e.reason, data: e.data }));
  const payments = await paymentEntries(q, orgId, customerId, from, to);
  const extra = [...arrangements, ...(await messageEntries(q, orgId, c.value.id)), ...(await replyEntries(q, orgId, customerId, from, to)), ...payments,
    ...(await agentTimeline(q, orgId, customerId, from, to)).map((e) => ({ ...e, step_id: null, idempotency_key: null }))];
  return ok({ ...c.value, timeline: mergeByTime(c.value.timeline, extra) });
}
