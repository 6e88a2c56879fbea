// The append-only audit log: every change to money, consent, contact and access, chained by hashes per org.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';

export interface AuditEntry {
  orgId: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/**
 * The hash of an entry, computed by the database from the previous hash, its place and its content
 * (jsonb's text form is canonical, and the instant is taken as epoch microseconds, so the same row always hashes the same).
 */
export const ENTRY_HASH = (prev: string, seq: string, id: string, at: string, actor: string, action: string, entity: string, entityId: string, data: string) =>
  `encode(sha256(convert_to(${prev} || '|' || ${seq} || '|' || ${id} || '|' || (extract(epoch from ${at}) * 1000000)::bigint || '|' || ${actor}
    || '|' || ${action} || '|' || ${entity} || '|' || ${entityId} || '|' || ${data}::text, 'UTF8')), 'hex')`;

const NEW_HASH = (prev: string, seq: string) => ENTRY_HASH(prev, seq, '$1', '$3::timestamptz', '$4', '$5', '$6', '$7', '$8::jsonb');

/** Appends an entry to its org's chain in one statement, so it works inside or outside a transaction. */
export async function recordAudit(q: Queryable, e: AuditEntry, at: Date = new Date()): Promise<void> {
  await q.query(
    `WITH head AS (
       INSERT INTO audit_heads AS h (org_id, seq, prev_hash, hash) VALUES ($2, 1, '', ${NEW_HASH("''", '1')})
       ON CONFLICT (org_id) DO UPDATE SET seq = h.seq + 1, prev_hash = h.hash, hash = ${NEW_HASH('h.hash', '(h.seq + 1)')}
       RETURNING seq, prev_hash, hash)
     INSERT INTO audit_log (id, org_id, seq, at, actor, action, entity, entity_id, data, prev_hash, hash)
     SELECT $1, $2, head.seq, $3::timestamptz, $4, $5, $6, $7, $8::jsonb, head.prev_hash, head.hash FROM head`,
    [newId('audit'), e.orgId, at, e.actor, e.action, e.entity, e.entityId, JSON.stringify(e.data ?? {})],
  );
}

export interface AuditRow {
  id: string; seq: number; at: string; actor: string; action: string; entity: string; entity_id: string; data: unknown; hash: string;
}

const COLUMNS = 'a.id, a.seq, a.at, a.actor, a.action, a.entity, a.entity_id, a.data, a.hash';

export async function auditTrail(q: Queryable, orgId: string, entity: string, entityId: string): Promise<AuditRow[]> {
  return q.query<AuditRow>(`SELECT ${COLUMNS} FROM audit_log a WHERE a.org_id = $1 AND a.entity = $2 AND a.entity_id = $3 ORDER BY a.seq`,
    [orgId, entity, entityId]);
}

/** Everything the log holds about one customer: the customer itself, its invoices and its payments. */
export async function customerAudit(q: Queryable, orgId: string, customerId: string, limit = 500): Promise<AuditRow[]> {
  return q.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log a WHERE a.org_id = $1 AND (
       (a.entity = 'customer' AND a.entity_id = $2)
       OR (a.entity = 'invoice' AND a.entity_id IN (SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2))
       OR (a.entity = 'payment' AND a.entity_id IN (SELECT id FROM payments WHERE org_id = $1 AND customer_id = $2)))
     ORDER BY a.seq DESC LIMIT $3`, [orgId, customerId, limit]);
}

export * from './verify.ts';
