// What one turn is decided from, read from the ledger and the agent's own records: the reply, the customer and their
// open case, what they owe, the org's limits, their plan, extensions, pending promise, earlier turns and open handovers.
import type { Queryable } from '../db/index.ts';
import { dateInZone, type CalendarDate } from '../domain/index.ts';
import { getLimits, listExtensions, listPlans, listPromises, owedByCurrency, type NegotiationLimits } from '../payments/index.ts';
import { dueOnBusinessDays } from '../engine/index.ts';
import { handoverOpen } from './handover.ts';
import type { Awaiting, OwedNow, PastTurn } from './policy-types.ts';
import { openCopy, openCustomerRow } from '../vault/index.ts';

export interface TurnRow { id: string; inbound_id: string; customer_id: string; channel: string; attempts: number; created_at: string }

export interface Reply {
  text: string; channel: string; from_address: string; received_at: string;
  /** Speech on a call: how sure the recognition was (null for written replies). */
  speech_confidence?: number | null;
}

export interface Customer {
  id: string; name: string; external_id: string | null; language: string | null; country: string | null; timezone: string;
  /** ISO 3166-2 region ('SP' or 'BR-SP'): a plan's instalments skip its holidays too. */
  region?: string | null;
  email: string | null; phone: string | null; whatsapp: string | null; org_name: string;
}

export async function readReply(q: Queryable, orgId: string, inboundId: string): Promise<Reply | null> {
  const [r] = await q.query<Reply>('SELECT text, channel, from_address, received_at, speech_confidence FROM inbound_messages WHERE org_id = $1 AND id = $2', [orgId, inboundId]);
  // the sender is sealed bound to the message when the org has field encryption on
  return r ? { ...r, from_address: (await openCopy(q, orgId, 'inbound_messages.from_address', inboundId, r.from_address))! } : null;
}

export async function readCustomer(q: Queryable, orgId: string, customerId: string): Promise<Customer | null> {
  const [c] = await q.query<Customer>(
    `SELECT c.id, c.name, c.external_id, c.language, c.country, c.region, COALESCE(c.timezone, o.default_timezone, 'UTC') AS timezone, c.email, c.phone, c.whatsapp,
       o.name AS org_name
     FROM customers c JOIN orgs o ON o.id = c.org_id WHERE c.org_id = $1 AND c.id = $2`, [orgId, customerId]);
  return c ? openCustomerRow(q, orgId, c) : null;
}

export async function owedNow(q: Queryable, orgId: string, customerId: string): Promise<(OwedNow & { invoiceIds: string[] }) | null> {
  const [o] = await owedByCurrency(q, orgId, customerId);
  if (!o || !o.invoices[0]) return null;
  return { currency: o.currency, balance: o.balance, invoices: o.invoices.length, oldestDue: o.invoices[0].due_date, invoiceIds: o.invoices.map((i) => i.id) };
}

export interface TurnState {
  caseRow: { id: string; cycle: number } | null;
  owed: (OwedNow & { invoiceIds: string[] }) | null;
  limits: NegotiationLimits;
  activePlan: boolean;
  extensionsUsed: number;
  pendingPromise: { amount: number; currency: string; dueDate: CalendarDate } | null;
  history: PastTurn[];
  handoverOpen: boolean;
  /** Invoices with a balance are open under dispute. */
  disputedOpen: boolean;
  today: CalendarDate;
  /** Where a plan's instalment falling on a closed day moves: the customer's business days. */
  dueOn: (date: CalendarDate) => CalendarDate;
}

const WEEK_MS = 7 * 86_400_000;

async function history(q: Queryable, orgId: string, customerId: string, turnId: string, now: Date): Promise<PastTurn[]> {
  const rows = await q.query<{ at: string | Date; channel: string; intent: PastTurn['intent']; confidence: number | null; action: string | null;
    awaiting: Awaiting | null; reply_message_id: string | null; spoken: boolean }>(
    `SELECT created_at AS at, channel, intent, confidence::float8 AS confidence, action, awaiting, reply_message_id, spoken IS NOT NULL AS spoken FROM agent_turns
     WHERE org_id = $1 AND customer_id = $2 AND status = 'decided' AND id <> $3 AND created_at >= $4 ORDER BY created_at DESC, id DESC LIMIT 20`,
    [orgId, customerId, turnId, new Date(now.getTime() - WEEK_MS)]);
  return rows.reverse().map((r) => ({ at: new Date(r.at).toISOString(), channel: r.channel, intent: r.intent, confidence: r.confidence, action: r.action,
    awaiting: r.awaiting, replied: r.reply_message_id !== null || r.spoken }));
}

export async function turnState(q: Queryable, orgId: string, customer: Customer, turnId: string, now: Date): Promise<TurnState> {
  const [caseRow] = await q.query<{ id: string; cycle: number }>(
    `SELECT id, cycle FROM cases WHERE org_id = $1 AND customer_id = $2 AND status = 'open' LIMIT 1`, [orgId, customer.id]);
  const yearAgo = now.getTime() - 365 * 86_400_000;
  const [promise] = await listPromises(q, orgId, { customerId: customer.id, status: 'pending', limit: 1 });
  return {
    caseRow: caseRow ?? null,
    owed: await owedNow(q, orgId, customer.id),
    limits: await getLimits(q, orgId),
    activePlan: (await listPlans(q, orgId, { customerId: customer.id, status: 'active', limit: 1 })).length > 0,
    extensionsUsed: (await listExtensions(q, orgId, customer.id)).filter((x) => new Date(x.created_at).getTime() > yearAgo).length,
    pendingPromise: promise ? { amount: Number(promise.amount), currency: promise.currency, dueDate: promise.due_date } : null,
    history: await history(q, orgId, customer.id, turnId, now),
    dueOn: await dueOnBusinessDays(q, orgId, customer.country, customer.region),
    handoverOpen: await handoverOpen(q, orgId, customer.id),
    disputedOpen: (await q.query('SELECT 1 FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled AND disputed LIMIT 1',
      [orgId, customer.id])).length > 0,
    today: dateInZone(now, customer.timezone),
  };
}
