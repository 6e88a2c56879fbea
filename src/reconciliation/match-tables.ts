// The lookup tables the matcher reads (reference keys of invoice numbers; customers' normalised names and name words),
// kept in step with the ledger: a count tells whether anything is new, rows changed since the last sync are indexed,
// and a rebuild repairs what a late commit left out. Of the rows changed within the overlap kept for late commits, a sync
// looks again only at those written since the oldest transaction still running when the last sync began.
import type { Db, Queryable } from '../db/index.ts';
import { countCustomers, countInvoices, customerNamesAfter, customerNamesChangedSince, invoiceNumbersAfter, invoiceNumbersCreatedSince,
  type CustomerName, type InvoiceNumber } from '../ledger/index.ts';
import { storedInvoiceKeys } from './match/text.ts';
import { indexedTokens, normaliseName } from './match/names.ts';

/** Rows committed by transactions that began before the last sync are looked at again for this long. */
export const OVERLAP_MS = 10 * 60_000;
/** Above this many new rows a rebuild with COPY is cheaper than inserting them one statement at a time. */
export const INCREMENTAL_MAX = 50_000;
const PAGE = 10_000;

type Source = 'invoices' | 'customers';
/** Per table: rows indexed, how, and how many changed rows the sync read (0 unchanged; every row at a rebuild). */
export interface SyncReport { invoices: { indexed: number; mode: SyncMode; read: number }; customers: { indexed: number; mode: SyncMode; read: number } }
type SyncMode = 'unchanged' | 'incremental' | 'rebuilt';

const csv = (cells: string[]): string => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');


/**
 * When a sync began (database time) and the oldest transaction then still running (pg_snapshot_xmin, a 64-bit id):
 * every row written by an older transaction was committed then, and so is seen by the sync's reads, which come after.
 */
interface SyncStart { at: string; xmin: bigint }

/**
 * The last sync's state: how many rows it indexed, and which changed rows to look at again: changed since `since` (its
 * start less the overlap) and written by a transaction no older than `afterXid` (null: every one).
 */
interface SyncState { indexed: number; since: string; afterXid: string | null }

/** Ids further apart than this are not compared (age() is 32-bit): the sync then reads every row of the overlap. */
export const XID_REACH = 1n << 30n;

async function lockState(q: Queryable, orgId: string, source: Source, start: SyncStart): Promise<SyncState | null> {
  await q.query(`INSERT INTO match_index_state (org_id, source, synced_at, indexed) VALUES ($1, $2, '1970-01-01T00:00:00Z', -1)
    ON CONFLICT (org_id, source) DO NOTHING`, [orgId, source]);
  // the row lock makes syncs of the org's table take turns: each reads after the one before it committed its state
  const [s] = await q.query<{ synced_at: string; indexed: number; read_after_xid: string | number | null }>(
    'SELECT synced_at, indexed, read_after_xid FROM match_index_state WHERE org_id = $1 AND source = $2 FOR UPDATE', [orgId, source]);
  if (!s || s.indexed < 0) return null;
  const kept = s.read_after_xid === null ? null : BigInt(s.read_after_xid);
  // a row's xmin holds the 32-bit id (the 64-bit one without its epoch); a sync that began before the last one and
  // waited for its lock finds a newer id than its own, as good (the last one's reads saw every row older)
  const far = kept === null || (start.xmin > kept ? start.xmin - kept : kept - start.xmin) >= XID_REACH;
  const afterXid = far ? null : String(kept % (1n << 32n));
  return { indexed: Number(s.indexed), since: new Date(Date.parse(s.synced_at) - OVERLAP_MS).toISOString(), afterXid };
}

/** A rebuild raises the generation: copies kept in memory of what the table held are then read again (see key-filter.ts). */
async function saveState(q: Queryable, orgId: string, source: Source, start: SyncStart, indexed: number, rebuilt = false): Promise<void> {
  await q.query(`UPDATE match_index_state SET synced_at = $3, indexed = $4, generation = generation + $5, read_after_xid = $6
    WHERE org_id = $1 AND source = $2`, [orgId, source, start.at, indexed, rebuilt ? 1 : 0, String(start.xmin)]);
}

// ---- invoices: numbers never change, so only new invoices are indexed

async function insertInvoiceKeys(q: Queryable, orgId: string, rows: InvoiceNumber[]): Promise<number> {
  const keys: string[] = [];
  const ids: string[] = [];
  for (const r of rows) for (const k of storedInvoiceKeys(r.number)) { keys.push(k); ids.push(r.id); }
  if (!keys.length) return 0;
  const [r] = await q.query<{ n: number }>(`WITH ins AS (INSERT INTO invoice_match_keys (org_id, key, invoice_id)
    SELECT $1, k, i FROM unnest($2::text[], $3::text[]) AS t (k, i) ON CONFLICT DO NOTHING RETURNING key)
    SELECT count(*) FILTER (WHERE key LIKE 'n:%')::int AS n FROM ins`, [orgId, keys, ids]);
  return r?.n ?? 0;
}

async function rebuildInvoiceKeys(q: Queryable, orgId: string): Promise<number> {
  await q.query('DELETE FROM invoice_match_keys WHERE org_id = $1', [orgId]);
  let after = '';
  let n = 0;
  for (;;) {
    const page = await invoiceNumbersAfter(q, orgId, after, PAGE);
    if (!page.length) break;
    const lines: string[] = [];
    for (const r of page) for (const k of storedInvoiceKeys(r.number)) lines.push(csv([orgId, k, r.id]));
    await q.copyCsv('invoice_match_keys', ['org_id', 'key', 'invoice_id'], `${lines.join('\n')}\n`);
    n += page.length;
    after = page[page.length - 1]!.id;
  }
  return n;
}

async function syncInvoices(q: Queryable, orgId: string, start: SyncStart): Promise<SyncReport['invoices']> {
  const state = await lockState(q, orgId, 'invoices', start);
  const total = await countInvoices(q, orgId);
  if (state && state.indexed === total) return { indexed: total, mode: 'unchanged', read: 0 };
  if (state) {
    const fresh = await invoiceNumbersCreatedSince(q, orgId, state.since, INCREMENTAL_MAX, state.afterXid);
    if (fresh) {
      const indexed = state.indexed + await insertInvoiceKeys(q, orgId, fresh);
      if (indexed === total) {
        await saveState(q, orgId, 'invoices', start, indexed);
        return { indexed, mode: 'incremental', read: fresh.length };
      }
    }
  }
  const indexed = await rebuildInvoiceKeys(q, orgId);
  await saveState(q, orgId, 'invoices', start, indexed, true);
  return { indexed, mode: 'rebuilt', read: indexed };
}

// ---- customers: a name can change (or be erased), so changed customers are indexed again

/** Rows of the two tables: a name key per customer, and its words, each with the customer and its name key again. */
interface NameRows { ids: string[]; keys: string[]; wordIds: string[]; words: string[]; wordKeys: string[] }

function nameRows(customers: CustomerName[]): NameRows {
  const out: NameRows = { ids: [], keys: [], wordIds: [], words: [], wordKeys: [] };
  for (const c of customers) {
    out.ids.push(c.id);
    // an erased customer keeps a row (it is counted) but is found by nothing
    const key = c.erased ? '' : normaliseName(c.name) ?? '';
    out.keys.push(key);
    if (!c.erased) for (const w of indexedTokens(c.name)) { out.wordIds.push(c.id); out.words.push(w); out.wordKeys.push(key); }
  }
  return out;
}

/** Indexes these customers' names again where they changed; returns how many were not indexed before. */
async function replaceNames(q: Queryable, orgId: string, changed: CustomerName[]): Promise<number> {
  if (!changed.length) return 0;
  const stored = new Map((await q.query<{ customer_id: string; name_key: string }>(
    `SELECT n.customer_id, n.name_key FROM unnest($2::text[]) AS q (id)
     JOIN customer_match_names n ON n.org_id = $1 AND n.customer_id = q.id`,
    [orgId, changed.map((c) => c.id)])).map((x) => [x.customer_id, x.name_key]));
  const customers = changed.filter((c) => stored.get(c.id) !== (c.erased ? '' : normaliseName(c.name) ?? ''));
  if (!customers.length) return 0;
  const r = nameRows(customers);
  await q.query('DELETE FROM customer_match_words WHERE org_id = $1 AND customer_id = ANY($2::text[])', [orgId, r.ids]);
  if (r.words.length) {
    await q.query(`INSERT INTO customer_match_words (org_id, word, customer_id, name_key)
      SELECT $1, w, c, k FROM unnest($2::text[], $3::text[], $4::text[]) AS t (w, c, k) ON CONFLICT DO NOTHING`, [orgId, r.words, r.wordIds, r.wordKeys]);
  }
  const [added] = await q.query<{ n: number }>(`WITH up AS (INSERT INTO customer_match_names (org_id, customer_id, name_key)
    SELECT $1, c, k FROM unnest($2::text[], $3::text[]) AS t (c, k)
    ON CONFLICT (org_id, customer_id) DO UPDATE SET name_key = EXCLUDED.name_key RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted)::int AS n FROM up`, [orgId, r.ids, r.keys]);
  return added?.n ?? 0;
}

async function rebuildNames(q: Queryable, orgId: string): Promise<number> {
  await q.query('DELETE FROM customer_match_words WHERE org_id = $1', [orgId]);
  await q.query('DELETE FROM customer_match_names WHERE org_id = $1', [orgId]);
  let after = '';
  let n = 0;
  for (;;) {
    const page = await customerNamesAfter(q, orgId, after, PAGE);
    if (!page.length) break;
    const r = nameRows(page);
    await q.copyCsv('customer_match_names', ['org_id', 'customer_id', 'name_key'],
      `${r.ids.map((id, i) => csv([orgId, id, r.keys[i]!])).join('\n')}\n`);
    if (r.words.length) {
      await q.copyCsv('customer_match_words', ['org_id', 'word', 'customer_id', 'name_key'],
        `${r.words.map((w, i) => csv([orgId, w, r.wordIds[i]!, r.wordKeys[i]!])).join('\n')}\n`);
    }
    n += page.length;
    after = page[page.length - 1]!.id;
  }
  return n;
}

async function syncCustomers(q: Queryable, orgId: string, start: SyncStart): Promise<SyncReport['customers']> {
  const state = await lockState(q, orgId, 'customers', start);
  const total = await countCustomers(q, orgId);
  if (state) {
    // changed customers page by page: only names that differ from what is indexed are written
    let indexed = state.indexed;
    let seen = 0;
    for (let after = ''; ;) {
      const page = await customerNamesChangedSince(q, orgId, state.since, after, PAGE, state.afterXid);
      indexed += await replaceNames(q, orgId, page);
      seen += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    if (indexed === total) {
      await saveState(q, orgId, 'customers', start, indexed);
      return { indexed, mode: seen ? 'incremental' : 'unchanged', read: seen };
    }
  }
  const indexed = await rebuildNames(q, orgId);
  await saveState(q, orgId, 'customers', start, indexed, true);
  return { indexed, mode: 'rebuilt', read: indexed };
}

/** Brings the org's lookup tables up to date with its invoices and customers; cheap when nothing changed. */
export async function syncMatchTables(db: Db, orgId: string): Promise<SyncReport> {
  return db.transaction(async (tx) => {
    // taken before the sync's reads (each statement after sees what was committed by then)
    const [r] = await tx.query<{ at: string; xmin: string }>('SELECT now() AS at, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
    const start: SyncStart = { at: r!.at, xmin: BigInt(r!.xmin) };
    const invoices = await syncInvoices(tx, orgId, start);
    const customers = await syncCustomers(tx, orgId, start);
    return { invoices, customers };
  });
}
