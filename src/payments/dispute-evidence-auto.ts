// What cobro fills a gateway dispute's evidence in with from its own records: the customer's name and email, the invoices
// the disputed payment paid (through its payment link), the communication history about them (messages sent whose planned
// action names one of them or no invoice at all, and the replies to those or to no message; oldest first), the promises, extensions and plans agreed, and the service or delivery dates an
// invoice's metadata carries (service_date, delivery_date, shipping_date). Read each time, so it is as of now (but for a copy
// kept at an erasure while the dispute is open, which is read instead: dispute-evidence-snapshot.ts).
import type { Queryable } from '../db/index.ts';
import { openCustomerRow } from '../vault/fields/customer-fields.ts';
import { arrangementLine, evidenceWords, type EvidenceWords } from './dispute-evidence-words.ts';
import type { GatewayDisputeRef } from './dispute-evidence-store.ts';

export interface AutoInvoice { id: string; number: string; amount: number; currency: string; issue_date: string; due_date: string; service_date: string | null; shipping_date: string | null }
export interface AutoMessage { at: string; direction: 'sent' | 'received'; channel: string; status: string | null; subject: string | null; text: string }
export interface AutoArrangement { kind: 'promise' | 'extension' | 'plan'; id: string; amount: number; currency: string; made_on: string; due_date: string; status: string }

export interface AutoEvidence {
  customer: { id: string; name: string; email: string | null };
  invoices: AutoInvoice[];
  communications: AutoMessage[];
  arrangements: AutoArrangement[];
  /** The earliest service (or delivery) date the invoices state, when any does. */
  service_date: string | null;
  shipping_date: string | null;
}

/** The most messages the history carries (the newest kept). */
export const HISTORY_MAX = 200;
const SENT = ['sent', 'delivered', 'read'];

const dateOf = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v) ? v : null);
const earliest = (dates: (string | null)[]): string | null => dates.filter((d): d is string => d !== null).sort()[0] ?? null;

export async function autoEvidence(q: Queryable, orgId: string, d: GatewayDisputeRef): Promise<AutoEvidence> {
  const [row] = await q.query<{ id: string; name: string; email: string | null }>(
    'SELECT id, name, email FROM customers WHERE org_id = $1 AND id = $2', [orgId, d.customer_id]);
  const customer = row && await openCustomerRow(q, orgId, row, d.customer_id); // the email opened when sealed (field encryption)
  const invoices = (await q.query<{ id: string; number: string; amount: string; currency: string; issue_date: string; due_date: string; metadata: Record<string, unknown> }>(
    `SELECT i.id, i.number, i.amount::text, i.currency, i.issue_date::text, i.due_date::text, i.metadata FROM invoices i
     JOIN payment_links l ON l.org_id = i.org_id AND l.id = $2 AND i.id = ANY(l.invoice_ids)
     WHERE i.org_id = $1 ORDER BY i.issue_date, i.number`, [orgId, d.link_id]))
    .map((i): AutoInvoice => ({ id: i.id, number: i.number, amount: Number(i.amount), currency: i.currency, issue_date: i.issue_date, due_date: i.due_date,
      service_date: dateOf(i.metadata?.service_date) ?? dateOf(i.metadata?.delivery_date), shipping_date: dateOf(i.metadata?.shipping_date) }));
  // the messages about the disputed invoices (their planned action names one of them) or about the whole account (it names
  // none, or they were sent outside a plan), and the replies to those or to no message in particular
  const invoiceIds = invoices.map((i) => i.id);
  const sent = await q.query<{ id: string; at: string; channel: string; status: string; subject: string | null; text: string | null }>(
    `SELECT m.id, COALESCE(m.sent_at, m.created_at) AS at, m.channel, m.status, m.content->>'subject' AS subject, COALESCE(m.content->>'text', m.content->>'body', '') AS text
     FROM messages m LEFT JOIN actions a ON a.org_id = m.org_id AND a.id = m.action_id
     WHERE m.org_id = $1 AND m.customer_id = $2 AND m.status = ANY($3::text[])
       AND (a.id IS NULL OR cardinality(a.invoice_ids) = 0 OR cardinality($4::text[]) = 0 OR a.invoice_ids && $4::text[])
     ORDER BY COALESCE(m.sent_at, m.created_at) DESC LIMIT ${HISTORY_MAX}`,
    [orgId, d.customer_id, SENT, invoiceIds]);
  const received = await q.query<{ at: string; channel: string; text: string }>(
    `SELECT received_at AS at, channel, text FROM inbound_messages WHERE org_id = $1 AND customer_id = $2 AND (in_reply_to IS NULL OR in_reply_to = ANY($3::text[]))
     ORDER BY received_at DESC LIMIT ${HISTORY_MAX}`, [orgId, d.customer_id, sent.map((m) => m.id)]);
  const communications = [
    ...sent.map((m): AutoMessage => ({ at: m.at, direction: 'sent', channel: m.channel, status: m.status, subject: m.subject, text: m.text ?? '' })),
    ...received.map((m): AutoMessage => ({ at: m.at, direction: 'received', channel: m.channel, status: null, subject: null, text: m.text })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-HISTORY_MAX);
  const promises = await q.query<{ id: string; kind: 'promise' | 'extension'; amount: string; currency: string; made_on: string; due_date: string; status: string }>(
    `SELECT id, kind, amount::text, currency, made_on::text, due_date::text, status FROM promises WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at`,
    [orgId, d.customer_id]);
  const plans = await q.query<{ id: string; total: string; currency: string; made_on: string; due_date: string; status: string }>(
    `SELECT p.id, p.total::text, p.currency, p.created_at::date::text AS made_on,
       COALESCE((SELECT max(due_date) FROM plan_instalments s WHERE s.plan_id = p.id), p.start_date)::text AS due_date, p.status
     FROM plans p WHERE p.org_id = $1 AND p.customer_id = $2 ORDER BY p.created_at`, [orgId, d.customer_id]);
  const arrangements = [
    ...promises.map((p): AutoArrangement => ({ kind: p.kind, id: p.id, amount: Number(p.amount), currency: p.currency, made_on: p.made_on, due_date: p.due_date, status: p.status })),
    ...plans.map((p): AutoArrangement => ({ kind: 'plan', id: p.id, amount: Number(p.total), currency: p.currency, made_on: p.made_on, due_date: p.due_date, status: p.status })),
  ].sort((a, b) => a.made_on.localeCompare(b.made_on));
  return {
    customer: customer ?? { id: d.customer_id, name: '', email: null }, invoices, communications, arrangements,
    service_date: earliest(invoices.map((i) => i.service_date)), shipping_date: earliest(invoices.map((i) => i.shipping_date)),
  };
}

/** Minor units as a decimal with the currency code (two decimals but for the few currencies without). */
export function moneyText(amount: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
}

/** The account cobro gives of the debt in words (the org's language): the invoices, what was agreed, how much was said, and the staff's words. */
export function summaryText(a: AutoEvidence, d: GatewayDisputeRef, explanation: string, w: EvidenceWords = evidenceWords('en')): string {
  const lines = [
    w.paid(d.payment_ref, moneyText(d.amount, d.currency), `${a.customer.name}${a.customer.email ? ` <${a.customer.email}>` : ''}`),
    ...a.invoices.map((i) => `${w.invoice(i.number, i.issue_date, i.due_date, moneyText(i.amount, i.currency))}${i.service_date ? w.service(i.service_date) : ''}`),
  ];
  if (a.arrangements.length) {
    lines.push(w.agreed);
    for (const r of a.arrangements) lines.push(arrangementLine(w, r.kind, r.made_on, moneyText(r.amount, r.currency), r.due_date, r.status));
  }
  const out = a.communications.filter((m) => m.direction === 'sent').length;
  lines.push(w.communication(out, a.communications.length - out));
  if (explanation.trim()) lines.push('', explanation.trim());
  return lines.join('\n');
}
