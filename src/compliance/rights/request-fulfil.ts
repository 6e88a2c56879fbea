// Fulfilling a recorded data-subject request by doing what it asks: the export, the erasure, or the rectification.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { recordAudit } from '../../audit/index.ts';
import { updateCustomer, type CustomerFields } from '../../ledger/index.ts';
import { exportCustomerData } from '../store/reports.ts';
import { requestErasure, type ErasureOutcome } from './erase.ts';
import { getDataRequest, markFulfilled, type DataRequest } from './request-book.ts';

export interface Fulfilment {
  request: DataRequest;
  /** Everything held about the person, for an access request. */
  export?: Record<string, unknown>;
  erasure?: ErasureOutcome;
}

/** How many rows of each kind an export held: what the request records, with a hash of the export given, never the data. */
function exportSummary(data: Record<string, unknown>): Record<string, unknown> {
  const sections = Object.fromEntries(Object.entries(data).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]));
  return { export: { sha256: createHash('sha256').update(JSON.stringify(data)).digest('hex'), sections } };
}

/**
 * Does what an open or extended request asks and records it as fulfilled: an access request gets the export (returned, its hash
 * kept), an erasure request the erasure (restricted instead while a debt is open; the purge fulfils it later), a rectification
 * the customer fields in `changes`. Run it in a transaction.
 */
export async function fulfilDataRequest(q: Queryable, orgId: string, actor: string, id: string, changes: Partial<CustomerFields> | undefined,
  now: Date): Promise<Result<Fulfilment>> {
  const [r] = await q.query<{ kind: string; status: string; customer_id: string }>(
    'SELECT kind, status, customer_id FROM data_requests WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, id]);
  if (!r) return fail('NOT_FOUND', `no data request ${id}`, 'id');
  if (r.status !== 'open' && r.status !== 'extended') return fail('INVALID_STATE', `request ${id} is ${r.status}: it cannot be fulfilled`, 'status');
  if (r.kind !== 'rectification' && changes) return fail('VALIDATION_FAILED', `changes are for a rectification; this is an ${r.kind} request`, 'changes');
  let extra: Omit<Fulfilment, 'request'> = {};
  if (r.kind === 'access') {
    const data = await exportCustomerData(q, orgId, r.customer_id, now);
    if (!data) return fail('NOT_FOUND', `no customer ${r.customer_id}`, 'customer_id');
    await recordAudit(q, { orgId, actor, action: 'customer.data_exported', entity: 'customer', entityId: r.customer_id, data: { request: id } }, now);
    await markFulfilled(q, orgId, actor, id, exportSummary(data), now);
    extra = { export: data };
  } else if (r.kind === 'erasure') {
    const erased = await requestErasure(q, orgId, actor, r.customer_id, now, id);
    if (!erased.ok) return erased;
    if (erased.value.outcome === 'already_erased') await markFulfilled(q, orgId, actor, id, { already_erased: true }, now);
    extra = { erasure: erased.value };
  } else {
    if (!changes || Object.keys(changes).length === 0) return fail('VALIDATION_FAILED', 'a rectification needs the corrected fields in changes', 'changes');
    const updated = await updateCustomer(q, orgId, actor, r.customer_id, changes);
    if (!updated.ok) return updated;
    await markFulfilled(q, orgId, actor, id, { rectified: Object.keys(changes).sort() }, now);
  }
  const request = await getDataRequest(q, orgId, id, now);
  return request.ok ? ok({ request: request.value, ...extra }) : request;
}
