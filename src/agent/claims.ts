// Payments a debtor says they made ("ya pagué"): the claim holds the case's reminders for the org's number of business
// days (the engine's `payment_claimed` stop reads open claims) while a person verifies it. It ends confirmed (a payment
// came in, or a person found it), rejected by a person (reminders resume at once), or expired when the hold runs out.
// Each step is a case timeline entry and an audit record.
import type { Queryable } from '../db/index.ts';
import { dateInZone, fail, newId, ok, type CalendarDate, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent, nextBusinessDay, orgClosedDays, replanCase, withClosedDays } from '../engine/index.ts';
import { getAgentSettings } from './settings.ts';
import { endInFlightHold } from '../payments/index.ts';

export type ClaimStatus = 'open' | 'confirmed' | 'rejected' | 'expired';

export interface ClaimRow {
  id: string; customer_id: string; case_id: string; turn_id: string; task_id: string; invoice_ids: string[]; amount: number | null;
  currency: string | null; paid_on: string | null; status: ClaimStatus; hold_until: string; created_at: string; resolved_at: string | null;
  resolved_by: string | null; note: string | null;
  /** `voucher` or `debit`: a payment in flight held by src/payments (in-flight.ts), with no turn or task; read by the sweep only. */
  source?: 'debtor' | 'voucher' | 'debit';
}

const COLUMNS = `id, customer_id, case_id, turn_id, task_id, invoice_ids, amount::float8 AS amount, currency, paid_on, status, hold_until, created_at,
  resolved_at, resolved_by, note`;

/**
 * `days` business days after `from` in the country's calendar (with the region's holidays where cobro keeps them) and the
 * org's quiet days: the first day reminders may come again.
 */
export function holdEnd(from: CalendarDate, days: number, country: string, closedDays?: ReadonlyMap<CalendarDate, string>, region?: string | null): CalendarDate {
  const calendar = withClosedDays(country, closedDays, region);
  let d = from;
  for (let i = 0; i < days; i++) d = nextBusinessDay(d, calendar);
  return d;
}

export interface NewClaim {
  customerId: string; caseId: string; turnId: string; taskId: string;
  amount: number | null; currency: string | null; paidOn: CalendarDate | null;
}

/** The customer's open claim (a debtor's, not a payment in flight's), if any. */
export async function openClaimOf(q: Queryable, orgId: string, customerId: string): Promise<{ id: string; hold_until: string; task_id: string } | null> {
  const [open] = await q.query<{ id: string; hold_until: string; task_id: string }>(
    `SELECT id, hold_until, task_id FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND status = 'open' AND source = 'debtor' ORDER BY created_at DESC LIMIT 1`,
    [orgId, customerId]);
  return open ?? null;
}

/** Opens the customer's claim (or keeps the one already open) and re-plans the case, so what was planned is held. */
export async function openClaim(q: Queryable, orgId: string, c: NewClaim, now: Date): Promise<{ id: string; holdUntil: CalendarDate; opened: boolean }> {
  const [open] = await q.query<{ id: string; hold_until: string }>(
    `SELECT id, hold_until FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND status = 'open' AND source = 'debtor'`, [orgId, c.customerId]);
  if (open) return { id: open.id, holdUntil: open.hold_until, opened: false };
  const [who] = await q.query<{ country: string | null; region: string | null; timezone: string }>(
    `SELECT COALESCE(cu.country, o.country, '') AS country, CASE WHEN cu.country IS NOT NULL THEN cu.region END AS region,
       COALESCE(cu.timezone, o.default_timezone, 'UTC') AS timezone
     FROM customers cu JOIN orgs o ON o.id = cu.org_id WHERE cu.org_id = $1 AND cu.id = $2`, [orgId, c.customerId]);
  const days = (await getAgentSettings(q, orgId)).claimHoldDays;
  const holdUntil = holdEnd(dateInZone(now, who?.timezone ?? 'UTC'), days, who?.country ?? '', await orgClosedDays(q, orgId), who?.region);
  const invoices = await q.query<{ id: string }>(
    'SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled AND NOT disputed ORDER BY due_date, id', [orgId, c.customerId]);
  const id = newId('paymentClaim', now.getTime());
  await q.query(
    `INSERT INTO agent_claims (id, org_id, customer_id, case_id, turn_id, task_id, invoice_ids, amount, currency, paid_on, status, hold_until, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9, $10, 'open', $11, $12)`,
    [id, orgId, c.customerId, c.caseId, c.turnId, c.taskId, invoices.map((i) => i.id), c.amount, c.currency, c.paidOn, holdUntil, now.toISOString()]);
  await addCaseEvent(q, orgId, c.caseId, 'payment_claimed', `the debtor says they paid: reminders held until ${holdUntil} (${days} business days) while task ${c.taskId} verifies it`,
    { claim_id: id, task_id: c.taskId, hold_until: holdUntil, invoice_ids: invoices.map((i) => i.id) }, now);
  await recordAudit(q, { orgId, actor: 'agent', action: 'agent.claim_opened', entity: 'customer', entityId: c.customerId, data: { claim: id, hold_until: holdUntil } }, now);
  await replanCase(q, orgId, c.customerId, now);
  return { id, holdUntil, opened: true };
}

const EVENT: Record<Exclude<ClaimStatus, 'open'>, string> = { confirmed: 'claim_confirmed', rejected: 'claim_rejected', expired: 'claim_expired' };

/** Ends an open claim: its timeline entry, audit, the verification task done when it is settled, the case planned again. */
async function endClaim(q: Queryable, orgId: string, claim: ClaimRow, status: Exclude<ClaimStatus, 'open'>, actor: string, note: string, now: Date): Promise<void> {
  // a payment in flight's hold runs out as its voucher expires or its debit's longest confirmation time passes: its own
  // wording, from src/payments
  if (claim.source === 'voucher' || claim.source === 'debit') return void await endInFlightHold(q, orgId, claim.id, 'expired', now);
  await q.query(`UPDATE agent_claims SET status = $3, resolved_at = $4, resolved_by = $5, note = $6 WHERE org_id = $1 AND id = $2`,
    [orgId, claim.id, status, now.toISOString(), actor, note.slice(0, 1000)]);
  if (status !== 'expired') {
    await q.query(`UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4, completed_by = $5 WHERE org_id = $1 AND id = $2 AND status = 'open'`,
      [orgId, claim.task_id, status === 'confirmed' ? 'payment found' : 'payment not found', now.toISOString(), actor]);
  }
  const why = status === 'expired' ? `the hold ran out on ${claim.hold_until}: reminders resume` : status === 'confirmed'
    ? 'the payment was found: the case goes on as the ledger says' : 'no such payment was found: reminders resume';
  await addCaseEvent(q, orgId, claim.case_id, EVENT[status], `claimed payment ${claim.id} ${status} by ${actor}: ${why}${note ? ` (${note})` : ''}`,
    { claim_id: claim.id, task_id: claim.task_id, by: actor }, now);
  await recordAudit(q, { orgId, actor, action: `agent.claim_${status}`, entity: 'customer', entityId: claim.customer_id, data: { claim: claim.id } }, now);
  await replanCase(q, orgId, claim.customer_id, now);
}

/**
 * The inbound round's sweep: an open claim is confirmed once a payment of the customer is recorded after it, and expires
 * once the debtor's local date reaches its hold's end. Returns how many of each.
 */
export async function settleClaims(q: Queryable, orgId: string, now: Date): Promise<{ confirmed: number; expired: number }> {
  const rows = await q.query<ClaimRow & { timezone: string; paid: boolean }>(
    `SELECT ${COLUMNS.split(', ').map((c) => `x.${c.trim()}`).join(', ')}, x.source, COALESCE(cu.timezone, o.default_timezone, 'UTC') AS timezone,
       -- a payment in flight's hold ends with its own payment (src/payments), not with any payment of the customer
       x.source = 'debtor' AND EXISTS (SELECT 1 FROM payments p WHERE p.org_id = x.org_id AND p.customer_id = x.customer_id AND p.created_at >= x.created_at
         AND p.reversed_at IS NULL) AS paid
     FROM agent_claims x JOIN customers cu ON cu.id = x.customer_id JOIN orgs o ON o.id = x.org_id
     WHERE x.org_id = $1 AND x.status = 'open' ORDER BY x.created_at, x.id`, [orgId]);
  const out = { confirmed: 0, expired: 0 };
  for (const r of rows) {
    if (r.paid) {
      await endClaim(q, orgId, r, 'confirmed', 'agent', 'a payment was recorded after the claim', now);
      out.confirmed++;
    } else if (dateInZone(now, r.timezone) >= r.hold_until) {
      await endClaim(q, orgId, r, 'expired', 'agent', '', now);
      out.expired++;
    }
  }
  return out;
}

/** A person confirms (the payment was found) or rejects (it was not) an open claim. */
export async function resolveClaim(q: Queryable, orgId: string, actor: string, id: string, outcome: 'confirm' | 'reject', note: string | null, now: Date): Promise<Result<ClaimRow>> {
  const [claim] = await q.query<ClaimRow>(`SELECT ${COLUMNS} FROM agent_claims WHERE org_id = $1 AND id = $2 AND source = 'debtor' FOR UPDATE`, [orgId, id]);
  if (!claim) return fail('NOT_FOUND', `no claimed payment ${id}`, 'id');
  if (claim.status !== 'open') return fail('INVALID_STATE', `claimed payment ${id} is ${claim.status}`, 'id');
  await endClaim(q, orgId, claim, outcome === 'confirm' ? 'confirmed' : 'rejected', actor, note ?? '', now);
  const [after] = await q.query<ClaimRow>(`SELECT ${COLUMNS} FROM agent_claims WHERE org_id = $1 AND id = $2`, [orgId, id]);
  return ok(after!);
}

export async function listClaims(q: Queryable, orgId: string, f: { customerId?: string; status?: ClaimStatus } = {}): Promise<ClaimRow[]> {
  return q.query<ClaimRow>(
    `SELECT ${COLUMNS} FROM agent_claims WHERE org_id = $1 AND source = 'debtor' AND ($2::text IS NULL OR customer_id = $2) AND ($3::text IS NULL OR status = $3)
     ORDER BY created_at DESC, id DESC LIMIT 1000`, [orgId, f.customerId ?? null, f.status ?? null]);
}
