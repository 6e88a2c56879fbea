// For a batch of credit lines, the candidates the matcher may need, looked up in indexed tables: invoices whose numbers
// the texts name, learned payer accounts and names, customers with a name alike and their open invoices, and open
// invoices with the line's amount due near its date. Nothing else of the ledger is read. Given the org's in-memory copy
// (snapshot.ts), the same lookups are answered from it, row for row, without a statement.
import type { Queryable } from '../db/index.ts';
import { openReceivablesByBalance, openReceivablesByKeys, openReceivablesOfCustomers, type BalanceWanted, type OpenReceivable } from '../ledger/index.ts';
import { addInvoices, buildIndex, type AskedNames, type MatchIndex } from './match/match-index.ts';
import { longestTwo, payerEvidence, referencedInvoices } from './match/evidence.ts';
import { payerAccountKeys } from '../vault/index.ts';
import { heldTextKeys, normaliseAccount, textKeys } from './match/text.ts';
import { normaliseName, pairToken } from './match/names.ts';
import { accountKeyOf, nameKeyOf, nameWordsOf } from './match/line-keys.ts';
import type { KnownCustomer, MatchLine, OpenInvoice, PayerAlias } from './match/types.ts';
import { referenceKeyFilter } from './key-filter.ts';
import { objectList } from './match/lists.ts';
import type { MatchSnapshot, SnapCustomer } from './snapshot.ts';
import { lineEvidence, type LineEvidence } from './match/reads.ts';
import { snapByBalance, snapByKeys, snapOfCustomers, snapPayers, snapTokens } from './snapshot-lookups.ts';
import { FoundRank, useSnapCustomers } from './snapshot-views.ts';

export interface LookupLimits {
  /** A name word shared by more customers than this is too common to look customers up by alone. */
  nameFanout: number;
  /** Invoices with the line's amount are looked for due this many days either side of its date. */
  amountWindowDays: number;
  /** At most this many invoices with the same amount per line, nearest due date first. */
  amountLimit: number;
}

/** The org's in-memory copy to look candidates up in, or null to look them up with SQL. */
type Snap = MatchSnapshot | null;

export const LOOKUP_LIMITS: LookupLimits = { nameFanout: 100, amountWindowDays: 366, amountLimit: 10 };

function asOpen(r: OpenReceivable): OpenInvoice {
  const inv: OpenInvoice = { id: r.id, number: r.number, customerId: r.customer_id, currency: r.currency, balance: 0, dueDate: r.due_date };
  // written twice from the first invoice on: lines taking an invoice lower its balance, and V8 takes a field written only
  // once as constant until then (the compiled code that read it is thrown away and compiled again when the first is taken)
  inv.balance = r.balance;
  return inv;
}

/**
 * The index's own copies of these rows, in their order, but for those it holds already (`held`: adding them again would
 * change nothing) and those owing nothing: a list filled by a loop, of one kind whether or not the code making it was
 * optimised yet (a `map` the optimising compiler inlines makes a holey list, the built-in a packed one, and the code reading
 * the lists would be compiled again in a fresh process when it met the other kind); empty, of the kind a filled one has
 * (lists.ts). The rows may be the in-memory copy's own invoices: copied here, before anything can catch the copy up.
 */
function opened(rows: readonly OpenReceivable[], held?: Map<string, OpenInvoice>): OpenInvoice[] {
  const out = objectList<OpenInvoice>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!held || (r.balance > 0 && !held.has(r.id))) out.push(asOpen(r));
  }
  return out;
}

/** Notes an open invoice found under a reference key: copied for the index the first time, its keys gathered. */
function foundByKey(invoices: Map<string, OpenInvoice>, keys: Map<string, string[]>, key: string, r: OpenReceivable): void {
  const known = keys.get(r.id);
  if (known) known.push(key);
  else { invoices.set(r.id, asOpen(r)); keys.set(r.id, [key]); }
}

/**
 * Open invoices whose stored reference keys the lines' texts hold, and the keys each is found by. Keys the org's filter
 * says no invoice has (most of them: every window of words in a text is a key) are not looked up.
 */
async function referenced(q: Queryable, orgId: string, lines: MatchLine[], snap: Snap): Promise<{
  invoices: OpenInvoice[]; keys: Map<string, string[]>; lineKeys: Map<object, string[]>;
}> {
  // the copy knows exactly which keys some invoice is stored under (it looks up only those)
  const filter = snap ? null : await referenceKeyFilter(q, orgId);
  const wanted = new Set<string>();
  // each line's keys that pass, kept: the matcher reads the index under these only (no other key of the line is in it)
  const lineKeys = new Map<object, string[]>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const texts = [l.remittanceText, l.endToEndId];
    // the copy's keys are asked by their hashes first: a key is made into a string only when it may be stored
    const passed = snap ? heldTextKeys(texts, l.structuredReference, snap.heldKeys) : [];
    if (snap) for (let k = 0; k < passed.length; k++) wanted.add(passed[k]!);
    else for (const k of textKeys(texts, l.structuredReference)) if (!filter || filter.has(k)) { wanted.add(k); passed.push(k); }
    lineKeys.set(l, passed);
  }
  // the index's own copies of the invoices (it lowers their balances as lines take them), made once each
  const invoices = new Map<string, OpenInvoice>();
  const keys = new Map<string, string[]>();
  if (snap) {
    const rows = snapByKeys(snap, [...wanted], true);
    for (let i = 0; i < rows.keys.length; i++) foundByKey(invoices, keys, rows.keys[i]!, rows.invoices[i]!);
  } else for (const r of await openReceivablesByKeys(q, orgId, [...wanted])) foundByKey(invoices, keys, r.key, r);
  const list = objectList<OpenInvoice>();
  for (const inv of invoices.values()) list.push(inv);
  return { invoices: list, keys, lineKeys };
}

/** These customers' names, one index probe each (`OFFSET 0`: never a scan of the whole table, whatever the planner guesses). */
async function namesOf(q: Queryable, orgId: string, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  return q.query<{ id: string; name: string }>(`SELECT c.id, c.name FROM unnest($2::text[]) AS q (id)
    CROSS JOIN LATERAL (SELECT id, name FROM customers WHERE id = q.id AND org_id = $1 OFFSET 0) c`, [orgId, ids]);
}

/**
 * These customers with their names as the matcher compares them, read from the name index; the names themselves are read
 * later, only for the customers a line may be paid by (see `withNames`). A customer the index holds nothing for is read now.
 */
async function nameKeysOf(q: Queryable, orgId: string, ids: string[], known: Map<string, string>): Promise<KnownCustomer[]> {
  if (!ids.length) return [];
  const keys = new Map<string, string>();
  const ask = ids.filter((id) => !known.has(id));
  // a good share of the org's customers for a big batch: the planner then reads the (narrow) table once instead of probing
  if (ask.length) {
    for (const r of await q.query<{ id: string; name_key: string }>(
      'SELECT customer_id AS id, name_key FROM customer_match_names WHERE org_id = $1 AND customer_id = ANY($2::text[])', [orgId, ask])) {
      keys.set(r.id, r.name_key);
    }
  }
  const keyOf = (id: string) => known.get(id) ?? keys.get(id);
  const out: KnownCustomer[] = [];
  const without: string[] = [];
  for (const id of ids) {
    const nameKey = keyOf(id);
    if (nameKey === undefined) without.push(id); else out.push({ id, name: '', nameKey });
  }
  for (const c of await namesOf(q, orgId, without)) out.push({ ...c, nameKey: normaliseName(c.name) ?? '' });
  return out;
}

/** Reads the names of these customers of the index that it holds without one (those of the in-memory copy have theirs). */
async function withNames(q: Queryable, orgId: string, index: MatchIndex, ids: Iterable<string>, snap: Snap): Promise<void> {
  const customers = index.customers;
  if (snap || !(customers instanceof Map)) return;
  const missing = [...new Set(ids)].filter((id) => customers.get(id)?.name === '');
  for (const c of await namesOf(q, orgId, missing)) customers.set(c.id, { ...customers.get(c.id)!, name: c.name });
}

async function learnedPayers(q: Queryable, orgId: string, lines: MatchLine[], snap: Snap): Promise<PayerAlias[]> {
  const accountSet = new Set<string>();
  const nameSet = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const account = accountKeyOf(lines[i]!);
    if (account !== null) accountSet.add(account);
    const name = nameKeyOf(lines[i]!);
    if (name !== null) nameSet.add(name);
  }
  const accounts = [...accountSet];
  const names = [...nameSet];
  if (!accounts.length && !names.length) return [];
  if (snap) return snapPayers(snap, accounts, names);
  // learned accounts are stored as a blind index when the org has field encryption on: looked up by both forms
  const stored = await payerAccountKeys(q, orgId, accounts);
  const rows = await q.query<{ kind: 'account' | 'name'; value: string; customer_id: string; matches: number }>(
    `SELECT kind, value, customer_id, matches FROM payer_aliases WHERE org_id = $1
     AND ((kind = 'account' AND value = ANY($2::text[])) OR (kind = 'name' AND value = ANY($3::text[])))`, [orgId, [...stored.keys()], names]);
  return rows.map((a) => ({ kind: a.kind, value: a.kind === 'account' ? stored.get(a.value) ?? a.value : a.value, customerId: a.customer_id, matches: a.matches }));
}

/** Customers under a token: their ids (SQL), or the copy's customers themselves. */
type TokenCustomers = readonly string[] | readonly SnapCustomer[];

/**
 * Customers indexed under each token, or null for a token more customers share than `fanout` (one index probe each);
 * the name keys stored beside the words go into `keys` (the copy's customers carry theirs).
 */
async function customersByToken(
  q: Queryable, orgId: string, tokens: string[], fanout: number, keys: Map<string, string>, snap: Snap,
): Promise<Map<string, TokenCustomers | null>> {
  if (snap) return snapTokens(snap, tokens, fanout);
  const out = new Map<string, string[] | null>();
  if (!tokens.length) return out;
  const rows = await q.query<{ token: string; n: number; ids: string[] | null; keys: (string | null)[] | null }>(
    `SELECT q.token, c.n, CASE WHEN c.n > $3 THEN NULL ELSE c.ids END AS ids, CASE WHEN c.n > $3 THEN NULL ELSE c.keys END AS keys
     FROM unnest($2::text[]) AS q (token)
     CROSS JOIN LATERAL (SELECT count(*) AS n, array_agg(customer_id) AS ids, array_agg(name_key) AS keys FROM (
       SELECT customer_id, name_key FROM customer_match_words w WHERE w.org_id = $1 AND w.word = q.token LIMIT $3 + 1) x) c`,
    [orgId, tokens, fanout]);
  for (const r of rows) {
    out.set(r.token, r.n > fanout ? null : r.ids ?? []);
    r.ids?.forEach((id, i) => { const key = r.keys?.[i]; if (key !== null && key !== undefined) keys.set(id, key); });
  }
  return out;
}

/** Notes the customers of a token's list as found (in the list's order). */
function foundAll(found: FoundRank, list: TokenCustomers): void {
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    if (typeof x === 'string') found.add(x); else found.addCustomer(x);
  }
}

/**
 * Customers whose name may be the payer's: the same normalised name, or a word in common that few customers share;
 * when every word of the payer's name is common, the customers who have its two longest words (indexed as a pair).
 */
async function namedCustomers(
  q: Queryable, orgId: string, lines: MatchLine[], fanout: number, snap: Snap,
): Promise<{ ids: FoundRank; common: Set<string>; keys: Map<string, string>; asked: AskedNames }> {
  /** The customers found, each with its place in the order found (the batch's ranks start here). */
  const out = new FoundRank(snap);
  const common = new Set<string>();
  /** Name keys of the customers found, as the lookups read them beside the names or words. */
  const found = new Map<string, string>();
  // the payers' names (in the lines' order), their normalised forms once each, and the words of those that have some
  const keySet = new Set<string>();
  const wordsOf: (readonly string[])[] = [];
  const allWords = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.counterpartyName) continue;
    const key = nameKeyOf(line);
    if (key !== null) keySet.add(key);
    const words = nameWordsOf(line);
    if (!words.length) continue;
    wordsOf.push(words);
    for (let j = 0; j < words.length; j++) allWords.add(words[j]!);
  }
  const keys = [...keySet];
  // the exact names and the words looked up side by side; the customers found by name come first, as before
  const [exact, byWord] = await Promise.all([
    !keys.length || snap ? [] : q.query<{ customer_id: string; name_key: string }>(`SELECT x.customer_id, q.name_key FROM unnest($2::text[]) AS q (name_key)
      CROSS JOIN LATERAL (SELECT customer_id FROM customer_match_names n WHERE n.org_id = $1 AND n.name_key = q.name_key OFFSET 0) x`,
    [orgId, keys]),
    customersByToken(q, orgId, [...allWords], fanout, found, snap)]);
  // the copy's customers come with their name keys: `found` is read only without it (`nameKeysOf`)
  if (snap) for (const k of keys) { const list = snap.byNameKey.get(k); if (list) foundAll(out, list); }
  for (const r of exact) { out.add(r.customer_id); found.set(r.customer_id, r.name_key); }
  const pairs = new Set<string>();
  // a word's customers are all found the first time a payer has it: a later payer with it finds no one new
  const wordsAdded = new Set<string>();
  for (let i = 0; i < wordsOf.length; i++) {
    const words = wordsOf[i]!;
    let rare = 0;
    for (let j = 0; j < words.length; j++) {
      const w = words[j]!;
      const list = byWord.get(w);
      if (list === null) { common.add(w); continue; }
      rare += 1;
      if (wordsAdded.has(w)) continue;
      wordsAdded.add(w);
      if (list) foundAll(out, list);
    }
    if (!rare && words.length >= 2) pairs.add(pairToken(...longestTwo(words)));
  }
  for (const list of (await customersByToken(q, orgId, [...pairs], fanout, found, snap)).values()) if (list) foundAll(out, list);
  return { ids: out, common, keys: found, asked: { keys: keySet, words: allWords } };
}

/** The index the pure matcher reads for these lines: only what they can match, looked up in a handful of indexed queries. */
export async function candidateIndex(
  q: Queryable, orgId: string, lines: MatchLine[], limits: LookupLimits = LOOKUP_LIMITS, snap: Snap = null,
): Promise<MatchIndex> {
  const currencies = [...new Set(lines.map((l) => l.currency))];
  // independent lookups: on a pool they run side by side
  const [{ invoices: refs, keys, lineKeys }, aliases, named] = await Promise.all([referenced(q, orgId, lines, snap), learnedPayers(q, orgId, lines, snap),
    namedCustomers(q, orgId, lines, limits.nameFanout, snap)]);
  // the customers found, each with its place in the order found: those found by name, then by payer and reference
  const found = named.ids;
  for (const a of aliases) found.add(a.customerId);
  for (const r of refs) found.add(r.customerId);
  // the copy holds every customer with its name and name key: the index reads them there (in the order found)
  const customers = snap ? [] : await nameKeysOf(q, orgId, [...found.order], named.keys);
  // an invoice's keys that any line of the batch holds were all found above: an invoice not found there has none that matter
  const keysOf = (inv: OpenInvoice) => keys.get(inv.id) ?? [];
  // who the payer may be decides whose open invoices are needed: the same judgement the matcher makes
  const index = buildIndex([], customers, aliases, named.common, keysOf, named.asked);
  index.lineKeys = lineKeys;
  addInvoices(index, refs, keysOf, true);
  if (snap) useSnapCustomers(index, snap, found, named.asked);
  const read = new Map<MatchLine, LineEvidence>();
  // a line that names an invoice is matched by it: the invoices of who may have paid are read for the others (and for
  // such a line only when earlier lines of its batch took all it names, see `readPayersOf`)
  const payersFound = new Set<string>();
  // loops run once per batch, seldom optimised: by index and `forEach`, no iterator results made per line
  const addPayer = (_e: unknown, id: string) => { payersFound.add(id); };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const evidence = lineEvidence(l, index);
    read.set(l, evidence);
    if (!evidence.refs.length && evidence.payers.size) evidence.payers.forEach(addPayer);
  }
  const payers = [...payersFound];
  // a proposal names its customer: only those a line names an invoice of, or may be paid by, need their names (the copy's
  // invoices are read and copied with no wait between: see `opened`)
  const rows = snap ? snapOfCustomers(snap, payers, currencies) : (await Promise.all([openReceivablesOfCustomers(q, orgId, payers, currencies),
    withNames(q, orgId, index, [...payers, ...refs.map((r) => r.customerId)], snap)]))[0];
  const ofPayers = opened(rows, index.byId);
  index.payersLoaded = payersFound;
  partial.set(index, { currencies, keysOf, snap });
  // only a line that names no invoice and whose payer owes nothing (in its currency) falls back to its amount
  const owing = new Map<string, string[]>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const known = owing.get(r.customer_id);
    if (!known) owing.set(r.customer_id, [r.currency]); else if (!known.includes(r.currency)) known.push(r.currency);
  }
  const wanted: BalanceWanted[] = [];
  read.forEach((evidence, l) => {
    if (!evidence.refs.length && !owesIn(owing, evidence.payers, l.currency)) wanted.push({ currency: l.currency, balance: l.amount, date: l.date });
  });
  addInvoices(index, ofPayers, keysOf, true);
  const byAmount = snap ? snapByBalance(snap, wanted, limits.amountWindowDays, limits.amountLimit)
    : await openReceivablesByBalance(q, orgId, wanted, limits.amountWindowDays, limits.amountLimit);
  addInvoices(index, opened(byAmount, index.byId), keysOf, true);
  // the invoices added since have no reference key a line holds, and who may have paid is read of customers and payers,
  // which they do not change: what each line found above is what it finds in the finished index
  firstReads.set(index, read);
  return index;
}

/** Whether any of these customers owes something in this currency (`owing`: customer -> currencies it owes in). */
function owesIn(owing: Map<string, string[]>, ids: ReadonlyMap<string, unknown>, currency: string): boolean {
  if (!ids.size) return false;
  for (const id of ids.keys()) if (owing.get(id)?.includes(currency)) return true;
  return false;
}

const firstReads = new WeakMap<MatchIndex, Map<MatchLine, LineEvidence>>();

/**
 * What this line (one of those the index was built for, the same object) found in the index as built, once: call before
 * anything changes the index (consume, learn, `readPayersOf`); undefined after, or for another line.
 */
export function takeFirstReads(index: MatchIndex, line: MatchLine): LineEvidence | undefined {
  const read = firstReads.get(index);
  const found = read?.get(line);
  read?.delete(line);
  return found;
}

/** What reading more of a partial index needs: its batch's currencies and how its invoices' reference keys are known. */
const partial = new WeakMap<MatchIndex, { currencies: string[]; keysOf: (inv: OpenInvoice) => string[]; snap: Snap }>();

/** A customer's open invoices, from the in-memory copy when there is one. */
const ofCustomers = async (q: Queryable, orgId: string, ids: string[], currencies: string[], snap: Snap): Promise<OpenReceivable[]> =>
  (snap ? snapOfCustomers(snap, ids, currencies) : openReceivablesOfCustomers(q, orgId, ids, currencies));

/**
 * Before a line is proposed again: when it names no open invoice any more (earlier lines of its batch took them), reads
 * the open invoices and names of the customers who may have paid it that the index does not hold yet, as they would
 * have been read for a line naming none. Returns the invoices added (none when nothing was missing).
 */
export async function readPayersOf(q: Queryable, orgId: string, index: MatchIndex, line: MatchLine): Promise<OpenInvoice[]> {
  const loaded = index.payersLoaded;
  const how = partial.get(index);
  if (!loaded || !how || referencedInvoices(line, index).length) return [];
  const missing = [...payerEvidence(line, index).keys()].filter((id) => !loaded.has(id));
  if (!missing.length) return [];
  const [rows] = await Promise.all([ofCustomers(q, orgId, missing, how.currencies, how.snap), withNames(q, orgId, index, missing, how.snap)]);
  for (const id of missing) loaded.add(id);
  const added = opened(rows).filter((inv) => !index.byId.has(inv.id));
  addInvoices(index, added, how.keysOf, true);
  return added;
}
