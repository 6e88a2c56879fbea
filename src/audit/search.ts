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

/**
 * An entry's free text as migration 094's trigram index holds it (audit_log_text), the planner using the index only for
 * the expression written the same way: actor, action, object id and data joined by 0x1f, which jsonb's text form never
 * holds. Words without 0x1f are in it exactly when they are in one of the four (words across two would hold 0x1f).
 */
const SEPARATOR = '\x1f';
const TEXT = `(a.actor || E'\\x1f' || a.action || E'\\x1f' || a.entity_id || E'\\x1f' || a.data::text)`;
const inText = (p: string) => `${TEXT} ILIKE ${p} ESCAPE '\\'`;
/** Words holding 0x1f are looked for in the four one by one, as before migration 094 (no index). */
const inFields = (p: string) => `(a.actor ILIKE ${p} ESCAPE '\\' OR a.action ILIKE ${p} ESCAPE '\\' OR a.entity_id ILIKE ${p} ESCAPE '\\' OR a.data::text ILIKE ${p} ESCAPE '\\')`;

/** Reads the page's entries under the search's other filters and `extra`, whose values are `more` (placeholders p(0), p(1), ...). */
type Select = (extra: (p: (i: number) => string) => string, more: unknown[], n: number) => Promise<Found[]>;
type Found = AuditRow & { pos: string };

/** Places asked of audit_text_places at a time under row-level security: the first batch, and the most a batch grows to. */
const FIRST_BATCH = 1000;
const LAST_BATCH = 64_000;

/**
 * The first n entries (before the cursor) whose free text holds the pattern and that pass the other filters. As the
 * tables' owner (PGlite; PostgreSQL without row-level security) one statement, with the index. As cobro_tenant, whose
 * ILIKE PostgreSQL keeps from the index, the matches' places come from audit_text_places (migration 094: the owner's
 * lookup, held to the session's org), a batch at a time, newest first, and the entries at those places are read under
 * the policy with the other filters, until n pass or no match is left.
 */
async function textSearch(q: Queryable, orgId: string, pattern: string, cursor: string | undefined, n: number, select: Select): Promise<Found[]> {
  const plain = (holds: (p: string) => string) => select((p) => `${holds(p(0))}${cursor ? ` AND a.pos < ${p(1)}::bigint` : ''}`, cursor ? [pattern, cursor] : [pattern], n);
  if (pattern.includes(SEPARATOR)) return plain(inFields);
  const [who] = await q.query<{ tenant: boolean }>(`SELECT current_user = 'cobro_tenant' AS tenant`);
  if (!who?.tenant) return plain(inText);
  const found: Found[] = [];
  let before = cursor ?? '9223372036854775807';
  for (let batch = FIRST_BATCH; ; batch = Math.min(batch * 4, LAST_BATCH)) {
    const places = (await q.query<{ pos: string }>('SELECT audit_text_places($1, $2, $3::bigint, $4) AS pos', [orgId, pattern, before, batch])).map((r) => String(r.pos));
    if (places.length === 0) return found;
    found.push(...await select((p) => `a.pos = ANY(${p(0)}::bigint[])`, [places], n - found.length));
    if (found.length >= n || places.length < batch) return found;
    before = places[places.length - 1]!;
  }
}

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
  const cursor = s.cursor && /^\d+$/.test(s.cursor) ? s.cursor : undefined;
  const limit = Math.min(Math.max(s.limit ?? 100, 1), 500);
  const select: Select = (extra, more, n) => q.query<Found>(
    `SELECT a.id, a.lane, a.seq, a.at, a.actor, a.action, a.entity, a.entity_id, a.data, a.hash, a.pos FROM audit_log a
     WHERE ${[...where, extra((i) => `$${args.length + 1 + i}`)].join(' AND ')} ORDER BY a.pos DESC LIMIT ${n}`, [...args, ...more]);
  const rows = !s.text ? await select((p) => (cursor ? `a.pos < ${p(0)}::bigint` : 'true'), cursor ? [cursor] : [], limit + 1)
    : await textSearch(q, orgId, `%${like(s.text)}%`, cursor, limit + 1, select);
  const page = rows.slice(0, limit);
  const data = page.map(({ pos: _pos, ...r }) => ({ ...r, lane: Number(r.lane), seq: Number(r.seq), at: new Date(r.at).toISOString() }));
  const more = rows.length > limit;
  return { data, has_more: more, next_cursor: more ? String(page[page.length - 1]!.pos) : null };
}
