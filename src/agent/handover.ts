// Handing a conversation to a person: a task on the worklist with a plain summary (why, what the debtor wrote, what they
// owe, what was said and done so far, the dates and amounts they named), kept as a handover the queue lists. While it is
// open the agent answers nothing for that customer.
import type { Queryable } from '../db/index.ts';
import { formatMinor, newId, type CalendarDate } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { redactCardNumbers } from '../channels/index.ts';
import type { HandoverReason, OwedNow, PastTurn } from './policy-types.ts';
import { putTask, type NewTask } from './tasks.ts';
import type { Understanding } from './types.ts';

const WHY: Readonly<Record<HandoverReason, string>> = {
  talk_to_human: 'Asked to talk to a person',
  hardship: 'Says they cannot pay because of their circumstances',
  vulnerability: 'Signs of a vulnerable situation (illness, bereavement, distress): handle with care',
  legal_threat: 'Speaks of legal action or a complaint to an authority',
  abuse: 'Abusive language',
  low_confidence: 'The agent could not read the message with confidence',
  misunderstood: 'Two messages in a row the agent did not understand',
  opt_out_unsure: 'May be asking to stop contact (not applied): decide, and record the opt-out if it is one',
  active_plan: 'Asked for a new arrangement while a plan is active',
  no_option: 'No arrangement within the negotiation limits fits',
  action_failed: 'The agent could not record what was agreed',
};

const TASK: Readonly<Record<HandoverReason, Pick<NewTask, 'kind' | 'priority'>>> = {
  talk_to_human: { kind: 'call', priority: 'high' }, hardship: { kind: 'negotiate', priority: 'high' },
  vulnerability: { kind: 'call', priority: 'urgent' }, legal_threat: { kind: 'review', priority: 'urgent' }, abuse: { kind: 'review', priority: 'high' },
  low_confidence: { kind: 'review', priority: 'normal' }, misunderstood: { kind: 'review', priority: 'normal' },
  opt_out_unsure: { kind: 'review', priority: 'high' }, active_plan: { kind: 'negotiate', priority: 'normal' },
  no_option: { kind: 'negotiate', priority: 'normal' }, action_failed: { kind: 'review', priority: 'high' },
};

export interface HandoverFacts {
  reason: HandoverReason;
  /** Why in the agent's words (the decision's detail, or the error that stopped it). */
  detail: string;
  customer: { id: string; name: string; externalId: string | null };
  caseId: string | null;
  turnId: string;
  channel: string;
  understanding: Understanding;
  history: readonly PastTurn[];
  owed: OwedNow | null;
  pendingPromise: { amount: number; currency: string; dueDate: CalendarDate } | null;
  today: CalendarDate;
}

const money = (amount: number, currency: string) => `${formatMinor(amount, currency)} ${currency}`;
const quote = (s: string, n = 300) => `"${(s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ')}"`;

/** The summary a collector reads first: plain sentences, no codes to look up. */
export function handoverSummary(f: HandoverFacts): string {
  const u = f.understanding;
  const e = u.entities;
  const who = `${f.customer.name}${f.customer.externalId ? ` (${f.customer.externalId})` : ''}`;
  const lines = [
    `${WHY[f.reason]}: ${f.detail}.`,
    `${who} ${f.channel === 'voice' ? 'said on a call' : `wrote on ${f.channel}`} in ${u.language}: ${quote(redactCardNumbers(u.text))} (read as ${u.intent}, confidence ${u.confidence.toFixed(2)}).`,
    f.owed ? `Owes ${money(f.owed.balance, f.owed.currency)} on ${f.owed.invoices} open invoice${f.owed.invoices === 1 ? '' : 's'}, the oldest due ${f.owed.oldestDue}.`
      : 'Owes nothing on open, undisputed invoices.',
  ];
  if (f.pendingPromise) lines.push(`Promise pending: ${money(f.pendingPromise.amount, f.pendingPromise.currency)} by ${f.pendingPromise.dueDate}.`);
  const named = [...e.dates.map((d) => `date ${d.date}${d.until ? ` to ${d.until}` : ''} ("${d.text}")`),
    ...e.amounts.map((a) => `amount ${a.currency ? money(a.amount, a.currency) : `${a.amount} minor units`} ("${a.text}")`),
    ...e.instalments.map((i) => `${i.count} instalments ("${i.text}")`)];
  if (named.length) lines.push(`Named: ${named.join('; ')}.`);
  if (f.history.length) {
    lines.push(`Earlier in the conversation: ${f.history.slice(-6).map((t) => `${t.at.slice(0, 16).replace('T', ' ')} ${t.intent ?? '?'}`
      + `${t.confidence !== null ? ` (${Number(t.confidence).toFixed(2)})` : ''} -> ${t.action ?? 'nothing'}`).join('; ')}.`);
  }
  return lines.join('\n');
}

export function handoverDetails(f: HandoverFacts): Record<string, unknown> {
  const u = f.understanding;
  return {
    reason: f.reason, detail: f.detail, channel: f.channel, language: u.language, text: redactCardNumbers(u.text), intent: u.intent, confidence: u.confidence,
    entities: u.entities, owed: f.owed, pending_promise: f.pendingPromise,
    intents: [...f.history.map((t) => ({ at: t.at, intent: t.intent, confidence: t.confidence, action: t.action })),
      { at: 'now', intent: u.intent, confidence: u.confidence, action: 'handed_over' }],
  };
}

/** Opens the handover: its task (one per turn), the row the queue lists, an audit entry. */
export async function openHandover(q: Queryable, orgId: string, f: HandoverFacts, now: Date): Promise<{ id: string; taskId: string }> {
  const summary = handoverSummary(f);
  const taskId = await putTask(q, orgId, { customerId: f.customer.id, caseId: f.caseId, key: `agent:handover:${f.turnId}`, ...TASK[f.reason],
    note: `Agent handover. ${summary}`, dueDate: f.today }, now);
  const id = newId('handover', now.getTime());
  await q.query(
    `INSERT INTO agent_handovers (id, org_id, customer_id, case_id, turn_id, task_id, reason, summary, details, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10) ON CONFLICT (org_id, turn_id) DO NOTHING`,
    [id, orgId, f.customer.id, f.caseId, f.turnId, taskId, f.reason, summary, JSON.stringify(handoverDetails(f)), now.toISOString()]);
  await recordAudit(q, { orgId, actor: 'agent', action: 'agent.handover', entity: 'customer', entityId: f.customer.id,
    data: { handover: id, task: taskId, reason: f.reason, turn: f.turnId } }, now);
  return { id, taskId };
}

export interface HandoverRow {
  id: string; customer_id: string; customer_name: string; case_id: string | null; turn_id: string; task_id: string; reason: HandoverReason;
  summary: string; details: Record<string, unknown>; status: 'open' | 'done' | 'cancelled'; priority: string; created_at: string;
}

/** The handover queue: open ones by default (urgent first, then oldest), or every one newest first. */
export async function listHandovers(q: Queryable, orgId: string, f: { status?: 'open' | 'all'; customerId?: string; limit?: number } = {}): Promise<HandoverRow[]> {
  const open = (f.status ?? 'open') === 'open';
  return q.query<HandoverRow>(
    `SELECT h.id, h.customer_id, c.name AS customer_name, h.case_id, h.turn_id, h.task_id, h.reason, h.summary, h.details,
       COALESCE(t.status, 'open') AS status, COALESCE(t.priority, 'normal') AS priority, h.created_at
     FROM agent_handovers h JOIN customers c ON c.org_id = h.org_id AND c.id = h.customer_id
     LEFT JOIN tasks t ON t.org_id = h.org_id AND t.id = h.task_id
     WHERE h.org_id = $1 AND ($2::text IS NULL OR h.customer_id = $2) AND (NOT $3 OR COALESCE(t.status, 'open') = 'open')
     ORDER BY ${open ? `CASE COALESCE(t.priority, 'normal') WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, h.created_at, h.id`
    : 'h.created_at DESC, h.id DESC'} LIMIT $4`,
    [orgId, f.customerId ?? null, open, Math.min(f.limit ?? 100, 1000)]);
}

/** A person has the customer's conversation: one of their handovers is still open. */
export async function handoverOpen(q: Queryable, orgId: string, customerId: string): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM agent_handovers h JOIN tasks t ON t.org_id = h.org_id AND t.id = h.task_id
     WHERE h.org_id = $1 AND h.customer_id = $2 AND t.status = 'open' LIMIT 1`, [orgId, customerId]);
  return rows.length > 0;
}
