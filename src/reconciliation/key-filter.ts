// The reference keys an org's invoices are stored under, held in memory as a Bloom filter: most keys a payment text holds
// name no invoice, and the filter turns those away without an index probe. Loaded once per process and org from the
// lookup table, then kept in step with it: invoices created since the copy are added (numbers never change), and a
// rebuild of the table (its generation) makes the copy be read again.
import type { Queryable } from '../db/index.ts';
import { invoiceNumbersCreatedSince } from '../ledger/index.ts';
import { BloomFilter } from './match/bloom.ts';
import { storedInvoiceKeys } from './match/text.ts';
import { INCREMENTAL_MAX, OVERLAP_MS } from './match-tables.ts';

interface Copy { filter: BloomFilter; syncedAt: number; indexed: number; generation: number }

/** Org id -> its copy. Org ids are unique across databases, and each use checks the copy against the table's state. */
const copies = new Map<string, Copy>();
const PAGE = 50_000;
/** Room for the keys of this many times the invoices indexed when the copy was read, before it is read again bigger. */
const GROWTH = 2;

interface State { synced_at: Date | string; indexed: string | number; generation: string | number }

async function readAll(q: Queryable, orgId: string, s: State): Promise<Copy> {
  // an invoice number gives at most two searchable keys (`a:` and `d:`; `n:` keys are never looked up from text)
  const filter = new BloomFilter(GROWTH * 2 * Number(s.indexed) + 4_096);
  for (let after = ''; ;) {
    const rows = await q.query<{ key: string }>(`SELECT key FROM invoice_match_keys WHERE org_id = $1 AND key > $2 AND key < 'n:'
      ORDER BY key LIMIT $3`, [orgId, after, PAGE]);
    for (const r of rows) filter.add(r.key);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.key;
  }
  return { filter, syncedAt: new Date(s.synced_at).getTime(), indexed: Number(s.indexed), generation: Number(s.generation) };
}

/** Adds the keys of invoices created since the copy was made (as the table's sync does); false when a full read is needed. */
async function catchUp(q: Queryable, orgId: string, copy: Copy, s: State): Promise<boolean> {
  if (Number(s.generation) !== copy.generation) return false;
  const fresh = await invoiceNumbersCreatedSince(q, orgId, new Date(copy.syncedAt - OVERLAP_MS).toISOString(), INCREMENTAL_MAX);
  if (!fresh) return false;
  for (const inv of fresh) for (const k of storedInvoiceKeys(inv.number)) if (!k.startsWith('n:')) copy.filter.add(k);
  if (copy.filter.added > copy.filter.capacity) return false;
  copy.syncedAt = new Date(s.synced_at).getTime();
  copy.indexed = Number(s.indexed);
  return true;
}

/**
 * The org's filter of reference keys, up to date with its lookup table as last synced (call after `syncMatchTables`), or
 * null when the table was never built (then every key is looked up).
 */
export async function referenceKeyFilter(q: Queryable, orgId: string): Promise<BloomFilter | null> {
  const [s] = await q.query<State>(`SELECT synced_at, indexed, generation FROM match_index_state WHERE org_id = $1 AND source = 'invoices'`,
    [orgId]);
  if (!s || Number(s.indexed) < 0) return null;
  const copy = copies.get(orgId);
  if (copy && copy.syncedAt === new Date(s.synced_at).getTime() && copy.indexed === Number(s.indexed)
    && copy.generation === Number(s.generation)) return copy.filter;
  if (copy && await catchUp(q, orgId, copy, s)) return copy.filter;
  const fresh = await readAll(q, orgId, s);
  copies.set(orgId, fresh);
  return fresh.filter;
}

/** Forgets the copies (tests). */
export function forgetKeyFilters(): void { copies.clear(); }
