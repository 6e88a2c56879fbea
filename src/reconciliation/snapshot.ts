// An in-memory copy of what the matcher looks candidates up in: the org's open invoices (by reference key, customer and
// balance), its customers' names with the words and word pairs they are found by, and its learned payers. Read once per
// process and org, then caught up at the start of each run (and after each batch that booked): invoices and customers
// changed since the last catch-up (with the lookup tables' overlap for late commits) are read again; payers are read
// whole (few, and "forget" deletes them). A run's start looks first at what moved since (match-start.ts) and reads only
// that. A batch's candidates are then found without a statement; the lookups give the rows, in the order, that the SQL
// lookups of candidates.ts give (see `memoryLookups`).
import { matchCopyLimits } from './copy-limits.ts';
import type { Queryable } from '../db/index.ts';
import type { OpenReceivable } from '../ledger/index.ts';
import { payerAccountKeyer } from '../vault/index.ts';
import { invoiceKeys, type HeldKeys } from './match/text.ts';
import { HASH_START, HashBits, hashOn } from './match/key-hashes.ts';
import { findingWords, indexedTokens, nameShape, normaliseName, PAIRED_WORDS, type KeyShape } from './match/names.ts';
import { OVERLAP_MS } from './match-tables.ts';
import type { KnownCustomer, PayerAlias } from './match/types.ts';

export interface SnapInvoice extends OpenReceivable { open: boolean }
/**
 * A customer as copied; `known` is how a batch's index reads it (shared: never changed); `shape`, what comparing its name
 * needs, kept once it was first compared (`keyShape`).
 */
export interface SnapCustomer {
  id: string; name: string; key: string; tokens: string[]; known: Readonly<KnownCustomer>; shape: KeyShape | null;
  /** The customer's number in this copy (0, 1, 2... in the order first read; kept when it is read again): a batch ranks by it. */
  seq: number;
}
/** A customer of a name list alike a payer's name, and how alike (`MatchSnapshot.alikeIn`). */
export interface AlikeHit { c: SnapCustomer; score: number }
/** What a copy last read, as the look before a run compares it (match-start.ts). */
export interface CopyMarks {
  /** Changed rows are read from this time (the last catch-up's, less the overlap) and transaction on. */
  since: string; afterXid: string | null;
  /** The learned payers read whole last: how many, the oldest transaction running before, the org's blind-index key. */
  payers: number; payersAfterXid: string | null; keyed: boolean;
}
/** A catch-up's state (database time, the oldest transaction running, generations, blind-index key) and what moved. */
export interface CopyLook {
  at: string; xmin: string; generations: string; keyed: boolean;
  moved: { invoices: boolean; customers: boolean; payers: boolean };
}
/** A learned payer and where it stands in the table's order (the SQL lookup reads them in that order). */
export interface SnapAlias extends PayerAlias { seq: number }

const OPEN = `balance > 0 AND NOT cancelled AND status IN ('open', 'partially_paid', 'disputed')`;
const COLUMNS = `id, number, customer_id, currency, balance, due_date, (${OPEN}) AS open`;
const PAGE = 10_000;

/** Inserts a customer into a list kept in id order (as the lookup tables' primary keys order them). */
function insertSorted(list: SnapCustomer[], c: SnapCustomer): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid]!.id < c.id) lo = mid + 1; else hi = mid; }
  if (list[lo]?.id !== c.id) list.splice(lo, 0, c);
}

function removeFrom<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  const at = list ? list.indexOf(v) : -1;
  if (list && at >= 0) list.splice(at, 1);
}

const NONE: readonly SnapInvoice[] = [];

/**
 * Key -> invoices, a lone invoice held as itself rather than in a list of one (most reference keys and balances name one
 * invoice: at a million open invoices the lists of one were about a tenth of the copy).
 */
class InvoicesBy<K> {
  private readonly m = new Map<K, SnapInvoice | SnapInvoice[]>();
  has(k: K): boolean { return this.m.has(k); }
  keys(): Iterable<K> { return this.m.keys(); }
  get size(): number { return this.m.size; }
  /** The invoice or invoices under a key as held (no list of one made). */
  held(k: K): SnapInvoice | readonly SnapInvoice[] | undefined { return this.m.get(k); }
  get(k: K): readonly SnapInvoice[] {
    const v = this.m.get(k);
    return v === undefined ? NONE : Array.isArray(v) ? v : [v];
  }

  /** Adds at the end, or with `inIdOrder` where its id goes in the list. */
  add(k: K, inv: SnapInvoice, inIdOrder = false): void {
    const v = this.m.get(k);
    if (v === undefined) { this.m.set(k, inv); return; }
    const list = Array.isArray(v) ? v : [v];
    if (list !== v) this.m.set(k, list);
    let at = list.length;
    if (inIdOrder) while (at > 0 && list[at - 1]!.id > inv.id) at -= 1;
    list.splice(at, 0, inv);
  }

  remove(k: K, inv: SnapInvoice): void {
    const v = this.m.get(k);
    if (v === inv) this.m.delete(k);
    else if (Array.isArray(v)) {
      const at = v.indexOf(inv);
      if (at >= 0) v.splice(at, 1);
      if (v.length === 1) this.m.set(k, v[0]!); else if (!v.length) this.m.delete(k);
    }
  }
}

export class MatchSnapshot {
  readonly invoices = new Map<string, SnapInvoice>();
  /** Searchable reference key -> invoices, in invoice id order. */
  readonly byKey = new InvoicesBy<string>();
  /** The hashes of the keys `byKey` holds (and of some it held: those say "maybe" wrongly until the bits are made again). */
  private keyBits = new HashBits(0);
  /** The keys `byKey` holds, asked through their hashes first (`heldTextKeys`). */
  readonly heldKeys: HeldKeys = { mayHold: (h) => this.keyBits.has(h), has: (k) => this.byKey.has(k) };
  /** Customer -> invoices, in the order the table gave them. */
  readonly byCustomer = new Map<string, SnapInvoice[]>();
  /** Currency -> balance -> invoices owing it. */
  private readonly balances = new Map<string, InvoicesBy<number>>();
  readonly customers = new Map<string, SnapCustomer>();
  /** The next customer number (`SnapCustomer.seq`): how many customers the copy has numbered. */
  customerSeqs = 0;
  /** Normalised name -> customers of it, in id order (the customers themselves: no lookup by id to compare their names). */
  readonly byNameKey = new Map<string, SnapCustomer[]>();
  /** Name word or word pair -> customers indexed under it, in id order. */
  readonly byToken = new Map<string, SnapCustomer[]>();
  /**
   * Name word -> the customers under it with more finding words than `indexedTokens` pairs (some pairs of their words are
   * filed under no pair token): few, in no particular order.
   */
  readonly wideByWord = new Map<string, SnapCustomer[]>();
  /**
   * Of one of the name lists above (by the list itself) and a payer's normalised name: the customers of the list at least
   * NAME_MIN alike it, with their likeness, in the list's order (snapshot-views.ts). Likeness is a pure function of the
   * two names, so it holds until a list changes: emptied whenever a customer is (re)filed.
   */
  readonly alikeIn = new Map<readonly SnapCustomer[], Map<string, AlikeHit[]>>();
  /** How many payer names `alikeIn` holds (emptied past ALIKE_KEPT). */
  alikeKept = 0;
  /** `account\u0001value` / `name\u0001value` -> learned payers (value as stored), each with its place in the table's order. */
  aliases = new Map<string, SnapAlias[]>();
  private aliasSeq = 0;
  /** The stored forms of payer accounts (the account, and its blind index once the org has one). */
  accountKeys: (accounts: string[]) => Map<string, string> = (a) => new Map(a.map((x) => [x, x]));
  /** Database time of the last catch-up. */
  syncedAt = '';
  /**
   * The oldest transaction still running when the last read began (the 32-bit id `xmin` columns hold): a row written
   * before it was committed, and so read, by then. A catch-up looks again at rows changed in the overlap (for commits
   * late to their `updated_at`) only when written since: just after a large import the overlap holds every row.
   */
  readAfterXid: string | null = null;
  /** Rows the last catch-up read again. */
  caughtUp = { invoices: 0, customers: 0 };
  /** The lookup tables' generations when read: a rebuild (a late commit repaired) makes the copy be read whole again. */
  generations = '';
  /** The learned payers last read whole (`CopyMarks`). */
  private payers = { rows: 0, afterXid: null as string | null, keyed: false };

  constructor(readonly orgId: string) {}

  /** One copy of each customer id, currency and due date, however many invoices share it (a million invoices, few of those). */
  private readonly strings = new Map<string, string>();
  private intern(v: string): string {
    const known = this.strings.get(v);
    if (known !== undefined) return known;
    this.strings.set(v, v);
    return v;
  }

  /** The open invoices owing exactly this balance in this currency. */
  withBalance(currency: string, balance: number): readonly SnapInvoice[] {
    return this.balances.get(currency)?.get(balance) ?? NONE;
  }

  private balanceList(currency: string): InvoicesBy<number> {
    let list = this.balances.get(currency);
    if (!list) { list = new InvoicesBy<number>(); this.balances.set(currency, list); }
    return list;
  }

  private addInvoice(r: SnapInvoice): void {
    const inv: SnapInvoice = { id: r.id, number: r.number, customer_id: this.intern(r.customer_id), currency: this.intern(r.currency),
      balance: Number(r.balance), due_date: this.intern(r.due_date), open: r.open };
    this.invoices.set(inv.id, inv);
    for (const k of invoiceKeys(inv.number)) {
      this.byKey.add(k, inv, true);
      this.noteKey(k);
    }
    const own = this.byCustomer.get(inv.customer_id);
    if (own) own.push(inv); else this.byCustomer.set(inv.customer_id, [inv]);
    this.balanceList(inv.currency).add(inv.balance, inv);
  }

  /** Notes a key `byKey` holds in its hashes; when they are full, made again (twice the keys held, dropped keys left out). */
  private noteKey(k: string): void {
    if (this.keyBits.added >= this.keyBits.capacity) {
      this.keyBits = new HashBits(Math.max(4_096, 2 * this.byKey.size));
      for (const held of this.byKey.keys()) this.keyBits.add(hashOn(HASH_START, held));
    } else this.keyBits.add(hashOn(HASH_START, k));
  }

  private dropInvoice(inv: SnapInvoice): void {
    this.invoices.delete(inv.id);
    for (const k of invoiceKeys(inv.number)) this.byKey.remove(k, inv);
    removeFrom(this.byCustomer, inv.customer_id, inv);
    this.balanceList(inv.currency).remove(inv.balance, inv);
  }

  /** An invoice as read now: a closed one is forgotten, an open one (re)indexed where it changed. */
  putInvoice(r: SnapInvoice): void {
    const known = this.invoices.get(r.id);
    const balance = Number(r.balance);
    if (known && known.open && r.open && known.number === r.number && known.customer_id === r.customer_id && known.currency === r.currency) {
      if (known.balance !== balance) {
        const same = this.balanceList(known.currency);
        same.remove(known.balance, known);
        known.balance = balance;
        same.add(balance, known);
      }
      known.due_date = r.due_date;
      return;
    }
    if (known) this.dropInvoice(known);
    if (r.open) this.addInvoice(r);
  }

  putCustomer(id: string, name: string, erased: boolean): void {
    if (this.alikeKept) { this.alikeIn.clear(); this.alikeKept = 0; }
    const known = this.customers.get(id);
    if (known) {
      removeFrom(this.byNameKey, known.key, known);
      for (const t of known.tokens) { removeFrom(this.byToken, t, known); removeFrom(this.wideByWord, t, known); }
    }
    const key = erased ? '' : normaliseName(name) ?? '';
    const tokens = erased ? [] : [...new Set(indexedTokens(name))];
    const words = erased ? [] : findingWords(name);
    const c: SnapCustomer = { id, name, key, tokens, known: { id, name, nameKey: key }, shape: null, seq: known ? known.seq : this.customerSeqs++ };
    if (words.length > PAIRED_WORDS) for (const w of words) { const l = this.wideByWord.get(w); if (l) l.push(c); else this.wideByWord.set(w, [c]); }
    this.customers.set(id, c);
    // what comparing names with this one needs, worked out now rather than at the first batch that finds the customer
    nameShape(key);
    if (key) { const l = this.byNameKey.get(key); if (l) insertSorted(l, c); else this.byNameKey.set(key, [c]); }
    for (const t of tokens) { const l = this.byToken.get(t); if (l) insertSorted(l, c); else this.byToken.set(t, [c]); }
  }

  marks(): CopyMarks {
    return { since: new Date(Date.parse(this.syncedAt) - OVERLAP_MS).toISOString(), afterXid: this.readAfterXid,
      payers: this.payers.rows, payersAfterXid: this.payers.afterXid, keyed: this.payers.keyed };
  }

  /** Reads the whole of it (first use in this process). */
  async load(q: Queryable): Promise<void> {
    const state = await stateOf(q, this.orgId);
    const { at, generations, xmin } = state;
    // in the table's order, as the lookup of a customer's open invoices reads them
    for (const r of await q.query<SnapInvoice>(`SELECT ${COLUMNS} FROM invoices WHERE org_id = $1 AND ${OPEN}`, [this.orgId])) this.addInvoice(r);
    for (let after = ''; ;) {
      const page = await q.query<{ id: string; name: string; erased: boolean }>(`SELECT id, name, erased_at IS NOT NULL AS erased FROM customers
        WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [this.orgId, after, PAGE]);
      for (const c of page) this.putCustomer(c.id, c.name, c.erased);
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    await this.readPayers(q, state);
    this.syncedAt = at;
    this.readAfterXid = xmin;
    this.generations = generations;
  }

  /**
   * Reads what changed since the last catch-up (and every learned payer); with `moved` (a look in the same snapshot as
   * `at` and `xmin` found nothing else), only what moved.
   */
  async catchUp(q: Queryable, state: { at: string; xmin: string; keyed: boolean }, moved = { invoices: true, customers: true, payers: true }): Promise<void> {
    const { at, xmin } = state;
    const since = new Date(Date.parse(this.syncedAt) - OVERLAP_MS).toISOString();
    // age() compares transaction ids across wraparound; a frozen row's age is the largest there is (an old row)
    const written = `updated_at > $2::timestamptz AND ($3::xid IS NULL OR age(xmin) <= age($3::xid))`;
    const args = [this.orgId, since, this.readAfterXid];
    // the three reads go out together (a run's first round trips): each one's rows are applied on their own
    const [invoices, customers] = await Promise.all([
      moved.invoices ? q.query<SnapInvoice>(`SELECT ${COLUMNS} FROM invoices WHERE org_id = $1 AND ${written}`, args) : [],
      moved.customers ? q.query<{ id: string; name: string; erased: boolean }>(`SELECT id, name, erased_at IS NOT NULL AS erased
        FROM customers WHERE org_id = $1 AND ${written}`, args) : [],
      moved.payers ? this.readPayers(q, state) : null]);
    for (const r of invoices) this.putInvoice(r);
    this.caughtUp = { invoices: invoices.length, customers: customers.length };
    for (const c of customers) {
      const known = this.customers.get(c.id);
      if (!known || known.name !== c.name || (known.key === '') !== c.erased) this.putCustomer(c.id, c.name, c.erased);
    }
    this.syncedAt = at;
    this.readAfterXid = xmin;
  }

  /**
   * After a batch of this process booked: the invoices it paid and the payers it taught, read again (what a run changes
   * itself; what others change meanwhile is read at the next run's catch-up, and booking re-checks every balance it takes).
   */
  async refresh(q: Queryable, invoiceIds: string[], customerIds: string[]): Promise<void> {
    const [invoices, payers] = await Promise.all([
      invoiceIds.length ? q.query<SnapInvoice>(`SELECT ${COLUMNS} FROM invoices WHERE org_id = $1 AND id = ANY($2::text[])`, [this.orgId, invoiceIds]) : [],
      customerIds.length ? q.query<{ kind: 'account' | 'name'; value: string; customer_id: string; matches: number }>(
        'SELECT kind, value, customer_id, matches FROM payer_aliases WHERE org_id = $1 AND customer_id = ANY($2::text[])', [this.orgId, customerIds]) : []]);
    for (const r of invoices) this.putInvoice(r);
    for (const a of payers) {
      const k = `${a.kind}\u0001${a.value}`;
      const list = this.aliases.get(k) ?? [];
      const known = list.find((x) => x.customerId === a.customer_id);
      // a payer learned now comes after those read before, as a row added to the table does
      if (known) known.matches = Number(a.matches);
      else list.push({ kind: a.kind, value: a.value, customerId: a.customer_id, matches: Number(a.matches), seq: this.aliasSeq++ });
      this.aliases.set(k, list);
    }
  }

  /** Reads every learned payer (after `state` was taken: its oldest transaction running is theirs to compare with). */
  private async readPayers(q: Queryable, state: { xmin: string; keyed: boolean }): Promise<void> {
    const aliases = new Map<string, SnapAlias[]>();
    this.aliasSeq = 0;
    const rows = await q.query<{ kind: 'account' | 'name'; value: string; customer_id: string; matches: number }>(
      'SELECT kind, value, customer_id, matches FROM payer_aliases WHERE org_id = $1', [this.orgId]);
    this.payers = { rows: rows.length, afterXid: state.xmin, keyed: state.keyed };
    for (const a of rows) {
      const k = `${a.kind}\u0001${a.value}`;
      const row: SnapAlias = { kind: a.kind, value: a.value, customerId: a.customer_id, matches: Number(a.matches), seq: this.aliasSeq++ };
      const list = aliases.get(k);
      if (list) list.push(row); else aliases.set(k, [row]);
    }
    this.aliases = aliases;
    this.accountKeys = await payerAccountKeyer(q, this.orgId);
  }
}

async function stateOf(q: Queryable, orgId: string): Promise<{ at: string; generations: string; xmin: string; keyed: boolean }> {
  const [r] = await q.query<{ at: string | Date; generations: string; xmin: string; keyed: boolean }>(`SELECT now() AS at, coalesce((SELECT string_agg(source || ':' ||
    generation, ',' ORDER BY source) FROM match_index_state WHERE org_id = $1), '') AS generations,
    pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, EXISTS (SELECT 1 FROM field_encryption WHERE org_id = $1) AS keyed`, [orgId]);
  // the 64-bit id without its epoch: what a row's xmin holds
  return { at: new Date(r!.at).toISOString(), generations: r!.generations, xmin: String(BigInt(r!.xmin) % 4_294_967_296n), keyed: r!.keyed };
}

/** Copies kept at once per process (the orgs most recently matched); an older one is dropped and read again when needed. */
export const SNAPSHOT_MAX_ORGS = 4;

/** Org id -> its copy, kept for the process, least recently used first. */
const copies = new Map<string, MatchSnapshot>();

/** The org's copy as held now, if any (not caught up). */
export function heldSnapshot(orgId: string): MatchSnapshot | null { return copies.get(orgId) ?? null; }

/**
 * The org's copy, read whole on first use and caught up after (call after `syncMatchTables`); null for an org too large
 * to copy (over `maxOpen` open invoices). Copies of other orgs are dropped, least recently matched first, to keep at most
 * SNAPSHOT_MAX_ORGS of them and `maxTotal` open invoices in all. With `look` (what moved since this copy's marks, looked
 * at after the sync), only that is read again.
 */
export async function matchSnapshot(
  q: Queryable, orgId: string, maxOpen = matchCopyLimits().maxOpen, maxTotal = matchCopyLimits().maxTotal, look?: CopyLook,
): Promise<MatchSnapshot | null> {
  const known = copies.get(orgId);
  if (known) {
    copies.delete(orgId);
    const state = look ?? await stateOf(q, orgId);
    if (state.generations === known.generations && known.invoices.size <= Math.min(maxOpen, maxTotal)) {
      const moved = look?.moved;
      if (moved && !moved.invoices && !moved.customers && !moved.payers) known.caughtUp = { invoices: 0, customers: 0 };
      else await known.catchUp(q, state, moved);
      copies.set(orgId, known);
      return known;
    }
  }
  // no copy larger than the whole budget either
  const limit = Math.min(maxOpen, maxTotal);
  const [big] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM invoices WHERE org_id = $1 AND ${OPEN} LIMIT $2) x`,
    [orgId, limit + 1]);
  if ((big?.n ?? 0) > limit) return null;
  // room first: the copies of the orgs matched longest ago make way before this one is read
  let total = (big?.n ?? 0) + [...copies.values()].reduce((n, c) => n + c.invoices.size, 0);
  for (const [old, copy] of copies) {
    if (copies.size < SNAPSHOT_MAX_ORGS && total <= maxTotal) break;
    copies.delete(old);
    total -= copy.invoices.size;
  }
  const fresh = new MatchSnapshot(orgId);
  await fresh.load(q);
  copies.set(orgId, fresh);
  return fresh;
}

/** Forgets the copies (tests). */
export function forgetSnapshots(): void { copies.clear(); }
