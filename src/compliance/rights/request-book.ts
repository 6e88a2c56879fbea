// Data-subject requests as a book: recorded with their statutory due date, extended within the law, refused, listed.
import type { Queryable } from '../../db/index.ts';
import { dateInZone, type CalendarDate } from '../../domain/dates.ts';
import { newId } from '../../domain/ids.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { recordAudit } from '../../audit/index.ts';
import {
  REQUEST_RULES, extendDueDate, gdprCalendarCountry, requestRuleById, requestRuleFor, type RequestKind, type RequestRuleId,
} from './request-rules.ts';

export { REQUEST_KINDS, type RequestKind } from './request-rules.ts';
export const REQUEST_STATUSES = ['open', 'extended', 'restricted', 'fulfilled', 'refused'] as const;
export type RequestStatus = typeof REQUEST_STATUSES[number];

export interface DataRequest {
  id: string; customer_id: string; kind: RequestKind; status: RequestStatus; rule: RequestRuleId; law: string;
  received_at: string; received_on: string; due_on: string; extended_to: string | null; extension_reason: string | null;
  extension_told_on: string | null; answer_by: string; overdue: boolean; requester: string | null; identity_check: string | null;
  refusal_reason: string | null; outcome: unknown; actor: string; created_at: string; completed_at: string | null;
  /** The latest date an extension of this open request may reach when the person is told in time (null: none possible). */
  extension_limit: string | null;
}

export interface NewDataRequest {
  customer_id: string; kind: RequestKind; requester: string; identity_check: string; received_at?: Date | undefined;
}

const day = (c: string) => `to_char(${c}, 'YYYY-MM-DD') AS ${c}`;
/** The row as the API shows it; `$today` is the parameter holding today's date, for `overdue`. */
const columns = (today: string) => `id, customer_id, kind, status, coalesce(rule, 'GDPR') AS rule, coalesce(received_at, created_at) AS received_at,
  ${day('received_on')}, ${day('due_on')}, ${day('extended_to')}, extension_reason, ${day('extension_told_on')},
  to_char(coalesce(extended_to, due_on), 'YYYY-MM-DD') AS answer_by,
  (status IN ('open', 'extended') AND coalesce(extended_to, due_on) < ${today}::date) AS overdue,
  requester, identity_check, refusal_reason, outcome, actor, created_at, completed_at,
  (SELECT c.country FROM customers c WHERE c.org_id = data_requests.org_id AND c.id = data_requests.customer_id) AS customer_country,
  (SELECT o.country FROM orgs o WHERE o.id = data_requests.org_id) AS org_country`;
type Row = Omit<DataRequest, 'law' | 'extension_limit'> & { customer_country: string | null; org_country: string | null };

/** The rule a request is extended by: its own, the GDPR's on the controller's calendar as it stands (see extendDataRequest). */
const ruleOf = (rule: RequestRuleId | null, debtor: string | null, org: string | null) => requestRuleById(rule ?? 'GDPR', gdprCalendarCountry(debtor, org));

/**
 * The latest date extendDataRequest would accept for an open request told by its due date (holidays counted as it counts
 * them), so a form can offer it rather than count it again; null when the request is not open or its law allows none.
 */
function extensionLimit(r: Row): string | null {
  if (r.status !== 'open') return null;
  const limit = ruleOf(r.rule, r.customer_country, r.org_country).extensionLimit(r.due_on, r.due_on, r.kind, r.received_on);
  return limit.ok ? limit.value : null;
}

/** The article that sets this kind of request's period under its rule (a rule no longer configured shows its id), and its extension's limit. */
function withLaw(row: Row): DataRequest {
  const { customer_country: _debtor, org_country: _org, ...r } = row;
  return { ...r, law: REQUEST_RULES[r.rule]?.article(r.kind) ?? r.rule, extension_limit: extensionLimit(row) };
}
const todayOf = (now: Date): CalendarDate => dateInZone(now, 'UTC');

/** One request of the org, with `overdue` as of `now`. */
export async function getDataRequest(q: Queryable, orgId: string, id: string, now: Date): Promise<Result<DataRequest>> {
  const [r] = await q.query<Row>(`SELECT ${columns('$3')} FROM data_requests WHERE org_id = $1 AND id = $2`, [orgId, id, todayOf(now)]);
  return r ? ok(withLaw(r)) : fail('NOT_FOUND', `no data request ${id}`, 'id');
}

/**
 * Records a request received at `received_at` (now by default), due by the rule of the debtor's country for its kind; the
 * day received is the debtor's own (their time zone, else the org's), which business days are counted from.
 */
export async function recordDataRequest(q: Queryable, orgId: string, actor: string, input: NewDataRequest, now: Date): Promise<Result<DataRequest>> {
  const receivedAt = input.received_at ?? now;
  if (receivedAt.getTime() > now.getTime()) return fail('VALIDATION_FAILED', 'a request cannot be received in the future', 'received_at');
  const [c] = await q.query<{ id: string; country: string | null; region: string | null; timezone: string; org_country: string | null }>(
    `SELECT c.id, c.country, c.region, coalesce(c.timezone, o.default_timezone, 'UTC') AS timezone, o.country AS org_country FROM customers c
      JOIN orgs o ON o.id = c.org_id WHERE c.org_id = $1 AND (c.id = $2 OR c.external_id = $2) ORDER BY (c.id = $2) DESC LIMIT 1`,
    [orgId, input.customer_id]);
  if (!c) return fail('NOT_FOUND', `no customer ${input.customer_id}`, 'customer_id');
  const receivedOn = dateInZone(receivedAt, c.timezone);
  const rule = requestRuleFor(c.country, c.region, receivedOn, c.org_country);
  const dueOn = rule.due(receivedOn, input.kind);
  const id = newId('dataRequest');
  await q.query(`INSERT INTO data_requests (id, org_id, customer_id, kind, received_on, due_on, status, actor, created_at, received_at,
      requester, identity_check, rule, updated_at) VALUES ($1,$2,$3,$4,$5,$6,'open',$7,$8,$9,$10,$11,$12,$8)`,
  [id, orgId, c.id, input.kind, receivedOn, dueOn, actor, now, receivedAt, input.requester, input.identity_check, rule.id]);
  // kinds, rules and dates only: who asked and how they were checked stay in the request, which erasure empties
  await recordAudit(q, { orgId, actor, action: 'data_request.recorded', entity: 'data_request', entityId: id,
    data: { customer: c.id, kind: input.kind, rule: rule.id, due_on: dueOn } }, now);
  return getDataRequest(q, orgId, id, now);
}

/** The request locked for a change, refused unless it is still to be answered. */
type Pending = {
  status: RequestStatus; kind: RequestKind; rule: RequestRuleId | null; due_on: string; received_on: string;
  customer_country: string | null; org_country: string | null;
};
async function pending(q: Queryable, orgId: string, id: string, change: string): Promise<Result<Pending>> {
  const [r] = await q.query<Pending>(
    `SELECT r.status, r.kind, r.rule, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, to_char(r.received_on, 'YYYY-MM-DD') AS received_on,
       c.country AS customer_country, o.country AS org_country
     FROM data_requests r JOIN orgs o ON o.id = r.org_id LEFT JOIN customers c ON c.org_id = r.org_id AND c.id = r.customer_id
     WHERE r.org_id = $1 AND r.id = $2 FOR UPDATE OF r`, [orgId, id]);
  if (!r) return fail('NOT_FOUND', `no data request ${id}`, 'id');
  if (r.status !== 'open' && r.status !== 'extended') return fail('INVALID_STATE', `request ${id} is ${r.status}: it cannot be ${change}`, 'status');
  return ok(r);
}

export interface Extension { reason: string; until?: CalendarDate | undefined; told_on?: CalendarDate | undefined }

/** Extends an open request once, to `until` (the law's limit by default), told to the person on `told_on` (today by default). */
export async function extendDataRequest(q: Queryable, orgId: string, actor: string, id: string, e: Extension, now: Date): Promise<Result<DataRequest>> {
  const r = await pending(q, orgId, id, 'extended');
  if (!r.ok) return r;
  if (r.value.status === 'extended') return fail('INVALID_STATE', `request ${id} was extended already; the law allows one extension`, 'status');
  const today = todayOf(now);
  const toldOn = e.told_on ?? today;
  if (toldOn > today) return fail('VALIDATION_FAILED', `told_on ${toldOn} is after today (${today})`, 'told_on');
  const { rule, kind, due_on: dueOn, received_on: receivedOn, customer_country: debtor, org_country: org } = r.value;
  const to = extendDueDate(ruleOf(rule, debtor, org), kind, dueOn, e.until, toldOn, receivedOn);
  if (!to.ok) return to;
  await q.query(`UPDATE data_requests SET status = 'extended', extended_to = $3, extension_reason = $4, extension_told_on = $5, updated_at = $6
    WHERE org_id = $1 AND id = $2`, [orgId, id, to.value, e.reason, toldOn, now]);
  await recordAudit(q, { orgId, actor, action: 'data_request.extended', entity: 'data_request', entityId: id,
    data: { from: r.value.due_on, to: to.value, told_on: toldOn } }, now);
  return getDataRequest(q, orgId, id, now);
}

/** Refuses a request still to be answered, with the reason the person is given (a manifestly unfounded request, identity not proved). */
export async function refuseDataRequest(q: Queryable, orgId: string, actor: string, id: string, reason: string, now: Date): Promise<Result<DataRequest>> {
  const r = await pending(q, orgId, id, 'refused');
  if (!r.ok) return r;
  await q.query(`UPDATE data_requests SET status = 'refused', refusal_reason = $3, completed_at = $4, updated_at = $4 WHERE org_id = $1 AND id = $2`,
    [orgId, id, reason, now]);
  await recordAudit(q, { orgId, actor, action: 'data_request.refused', entity: 'data_request', entityId: id, data: {} }, now);
  return getDataRequest(q, orgId, id, now);
}

/** Marks a request fulfilled by what was done (the export, the erasure, the fields rectified). */
export async function markFulfilled(q: Queryable, orgId: string, actor: string, id: string, outcome: Record<string, unknown>, now: Date): Promise<void> {
  await q.query(`UPDATE data_requests SET status = 'fulfilled', outcome = $3, completed_at = $4, updated_at = $4 WHERE org_id = $1 AND id = $2`,
    [orgId, id, JSON.stringify(outcome), now]);
  await recordAudit(q, { orgId, actor, action: 'data_request.fulfilled', entity: 'data_request', entityId: id, data: outcome }, now);
}

export interface RequestFilter { status?: RequestStatus | undefined; customer_id?: string | undefined; kind?: RequestKind | undefined; limit?: number | undefined }

/** The org's requests: those still to answer by due date, so the overdue come first (the longest overdue first), then the answered. */
export async function listDataRequests(q: Queryable, orgId: string, f: RequestFilter, now: Date): Promise<DataRequest[]> {
  const params: unknown[] = [orgId, todayOf(now)];
  const where = ['org_id = $1'];
  for (const key of ['status', 'customer_id', 'kind'] as const) {
    if (f[key] === undefined) continue;
    params.push(f[key]);
    where.push(`${key} = $${params.length}`);
  }
  params.push(f.limit ?? 200);
  const rows = await q.query<Row>(`SELECT ${columns('$2')} FROM data_requests WHERE ${where.join(' AND ')}
    ORDER BY (status IN ('open', 'extended')) DESC, coalesce(extended_to, due_on), received_at, id LIMIT $${params.length}`, params);
  return rows.map(withLaw);
}
