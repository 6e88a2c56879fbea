// Cases in the database: opened and closed set-based from the ledger, listed with filters, read with their timeline.
import type { Queryable } from '../db/index.ts';
import { addDays } from '../domain/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { Filter, paginate, type Page, type PageParams } from '../ledger/page.ts';
import { activeStrategies } from '../strategy/store.ts';
import { eventWrites } from '../events/index.ts';
import { leadDays } from './case-rows.ts';

export interface SyncResult { opened: number; reopened: number; closed: number; refreshed: number }

const NEW_ID = (prefix: string) => `'${prefix}_' || replace(gen_random_uuid()::text, '-', '')`;

/**
 * Brings cases in line with the ledger, set-based: a case opens (or reopens, in a new cycle) for every
 * customer with an open balance due within the earliest pre-due step of the org's strategies; a case
 * whose balance is zero closes and its planned actions are cancelled; a case whose oldest open invoice
 * changed is made due now so the tick re-plans it.
 */
export async function syncCases(
  q: Queryable, orgId: string, now: Date, opts: { customerId?: string; customerIds?: string[]; close?: boolean; anyDue?: boolean } = {},
): Promise<SyncResult> {
  const at = now.toISOString();
  const lead = leadDays((await activeStrategies(q, orgId)).values());
  // one day of slack: the debtor's local date may already be tomorrow in UTC terms; `anyDue`: whatever the due date (a
  // dispute on invoices not yet near it still wants the customer's case, where collectors work its task)
  const horizon = opts.anyDue ? '9999-12-31' : addDays(at.slice(0, 10), lead + 1);
  // one customer, a list of them (one set-based pass over just those), or the whole ledger
  const who = opts.customerIds ?? (opts.customerId ? [opts.customerId] : null);
  // a literal condition, not "$4 IS NULL OR ...", so one customer's sync uses the customer index
  const one = (column: string) => (who ? `AND ${column} = ANY($4::text[])` : 'AND $4::text[] IS NULL');
  const opened = await q.query<{ inserted: boolean }>(
    `INSERT INTO cases (id, org_id, customer_id, status, opened_at, next_action_at, updated_at)
     SELECT ${NEW_ID('case')}, $1, d.customer_id, 'open', $2::timestamptz, $2::timestamptz, $2::timestamptz FROM (
       SELECT DISTINCT customer_id FROM invoices WHERE org_id = $1 AND balance > 0 AND NOT cancelled
         AND due_date <= $3::date ${one('customer_id')}) d
     ON CONFLICT (org_id, customer_id) DO UPDATE SET status = 'open', cycle = cases.cycle + 1, strategy_id = NULL,
       strategy_version = NULL, segment_id = NULL, current_step_id = NULL, anchor_due_date = NULL, escalated = false,
       paused_until = NULL, stop_code = NULL, opened_at = $2::timestamptz, closed_at = NULL, next_action_at = $2::timestamptz,
       updated_at = $2::timestamptz
     WHERE cases.status = 'closed'
     RETURNING (xmax = 0) AS inserted`, [orgId, at, horizon, who]);
  const closed = opts.close === false ? [] : await closeCases(q, orgId, at, who);
  const refreshed = await q.query(
    `UPDATE cases c SET next_action_at = $2::timestamptz, updated_at = $2::timestamptz FROM (
       SELECT customer_id, min(due_date) AS anchor FROM invoices WHERE org_id = $1 AND balance > 0 AND NOT cancelled AND NOT disputed
         AND due_date <= $3::date ${one('customer_id')} GROUP BY customer_id) a
     WHERE c.org_id = $1 AND c.status = 'open' ${one('c.customer_id')} AND c.customer_id = a.customer_id AND c.anchor_due_date IS NOT NULL
       AND c.anchor_due_date <> a.anchor AND (c.next_action_at IS NULL OR c.next_action_at > $2::timestamptz)
     RETURNING c.id`, [orgId, at, horizon, who]);
  return {
    opened: opened.filter((r) => r.inserted).length, reopened: opened.filter((r) => !r.inserted).length,
    closed: closed.length, refreshed: refreshed.length,
  };
}

/** Closes open cases with no balance left, cancelling their planned actions and open tasks (a missed call's call-back is done), with the timeline and `case.closed`. */
async function closeCases(q: Queryable, orgId: string, at: string, who: string[] | null): Promise<{ id: string }[]> {
  const closed = await q.query<{ id: string; key: string | null; step_id: string | null }>(
    `WITH z AS (
       UPDATE cases c SET status = 'closed', closed_at = $2::timestamptz, next_action_at = NULL, stop_code = 'paid', updated_at = $2::timestamptz
       WHERE c.org_id = $1 AND c.status = 'open' ${who ? 'AND c.customer_id = ANY($3::text[])' : 'AND $3::text[] IS NULL'}
         AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.org_id = $1 AND i.customer_id = c.customer_id AND i.balance > 0 AND NOT i.cancelled)
       RETURNING c.id, c.customer_id),
     ${eventWrites(`SELECT $1::text AS org_id, 'case.closed' AS type, id AS subject, customer_id,
       jsonb_build_object('case_id', id, 'customer_id', customer_id, 'reason', 'no balance left', 'stop_code', 'paid') AS data, $2::timestamptz AS created_at FROM z`)},
     x AS (
       UPDATE actions a SET status = 'cancelled', reason = 'paid: no balance left', updated_at = $2::timestamptz
       FROM z WHERE a.case_id = z.id AND a.status = 'planned' RETURNING a.case_id, a.idempotency_key, a.step_id),
     t AS (
       UPDATE tasks t SET status = 'cancelled' FROM x WHERE t.org_id = $1 AND t.action_key = x.idempotency_key AND t.status = 'open' RETURNING 1),
     cb AS (
       UPDATE tasks t SET status = 'done', outcome = 'paid: no balance left', completed_at = $2::timestamptz, completed_by = 'system:paid'
       FROM z WHERE t.org_id = $1 AND t.idempotency_key LIKE 'call-back:c:' || z.customer_id || ':%' AND t.status = 'open' RETURNING 1)
     SELECT z.id, x.idempotency_key AS key, x.step_id FROM z LEFT JOIN x ON x.case_id = z.id ORDER BY z.id, x.idempotency_key`, [orgId, at, who]);
  if (closed.length === 0) return [];
  // cancellations first, then the closing, in the order written (seq)
  const events = [
    ...closed.filter((c) => c.key).map((c) => ({ case_id: c.id, kind: 'action_cancelled', step_id: c.step_id, key: c.key,
      reason: 'paid: no balance left', data: { code: 'paid' } })),
    ...[...new Set(closed.map((c) => c.id))].map((id) => ({ case_id: id, kind: 'case_closed', step_id: null, key: null,
      reason: 'no balance left', data: { code: 'paid' } })),
  ];
  await q.query(
    `INSERT INTO case_events (id, org_id, case_id, at, kind, step_id, idempotency_key, reason, data)
     SELECT ${NEW_ID('evt')}, $1, x.case_id, $2::timestamptz, x.kind, x.step_id, x.key, x.reason, x.data
     FROM jsonb_to_recordset($3::jsonb) AS x(case_id text, kind text, step_id text, key text, reason text, data jsonb)`, [orgId, at, JSON.stringify(events)]);
  return [...new Set(closed.map((c) => c.id))].map((id) => ({ id }));
}

export interface CaseSummary {
  id: string; customer_id: string; customer_name: string; status: 'open' | 'closed'; strategy_id: string | null;
  strategy_version: number | null; segment_id: string | null; current_step_id: string | null; cycle: number;
  anchor_due_date: string | null; next_action_at: string | null; paused_until: string | null; escalated: boolean;
  stop_code: string | null; opened_at: string; closed_at: string | null;
}

export interface CaseEvent {
  id: string; at: string; kind: string; step_id: string | null; idempotency_key: string | null; reason: string; data: Record<string, unknown>;
}

export interface CaseAction {
  id: string; idempotency_key: string; strategy_id: string; strategy_version: number; step_id: string; cycle: number; kind: string;
  channels: string[]; template: string | null; tone: string | null; scheduled_for: string; status: string; reason: string; invoice_ids: string[];
}

export interface CaseDetail extends CaseSummary { actions: CaseAction[]; timeline: CaseEvent[] }

const CASE_COLUMNS = `c.id, c.customer_id, cu.name AS customer_name, c.status, c.strategy_id, c.strategy_version, c.segment_id,
  c.current_step_id, c.cycle, c.anchor_due_date, c.next_action_at, c.paused_until, c.escalated, c.stop_code, c.opened_at, c.closed_at`;

export interface CaseFilter extends PageParams {
  status?: 'open' | 'closed'; strategy_id?: string; customer_id?: string; step_id?: string; due_before?: string; escalated?: boolean;
}

export async function listCases(q: Queryable, orgId: string, p: CaseFilter): Promise<Page<CaseSummary>> {
  const f = new Filter().add('c.org_id = ?', orgId);
  if (p.status) f.add('c.status = ?', p.status);
  if (p.strategy_id) f.add('c.strategy_id = ?', p.strategy_id);
  if (p.customer_id) f.add('c.customer_id = ?', p.customer_id);
  if (p.step_id) f.add('c.current_step_id = ?', p.step_id);
  if (p.due_before) f.add('c.next_action_at <= ?::timestamptz', p.due_before);
  if (p.escalated !== undefined) f.add('c.escalated = ?', p.escalated);
  return paginate((tail, params) => q.query<CaseSummary>(
    `SELECT ${CASE_COLUMNS} FROM cases c JOIN customers cu ON cu.id = c.customer_id ${tail}`, params), f, 'c.id', p);
}

/** A case (by id, or by its customer's id) with its outbox rows and its timeline in the order it was written. */
export async function getCase(q: Queryable, orgId: string, id: string): Promise<Result<CaseDetail>> {
  const [c] = await q.query<CaseSummary>(
    `SELECT ${CASE_COLUMNS} FROM cases c JOIN customers cu ON cu.id = c.customer_id
     WHERE c.org_id = $1 AND (c.id = $2 OR c.customer_id = $2) LIMIT 1`, [orgId, id]);
  if (!c) return fail('NOT_FOUND', `no case ${id}`, 'id');
  const actions = await q.query<CaseAction>(
    `SELECT id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels, template, tone, scheduled_for,
       status, reason, invoice_ids FROM actions WHERE org_id = $1 AND case_id = $2 ORDER BY created_at, id`, [orgId, c.id]);
  // notes and cancellations from case_events; planned and skipped actions are their own entries, in one order (seq); a skipped
  // step's data names its code (`skip`) and, when superseded, the step that runs instead (`by`)
  const timeline = await q.query<CaseEvent>(
    `SELECT id, at, kind, step_id, idempotency_key, reason, data FROM (
       SELECT id, at, kind, step_id, idempotency_key, reason, data, seq FROM case_events WHERE org_id = $1 AND case_id = $2
       UNION ALL
       SELECT 'evt_' || substr(id, 5), created_at, CASE WHEN status = 'skipped' THEN 'action_skipped' ELSE 'action_planned' END,
         step_id, idempotency_key, COALESCE(plan_reason, reason),
         CASE WHEN status = 'skipped' THEN jsonb_strip_nulls(jsonb_build_object('skip', payload->'skip', 'by', payload->'by'))
           ELSE jsonb_build_object('scheduled_for', scheduled_for, 'channels', channels, 'template', template, 'invoice_ids', invoice_ids)
             || CASE WHEN payload ? 'after_hold' THEN jsonb_build_object('after_hold', payload->'after_hold'->'hold') ELSE '{}'::jsonb END
         END, event_seq
       FROM actions WHERE org_id = $1 AND case_id = $2 AND event_seq IS NOT NULL) t
     ORDER BY seq`, [orgId, c.id]);
  return ok({ ...c, actions, timeline });
}
