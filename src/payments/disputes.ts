// Disputes: opened with a reason from a fixed list, text and an optional attachment on some or all of a customer's open
// invoices, which the ledger marks disputed (contact pauses on them; on every one, the case stops); a review task goes on
// the worklist; resolved valid (a credit note for what was disputed) or invalid (the invoices are undisputed, contact resumes).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { fail, newId, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { emitEvent } from '../events/index.ts';
import { applyAdjustment, setInvoiceDisputed } from '../ledger/index.ts';
import { completeTask, replanCase, syncCases } from '../engine/index.ts';
import { lockCustomer, type ArrangementSource } from './arrangements-common.ts';
import { checkAttachment, type Attachment } from './disputes-attachment.ts';
import { createReviewTask } from './disputes-task.ts';

export const DISPUTE_REASONS = ['not_mine', 'wrong_amount', 'already_paid', 'goods_or_service', 'duplicate', 'other'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export interface Dispute {
  id: string;
  customer_id: string;
  reason: DisputeReason;
  text: string | null;
  currency: string;
  /** What the disputed invoices owed when it was opened. */
  amount: number;
  invoice_ids: string[];
  invoices: { invoice_id: string; amount: number }[];
  source: string;
  opened_by: string;
  task_id: string | null;
  status: 'open' | 'valid' | 'invalid';
  resolution_note: string | null;
  resolved_by: string | null;
  credit_note_ids: string[];
  created_at: string;
  resolved_at: string | null;
  attachment: { filename: string; content_type: string; size: number; sha256: string } | null;
}

export interface DisputeRequest {
  customerId: string;
  /** Ids or numbers; empty means every open, undisputed invoice of the customer. */
  invoiceIds: string[];
  reason: DisputeReason;
  text?: string;
  attachment?: Attachment;
  source: ArrangementSource;
}

const COLUMNS = `d.id, d.customer_id, d.reason, d.text, d.currency, d.amount, d.invoice_ids, d.source, d.opened_by, d.task_id, d.status,
  d.resolution_note, d.resolved_by, d.credit_note_ids, d.created_at, d.resolved_at,
  (SELECT jsonb_agg(jsonb_build_object('invoice_id', x.invoice_id, 'amount', x.amount) ORDER BY x.invoice_id) FROM dispute_invoices x WHERE x.dispute_id = d.id) AS invoices,
  (SELECT jsonb_build_object('filename', a.filename, 'content_type', a.content_type, 'size', a.size, 'sha256', a.sha256)
   FROM dispute_attachments a WHERE a.dispute_id = d.id) AS attachment`;

type InvoiceRow = { id: string; number: string; customer_id: string; currency: string; balance: number; cancelled: boolean; disputed: boolean };

async function disputedInvoices(q: Queryable, orgId: string, customerId: string, wanted: string[]): Promise<Result<InvoiceRow[]>> {
  if (wanted.length === 0) {
    const all = await q.query<InvoiceRow>(
      `SELECT id, number, customer_id, currency, balance, cancelled, disputed FROM invoices
       WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled AND NOT disputed ORDER BY due_date, number FOR UPDATE`, [orgId, customerId]);
    return all.length ? ok(all) : fail('INVALID_STATE', 'the customer has no open, undisputed invoice', 'invoiceIds');
  }
  const rows = await q.query<InvoiceRow>(
    `SELECT id, number, customer_id, currency, balance, cancelled, disputed FROM invoices
     WHERE org_id = $1 AND (id = ANY($2::text[]) OR number = ANY($2::text[])) ORDER BY due_date, number FOR UPDATE`, [orgId, wanted]);
  for (const [i, w] of wanted.entries()) {
    const inv = rows.find((r) => r.id === w || r.number === w);
    const field = `invoiceIds[${i}]`;
    if (!inv || inv.customer_id !== customerId) return fail('NOT_FOUND', `no invoice ${w} of this customer`, field);
    if (inv.cancelled || inv.balance <= 0) return fail('INVALID_STATE', `invoice ${inv.number} owes nothing`, field);
    if (inv.disputed) return fail('CONFLICT', `invoice ${inv.number} is already disputed`, field);
  }
  return ok(rows.filter((r) => r.customer_id === customerId));
}

export async function openDispute(q: Queryable, orgId: string, actor: string, input: DisputeRequest, now: Date): Promise<Result<Dispute>> {
  const c = await lockCustomer(q, orgId, input.customerId, now);
  if (!c.ok) return c;
  if (!DISPUTE_REASONS.includes(input.reason)) return fail('VALIDATION_FAILED', `reason is one of ${DISPUTE_REASONS.join(', ')}`, 'reason');
  if (input.text !== undefined && input.text.length > 5000) return fail('VALIDATION_FAILED', 'text is at most 5,000 characters', 'text');
  const attachment = input.attachment ? checkAttachment(input.attachment) : null;
  if (attachment && !attachment.ok) return attachment;
  const found = await disputedInvoices(q, orgId, c.value.id, [...new Set(input.invoiceIds)]);
  if (!found.ok) return found;
  const invoices = found.value;
  const currencies = [...new Set(invoices.map((i) => i.currency))];
  if (currencies.length > 1) return fail('VALIDATION_FAILED', `one dispute is about invoices of one currency (here ${currencies.join(', ')})`, 'invoiceIds');
  const id = newId('dispute');
  const amount = invoices.reduce((s, i) => s + i.balance, 0);
  await q.query(
    `INSERT INTO disputes (id, org_id, customer_id, reason, text, currency, amount, invoice_ids, source, opened_by, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [id, orgId, c.value.id, input.reason, input.text ?? null, currencies[0], amount, invoices.map((i) => i.id), input.source, actor, now.toISOString()]);
  await q.query(
    `INSERT INTO dispute_invoices (dispute_id, org_id, invoice_id, amount) SELECT $1, $2, x.id, x.balance FROM jsonb_to_recordset($3::jsonb) AS x(id text, balance bigint)`,
    [id, orgId, JSON.stringify(invoices.map((i) => ({ id: i.id, balance: i.balance })))]);
  if (attachment?.ok) {
    const a = attachment.value;
    await q.query(
      `INSERT INTO dispute_attachments (dispute_id, org_id, filename, content_type, size, sha256, data, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [id, orgId, a.filename, a.contentType, a.data.length, createHash('sha256').update(a.data).digest('hex'), a.data, now.toISOString()]);
  }
  for (const inv of invoices) {
    const r = await setInvoiceDisputed(q, orgId, actor, inv.id, true);
    if (!r.ok) return r;
  }
  // the customer's case, opened when the invoices are not yet near their due date: the task and the stop show where collectors work
  await syncCases(q, orgId, now, { customerId: c.value.id, close: false, anyDue: true });
  await replanCase(q, orgId, c.value.id, now);
  const note = `Dispute ${id} (${input.reason}) on ${invoices.map((i) => i.number).join(', ')}${input.text ? `: ${input.text}` : ''}`;
  const taskId = await createReviewTask(q, orgId, c.value.id, id, note, c.value.today, now);
  await q.query('UPDATE disputes SET task_id = $3 WHERE org_id = $1 AND id = $2', [orgId, id, taskId]);
  await recordAudit(q, { orgId, actor, action: 'dispute.opened', entity: 'customer', entityId: c.value.id,
    data: { dispute: id, reason: input.reason, invoices: invoices.map((i) => i.id), amount, currency: currencies[0], task: taskId, source: input.source } }, now);
  await emitEvent(q, { orgId, type: 'dispute.opened', subject: id, customerId: c.value.id, at: now, data: { dispute_id: id, customer_id: c.value.id,
    reason: input.reason, invoice_ids: invoices.map((i) => i.id), amount, currency: currencies[0], source: input.source } });
  return getDispute(q, orgId, id);
}

export async function getDispute(q: Queryable, orgId: string, id: string): Promise<Result<Dispute>> {
  const [row] = await q.query<Dispute>(`SELECT ${COLUMNS} FROM disputes d WHERE d.org_id = $1 AND d.id = $2`, [orgId, id]);
  return row ? ok({ ...row, invoices: row.invoices ?? [] }) : fail('NOT_FOUND', `no dispute ${id}`, 'id');
}

/** `before`: only those after that one (of the same customer) newest first, a page's cursor. */
export interface DisputeFilter { customerId?: string; status?: Dispute['status']; before?: string; limit?: number }

export async function listDisputes(q: Queryable, orgId: string, f: DisputeFilter = {}): Promise<Dispute[]> {
  const rows = await q.query<Dispute>(
    `SELECT ${COLUMNS} FROM disputes d WHERE d.org_id = $1 AND ($2::text IS NULL OR d.customer_id = $2) AND ($3::text IS NULL OR d.status = $3)
       AND ($5::text IS NULL OR (d.created_at, d.id) < (SELECT b.created_at, b.id FROM disputes b WHERE b.org_id = $1 AND b.id = $5 AND ($2::text IS NULL OR b.customer_id = $2)))
     ORDER BY d.created_at DESC, d.id DESC LIMIT $4`, [orgId, f.customerId ?? null, f.status ?? null, Math.min(f.limit ?? 100, 1000), f.before ?? null]);
  return rows.map((r) => ({ ...r, invoices: r.invoices ?? [] }));
}

export async function disputeAttachment(q: Queryable, orgId: string, id: string): Promise<Result<{ filename: string; contentType: string; data: Buffer }>> {
  const [row] = await q.query<{ filename: string; content_type: string; data: Uint8Array }>(
    'SELECT filename, content_type, data FROM dispute_attachments WHERE org_id = $1 AND dispute_id = $2', [orgId, id]);
  if (!row) return fail('NOT_FOUND', `dispute ${id} has no attachment`, 'id');
  return ok({ filename: row.filename, contentType: row.content_type, data: Buffer.from(row.data) });
}

/**
 * Resolves an open dispute. Valid: a credit note for what each invoice owed when disputed (no more than it owes now), then
 * the invoices are undisputed (a fully credited one is paid). Invalid: the invoices are undisputed and the case resumes.
 */
export async function resolveDispute(
  q: Queryable, orgId: string, actor: string, id: string, input: { outcome: 'valid' | 'invalid'; note?: string }, now: Date,
): Promise<Result<Dispute>> {
  const [d] = await q.query<{ id: string; customer_id: string; status: string; reason: string; task_id: string | null; tz: string }>(
    `SELECT d.id, d.customer_id, d.status, d.reason, d.task_id, COALESCE(c.timezone, o.default_timezone) AS tz
     FROM disputes d JOIN customers c ON c.org_id = d.org_id AND c.id = d.customer_id JOIN orgs o ON o.id = d.org_id
     WHERE d.org_id = $1 AND d.id = $2 FOR UPDATE OF d`, [orgId, id]);
  if (!d) return fail('NOT_FOUND', `no dispute ${id}`, 'id');
  if (d.status !== 'open') return fail('INVALID_STATE', `dispute ${id} is already resolved (${d.status})`, 'id');
  if (input.outcome !== 'valid' && input.outcome !== 'invalid') return fail('VALIDATION_FAILED', 'outcome is valid or invalid', 'outcome');
  const c = await lockCustomer(q, orgId, d.customer_id, now);
  if (!c.ok) return c;
  const lines = await q.query<{ invoice_id: string; amount: number; balance: number }>(
    `SELECT x.invoice_id, x.amount, i.balance FROM dispute_invoices x JOIN invoices i ON i.org_id = x.org_id AND i.id = x.invoice_id
     WHERE x.org_id = $1 AND x.dispute_id = $2 ORDER BY x.invoice_id`, [orgId, id]);
  const credits: string[] = [];
  for (const line of lines) {
    const amount = Math.min(line.amount, line.balance);
    if (input.outcome === 'valid' && amount > 0) {
      const adj = await applyAdjustment(q, orgId, actor, { invoice_id: line.invoice_id, kind: 'credit_note', amount, date: c.value.today,
        reason: `dispute ${id} (${d.reason}) found valid${input.note ? `: ${input.note}` : ''}` });
      if (!adj.ok) return adj;
      credits.push(adj.value.id);
    }
    const r = await setInvoiceDisputed(q, orgId, actor, line.invoice_id, false);
    if (!r.ok) return r;
  }
  await q.query(
    `UPDATE disputes SET status = $3, resolution_note = $4, resolved_by = $5, resolved_at = $6, credit_note_ids = $7 WHERE org_id = $1 AND id = $2`,
    [orgId, id, input.outcome, input.note ?? null, actor, now.toISOString(), credits]);
  if (d.task_id) {
    const [task] = await q.query<{ status: string }>('SELECT status FROM tasks WHERE org_id = $1 AND id = $2', [orgId, d.task_id]);
    if (task?.status === 'open') {
      const done = await completeTask(q, orgId, actor, d.task_id, `dispute resolved ${input.outcome}${input.note ? `: ${input.note}` : ''}`, now);
      if (!done.ok) return done;
    }
  }
  await recordAudit(q, { orgId, actor, action: `dispute.resolved_${input.outcome}`, entity: 'customer', entityId: d.customer_id,
    data: { dispute: id, credit_notes: credits, note: input.note ?? null } }, now);
  await emitEvent(q, { orgId, type: 'dispute.resolved', subject: id, customerId: d.customer_id, at: now,
    data: { dispute_id: id, customer_id: d.customer_id, outcome: input.outcome, credit_note_ids: credits } });
  await replanCase(q, orgId, d.customer_id, now);
  return getDispute(q, orgId, id);
}
