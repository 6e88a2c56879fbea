// A matching run's start: one statement asks whether anything the lookup tables or the in-memory copy follow moved since
// they last looked (the change markers they keep: counts, times of change within the overlap, transaction ids, generations),
// and the tables' sync and the copy's catch-up are skipped, each in part or whole, when nothing did.
import { preparedName, type Db, type Queryable } from '../db/index.ts';
import { OVERLAP_MS, syncMatchTables, XID_REACH, type SyncReport } from './match-tables.ts';
import { heldSnapshot, matchSnapshot, type CopyMarks, type CopyLook, type MatchSnapshot } from './snapshot.ts';

/** What the look found: when it looked, and whether the tables' sync, and what of the copy, would find anything new. */
export interface Look extends Omit<CopyLook, 'moved'> {
  /** Whether the lookup tables index every invoice and customer as they are (the sync would read and write nothing). */
  tablesCurrent: boolean;
  invoices: number; customers: number;
  /** Of the copy held (null when none): what it would read again. */
  moved: CopyLook['moved'] | null;
}

/**
 * Whether no row of a table (`table WHERE ...`) matches: the newest change first and one row at most, so that the planner
 * takes the index of changes (`invoices_changed`, `customers_changed`) whatever share of the rows it guesses the time
 * bound, not known when planned, leaves.
 */
const none = (rows: string) => `(SELECT false FROM ${rows} ORDER BY updated_at DESC LIMIT 1) IS NULL`;

// The sync's rules (match-tables.ts): the invoices are current when as many as it indexed (numbers never change); the
// customers when as many, and none changed within the overlap by a transaction no older than the oldest one running when
// the last sync began (every one when that id is out of reach). Without a state row the comparisons are null: not current.
const TABLES = `WITH st AS MATERIALIZED (SELECT source, synced_at, indexed, generation, read_after_xid FROM match_index_state WHERE org_id = $1),
  h AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
  c AS MATERIALIZED (SELECT synced_at - $2 * interval '1 millisecond' AS since, indexed,
    CASE WHEN read_after_xid IS NULL OR abs(h.xmin::text::numeric - read_after_xid) >= $3 THEN NULL
      ELSE (read_after_xid % 4294967296)::text::xid END AS after_xid FROM st, h WHERE source = 'customers'),
  n AS MATERIALIZED (SELECT (SELECT count(*) FROM invoices WHERE org_id = $1) AS invoices, (SELECT count(*) FROM customers WHERE org_id = $1) AS customers)
  SELECT now() AS at, (SELECT xmin::text FROM h) AS xmin, n.invoices::int AS invoices, n.customers::int AS customers,
    coalesce((SELECT string_agg(source || ':' || generation, ',' ORDER BY source) FROM st), '') AS generations,
    EXISTS (SELECT 1 FROM field_encryption WHERE org_id = $1) AS keyed,
    coalesce((SELECT indexed FROM st WHERE source = 'invoices') = n.invoices AND (SELECT indexed FROM c) = n.customers
      AND ${none(`customers WHERE org_id = $1 AND updated_at > (SELECT since FROM c)
        AND ((SELECT after_xid FROM c) IS NULL OR age(xmin) <= age((SELECT after_xid FROM c)))`)}, false) AS tables_current`;

// The copy's catch-up's own reads as "any row?" (snapshot.ts), an id out of reach counting as moved; its payers are read
// whole, so they moved unless as many as it read and none written by a transaction no older than the oldest one running
// when it read them (each row older was committed, so read, then: the same rows, as many).
const COPY = `, ($5::xid IS NULL OR age($5::xid) NOT BETWEEN 0 AND $3 OR NOT ${none(`invoices WHERE org_id = $1
    AND updated_at > $4::timestamptz AND age(xmin) <= age($5::xid)`)}) AS invoices_moved,
  ($5::xid IS NULL OR age($5::xid) NOT BETWEEN 0 AND $3 OR NOT ${none(`customers WHERE org_id = $1
    AND updated_at > $4::timestamptz AND age(xmin) <= age($5::xid)`)}) AS customers_moved,
  (SELECT $6::xid IS NULL OR age($6::xid) NOT BETWEEN 0 AND $3 OR count(*) <> $7 OR coalesce(bool_or(age(xmin) <= age($6::xid)), false)
    FROM payer_aliases WHERE org_id = $1) AS payers_moved`;

// run before every matching run: prepared (planned once per connection)
const TABLES_ONLY = { text: `${TABLES} FROM n`, name: preparedName(`${TABLES} FROM n`) };
const WITH_COPY = { text: `${TABLES}${COPY} FROM n`, name: preparedName(`${TABLES}${COPY} FROM n`) };

/** Looks once at what moved since the org's lookup tables were synced and since the copy `marks` describes was caught up. */
export async function lookSinceLast(q: Queryable, orgId: string, marks: CopyMarks | null): Promise<Look> {
  const base = [orgId, OVERLAP_MS, Number(XID_REACH)];
  const sql = marks ? WITH_COPY : TABLES_ONLY;
  const [r] = await q.query<{ at: string | Date; xmin: string; invoices: number; customers: number; generations: string; keyed: boolean;
    tables_current: boolean; invoices_moved?: boolean; customers_moved?: boolean; payers_moved?: boolean }>(
    sql.text, marks ? [...base, marks.since, marks.afterXid, marks.payersAfterXid, marks.payers] : base, sql.name);
  return {
    at: new Date(r!.at).toISOString(), xmin: String(BigInt(r!.xmin) % 4_294_967_296n), generations: r!.generations, keyed: r!.keyed,
    tablesCurrent: r!.tables_current, invoices: Number(r!.invoices), customers: Number(r!.customers),
    moved: marks ? { invoices: r!.invoices_moved!, customers: r!.customers_moved!, payers: r!.payers_moved! || r!.keyed !== marks.keyed } : null,
  };
}

/**
 * Brings the org's lookup tables up to date and gives its in-memory copy, caught up (or null: none wanted, or the org too
 * large to copy): after one look, only what moved is read again.
 */
export async function startMatching(db: Db, orgId: string, o: { snapshot?: boolean } = {}): Promise<{ sync: SyncReport; snap: MatchSnapshot | null; look: Look }> {
  const wanted = o.snapshot !== false;
  const look = await lookSinceLast(db, orgId, wanted ? heldSnapshot(orgId)?.marks() ?? null : null);
  if (!look.tablesCurrent) {
    // the sync writes: the copy then looks again after it (a rebuild raises a generation)
    const sync = await syncMatchTables(db, orgId);
    return { sync, snap: wanted ? await matchSnapshot(db, orgId) : null, look };
  }
  const sync: SyncReport = { invoices: { indexed: look.invoices, mode: 'unchanged', read: 0 }, customers: { indexed: look.customers, mode: 'unchanged', read: 0 } };
  return { sync, snap: wanted ? await matchSnapshot(db, orgId, undefined, undefined, look.moved ? { ...look, moved: look.moved } : undefined) : null, look };
}
