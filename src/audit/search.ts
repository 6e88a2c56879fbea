// Searching an org's audit log: by actor, action (or its family, "webhook."), object, time and free text; newest first, by cursor.
import type { Queryable } from '../db/index.ts';
import type { AuditRow } from './index.ts';

export interface AuditSearch {
  actor?: string;
  /** An exact action, or a family when it ends with a dot ("compliance."). */
  action?: string;
  entity?: string;
  entityId?: string;
  /** Instants, from inclusive, to exclusive. */
  from?: Date;
  to?: Date;
  /** Words looked for in the actor, action, object and the entry's data. */
  text?: string;
  limit?: number;
  /** Where to continue: the previous page's next_cursor (the place in the whole log of its last entry). */
  cursor?: string;
}

export interface AuditPage { data: AuditRow[]; has_more: boolean; next_cursor: string | null }

const like = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function searchAudit(q: Queryable, orgId: string, s: AuditSearch): Promise<AuditPage> {
  const where = ['a.org_id = $1'];
  const args: unknown[] = [orgId];
  const add = (sql: (n: string) => string, v: unknown) => { args.push(v); where.push(sql(`$${args.length}`)); };
  if (s.actor) add((n) => `a.actor = ${n}`, s.actor);
  if (s.action) add((n) => (s.action!.endsWith('.') ? `a.action LIKE ${n} ESCAPE '\\'` : `a.action = ${n}`), s.action.endsWith('.') ? `${like(s.action)}%` : s.action);
  if (s.entity) add((n) => `a.entity = ${n}`, s.entity);
  if (s.entityId) add((n) => `a.entity_id = ${n}`, s.entityId);
  if (s.from) add((n) => `a.at >= ${n}`, s.from);
  if (s.to) add((n) => `a.at < ${n}`, s.to);
  if (s.text) {
    add((n) => `(a.actor ILIKE ${n} ESCAPE '\\' OR a.action ILIKE ${n} ESCAPE '\\' OR a.entity_id ILIKE ${n} ESCAPE '\\' OR a.data::text ILIKE ${n} ESCAPE '\\')`,
      `%${like(s.text)}%`);
  }
  if (s.cursor && /^\d+$/.test(s.cursor)) add((n) => `a.pos < ${n}::bigint`, s.cursor);
  const limit = Math.min(Math.max(s.limit ?? 100, 1), 500);
  const rows = await q.query<AuditRow & { pos: string }>(
    `SELECT a.id, a.lane, a.seq, a.at, a.actor, a.action, a.entity, a.entity_id, a.data, a.hash, a.pos FROM audit_log a
     WHERE ${where.join(' AND ')} ORDER BY a.pos DESC LIMIT ${limit + 1}`, args);
  const page = rows.slice(0, limit);
  const data = page.map(({ pos: _pos, ...r }) => ({ ...r, lane: Number(r.lane), seq: Number(r.seq), at: new Date(r.at).toISOString() }));
  const more = rows.length > limit;
  return { data, has_more: more, next_cursor: more ? String(page[page.length - 1]!.pos) : null };
}
