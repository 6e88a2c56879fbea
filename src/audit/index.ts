// The append-only audit log: every change to money, consent, contact and access, chained by hashes per org.
import { inTx, type Queryable } from '../db/index.ts';
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

/** The n-th element of an array parameter, e.g. el('$4::text[]', 'c.n + 1'). */
const el = (array: string, n: string) => `((${array})[${n}])`;
const BATCH_HASH = (prev: string, seq: string, n: string) => ENTRY_HASH(prev, seq, el('$4::text[]', n), '$3::timestamptz', el('$5::text[]', n),
  el('$6::text[]', n), el('$7::text[]', n), el('$8::text[]', n), el('$9::jsonb[]', n));

/**
 * Appends entries of one org, all at the same instant, to its chain in one statement whatever their number (three the
 * first time an org writes one): the head is locked, a recursive query hashes each entry from the one before, writes
 * them and moves the head. The chain is the one recordAudit makes, entry for entry.
 */
export async function recordAuditBatch(q: Queryable, orgId: string, entries: readonly Omit<AuditEntry, 'orgId'>[], when: Date): Promise<void> {
  if (entries.length === 0) return;
  // the head's lock must last until the entries are written: one transaction (the caller's when it passes one)
  await inTx(q, async (tx) => {
    if (await appendBatch(tx, orgId, entries, when)) return;
    // a new org: its head made at place 0, then the entries appended
    await tx.query(`INSERT INTO audit_heads (org_id, seq, prev_hash, hash) VALUES ($1, 0, '', '') ON CONFLICT (org_id) DO NOTHING`, [orgId]);
    if (!(await appendBatch(tx, orgId, entries, when))) throw new Error(`the audit head of ${orgId} is missing`);
  });
}

/** Appends after the org's head, locked in the same statement (read as the last writer committed it); false when the org has no head yet. */
async function appendBatch(q: Queryable, orgId: string, entries: readonly Omit<AuditEntry, 'orgId'>[], when: Date): Promise<boolean> {
  const [moved] = await q.query<{ n: number }>(
    `WITH RECURSIVE head AS (
       SELECT seq, hash FROM audit_heads WHERE org_id = $1 FOR UPDATE
     ), chain (n, seq, prev_hash, hash) AS (
       SELECT 1, h.seq + 1, h.hash, ${BATCH_HASH('h.hash', '(h.seq + 1)', '1')} FROM head h
       UNION ALL
       SELECT c.n + 1, c.seq + 1, c.hash, ${BATCH_HASH('c.hash', '(c.seq + 1)', 'c.n + 1')} FROM chain c WHERE c.n < $2
     ), ins AS (
       INSERT INTO audit_log (id, org_id, seq, at, actor, action, entity, entity_id, data, prev_hash, hash)
       SELECT ($4::text[])[n], $1, seq, $3::timestamptz, ($5::text[])[n], ($6::text[])[n], ($7::text[])[n], ($8::text[])[n], ($9::jsonb[])[n], prev_hash, hash
       FROM chain RETURNING 1
     ), moved AS (
       UPDATE audit_heads h SET seq = last.seq, prev_hash = last.prev_hash, hash = last.hash
       FROM (SELECT seq, prev_hash, hash FROM chain ORDER BY n DESC LIMIT 1) last WHERE h.org_id = $1 RETURNING 1
     )
     SELECT count(*)::int AS n FROM moved`,
    [orgId, entries.length, when, entries.map(() => newId('audit')), entries.map((e) => e.actor), entries.map((e) => e.action),
      entries.map((e) => e.entity), entries.map((e) => e.entityId), entries.map((e) => JSON.stringify(e.data ?? {}))]);
  return (moved?.n ?? 0) > 0;
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
export * from './search.ts';
