// The append-only audit log: every change to money, consent, contact and access, chained by hashes per org and lane.
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

/**
 * How many lanes an org's log may spread over. Each lane is a hash chain of its own with its own head row: an appender
 * takes a lane no other transaction holds, so writers of one org (four dispatch workers, the API beside them) do not
 * queue on one row. A transaction keeps using a lane it already holds.
 */
export const AUDIT_LANES = 8;

/** The hash a lane's first entry follows: '' in lane 0 (every org's one chain before there were lanes), 'lane N' in the others. */
export const laneGenesis = (lane: number): string => (lane === 0 ? '' : `lane ${lane}`);
const GENESIS = (lane: string) => `(CASE WHEN ${lane} = 0 THEN '' ELSE 'lane ' || ${lane} END)`;

/**
 * The lane an append takes (a CTE named pick, of one row): the lowest one that no other transaction holds, locked here
 * (SKIP LOCKED; one this transaction holds counts as free); when all are held, the next lane not made yet, up to
 * AUDIT_LANES, else one at random, to wait on. Lanes are made in order, so an org's lanes are 0 to n - 1.
 */
const PICK_LANE = (org: string) => `free AS MATERIALIZED (
       SELECT lane FROM audit_heads WHERE org_id = ${org} ORDER BY lane FOR UPDATE SKIP LOCKED LIMIT 1
     ), pick AS MATERIALIZED (
       SELECT coalesce((SELECT lane FROM free), (SELECT CASE WHEN count(*) < ${AUDIT_LANES} THEN count(*)::int ELSE floor(random() * ${AUDIT_LANES})::int END
         FROM audit_heads WHERE org_id = ${org})) AS lane
     )`;

/** Makes an org's lanes that do not exist yet, each at place 0: an org's first append makes them all, so that writers after it find them. */
export async function ensureAuditLanes(q: Queryable, orgId: string, from = 0): Promise<void> {
  await q.query(`INSERT INTO audit_heads (org_id, lane, seq, prev_hash, hash) SELECT $1, g, 0, '', ${GENESIS('g')} FROM generate_series($2::int, $3::int) g
    ON CONFLICT (org_id, lane) DO NOTHING`, [orgId, from, Math.max(from, AUDIT_LANES - 1)]);
}

/**
 * Appends an entry to one of its org's lanes in one statement, so it works inside or outside a transaction. The org's
 * first entry makes its other lanes too.
 */
export async function recordAudit(q: Queryable, e: AuditEntry, at: Date = new Date()): Promise<void> {
  await q.query(
    `WITH ${PICK_LANE('$2')}, lanes AS (
       INSERT INTO audit_heads (org_id, lane, seq, prev_hash, hash) SELECT $2, g, 0, '', ${GENESIS('g')} FROM generate_series(1, ${AUDIT_LANES - 1}) g
       WHERE NOT EXISTS (SELECT 1 FROM audit_heads WHERE org_id = $2) ON CONFLICT (org_id, lane) DO NOTHING
     ), head AS (
       INSERT INTO audit_heads AS h (org_id, lane, seq, prev_hash, hash)
       SELECT $2, p.lane, 1, ${GENESIS('p.lane')}, ${NEW_HASH(GENESIS('p.lane'), '1')} FROM pick p
       ON CONFLICT (org_id, lane) DO UPDATE SET seq = h.seq + 1, prev_hash = h.hash, hash = ${NEW_HASH('h.hash', '(h.seq + 1)')}
       RETURNING lane, seq, prev_hash, hash)
     INSERT INTO audit_log (id, org_id, lane, seq, at, actor, action, entity, entity_id, data, prev_hash, hash)
     SELECT $1, $2, head.lane, head.seq, $3::timestamptz, $4, $5, $6, $7, $8::jsonb, head.prev_hash, head.hash FROM head`,
    [newId('audit'), e.orgId, at, e.actor, e.action, e.entity, e.entityId, JSON.stringify(e.data ?? {})],
  );
}

/** The n-th element of an array parameter, e.g. el('$4::text[]', 'c.n + 1'). */
const el = (array: string, n: string) => `((${array})[${n}])`;

/**
 * The placeholders of a batch append's values in a statement ('$1', '$2', ...): the org, the number of entries, their
 * instant, then one array each of ids, actors, actions, entities, entity ids and data (text, jsonb as text).
 */
export interface AppendParams { org: string; count: string; when: string; ids: string; actors: string; actions: string; entities: string; entityIds: string; data: string }

/** The arrays a batch append takes, in AppendParams' order from ids on. */
export function appendArrays(entries: readonly Omit<AuditEntry, 'orgId'>[]): string[][] {
  return [entries.map(() => newId('audit')), entries.map((e) => e.actor), entries.map((e) => e.action), entries.map((e) => e.entity),
    entries.map((e) => e.entityId), entries.map((e) => JSON.stringify(e.data ?? {}))];
}

/**
 * A batch append as CTEs of a WITH RECURSIVE (free, pick, head, chain, ins, moved): the lane picked and its head
 * locked, each entry hashed from the one before, written, and the head moved; nothing is written when the lane has no
 * head yet (moved is then empty), nor unless `go` (a condition on the statement's other CTEs) holds. Another statement
 * can hold it, so that what it records and the entry for it are one statement.
 */
export function appendBatchWrites(p: AppendParams, go = 'true'): string {
  const hash = (prev: string, seq: string, n: string) => ENTRY_HASH(prev, seq, el(`${p.ids}::text[]`, n), `${p.when}::timestamptz`, el(`${p.actors}::text[]`, n),
    el(`${p.actions}::text[]`, n), el(`${p.entities}::text[]`, n), el(`${p.entityIds}::text[]`, n), el(`${p.data}::jsonb[]`, n));
  return `${PICK_LANE(p.org)}, head AS (
       SELECT lane, seq, hash FROM audit_heads WHERE org_id = ${p.org} AND lane = (SELECT lane FROM pick) FOR UPDATE
     ), chain (n, lane, seq, prev_hash, hash) AS (
       SELECT 1, h.lane, h.seq + 1, h.hash, ${hash('h.hash', '(h.seq + 1)', '1')} FROM head h WHERE ${go}
       UNION ALL
       SELECT c.n + 1, c.lane, c.seq + 1, c.hash, ${hash('c.hash', '(c.seq + 1)', 'c.n + 1')} FROM chain c WHERE c.n < ${p.count}
     ), ins AS (
       INSERT INTO audit_log (id, org_id, lane, seq, at, actor, action, entity, entity_id, data, prev_hash, hash)
       SELECT (${p.ids}::text[])[n], ${p.org}, lane, seq, ${p.when}::timestamptz, (${p.actors}::text[])[n], (${p.actions}::text[])[n],
         (${p.entities}::text[])[n], (${p.entityIds}::text[])[n], (${p.data}::jsonb[])[n], prev_hash, hash
       FROM chain ORDER BY n RETURNING 1
     ), moved AS (
       UPDATE audit_heads h SET seq = last.seq, prev_hash = last.prev_hash, hash = last.hash
       FROM (SELECT lane, seq, prev_hash, hash FROM chain ORDER BY n DESC LIMIT 1) last WHERE h.org_id = ${p.org} AND h.lane = last.lane RETURNING 1
     )`;
}

/**
 * Appends entries of one org, all at the same instant, to one of its lanes in one statement whatever their number (more
 * when the lane is new): the lane's head is locked, a recursive query hashes each entry from the one before, writes
 * them and moves the head. The lane's chain is the one recordAudit makes, entry for entry.
 */
export async function recordAuditBatch(q: Queryable, orgId: string, entries: readonly Omit<AuditEntry, 'orgId'>[], when: Date): Promise<void> {
  if (entries.length === 0) return;
  // the head's lock must last until the entries are written: one transaction (the caller's when it passes one)
  await inTx(q, async (tx) => {
    // a lane not made yet: made at place 0 (all of them for a new org; another transaction may be making it: then this
    // waits for it), and the append tried again; lanes are made in order up to AUDIT_LANES, so this ends
    for (let tries = 0; tries <= AUDIT_LANES + 1; tries++) {
      const missing = await appendBatch(tx, orgId, entries, when);
      if (missing === null) return;
      await ensureAuditLanes(tx, orgId, missing);
    }
    throw new Error(`no audit lane of ${orgId} could be taken`);
  });
}

const APPEND: AppendParams = { org: '$1', count: '$2', when: '$3', ids: '$4', actors: '$5', actions: '$6', entities: '$7', entityIds: '$8', data: '$9' };

/** Appends after the head of the lane it picks, locked in the same statement (read as the last writer committed it); the lane when it has no head yet. */
async function appendBatch(q: Queryable, orgId: string, entries: readonly Omit<AuditEntry, 'orgId'>[], when: Date): Promise<number | null> {
  const [r] = await q.query<{ lane: number; n: number }>(
    `WITH RECURSIVE ${appendBatchWrites(APPEND)}
     SELECT (SELECT lane FROM pick) AS lane, (SELECT count(*)::int FROM moved) AS n`,
    [orgId, entries.length, when, ...appendArrays(entries)]);
  return (r?.n ?? 0) > 0 ? null : Number(r!.lane);
}

/** An entry as read: seq is its place in its lane; entries are listed in the order they were written (pos). */
export interface AuditRow {
  id: string; lane: number; seq: number; at: string; actor: string; action: string; entity: string; entity_id: string; data: unknown; hash: string;
}

const COLUMNS = 'a.id, a.lane, a.seq, a.at, a.actor, a.action, a.entity, a.entity_id, a.data, a.hash';

export async function auditTrail(q: Queryable, orgId: string, entity: string, entityId: string): Promise<AuditRow[]> {
  return q.query<AuditRow>(`SELECT ${COLUMNS} FROM audit_log a WHERE a.org_id = $1 AND a.entity = $2 AND a.entity_id = $3 ORDER BY a.pos`,
    [orgId, entity, entityId]);
}

/** Everything the log holds about one customer: the customer itself, its invoices and its payments. */
export async function customerAudit(q: Queryable, orgId: string, customerId: string, limit = 500): Promise<AuditRow[]> {
  return q.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log a WHERE a.org_id = $1 AND (
       (a.entity = 'customer' AND a.entity_id = $2)
       OR (a.entity = 'invoice' AND a.entity_id IN (SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2))
       OR (a.entity = 'payment' AND a.entity_id IN (SELECT id FROM payments WHERE org_id = $1 AND customer_id = $2))
       -- portal links a batch of messages made: one entry of the org naming each customer's link (src/portal/links.ts)
       OR (a.entity = 'org' AND a.entity_id = $1 AND a.action = 'portal.links_created' AND a.data->'links' ? $2)
       -- sends recorded at once: one entry of the org listing each customer (src/worker/record.ts)
       OR (a.entity = 'org' AND a.entity_id = $1 AND a.action = 'messages.sent' AND a.data->'customers' ? $2))
     ORDER BY a.pos DESC LIMIT $3`, [orgId, customerId, limit]);
}

export * from './verify.ts';
export * from './search.ts';
