// The append-only audit log: every change to money, every message and every agent decision.
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

export async function recordAudit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (id, org_id, actor, action, entity, entity_id, data) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [newId('audit'), e.orgId, e.actor, e.action, e.entity, e.entityId, JSON.stringify(e.data ?? {})],
  );
}

export interface AuditRow {
  id: string; at: string; actor: string; action: string; entity: string; entity_id: string; data: unknown;
}

export async function auditTrail(q: Queryable, orgId: string, entity: string, entityId: string): Promise<AuditRow[]> {
  return q.query<AuditRow>(
    `SELECT id, at, actor, action, entity, entity_id, data FROM audit_log
     WHERE org_id = $1 AND entity = $2 AND entity_id = $3 ORDER BY id`,
    [orgId, entity, entityId],
  );
}
