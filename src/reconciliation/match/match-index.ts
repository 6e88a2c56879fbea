// The lookup structures the matcher reads: open invoices by reference key, customer and balance; payers by account and name.
import { invoiceKeys } from './text.ts';
import { keyWords, MIN_WORD, normaliseName } from './names.ts';
import type { KnownCustomer, OpenInvoice, PayerAlias } from './types.ts';

/** Customer ids, iterated in the index's order (a Set, or a view of the org's in-memory copy). */
export interface IdSet extends Iterable<string> { has(id: string): boolean }

/** What the index reads customers through: its own map, or a view of the org's in-memory copy (snapshot-views.ts). */
export interface CustomerLookup {
  get(id: string): KnownCustomer | undefined;
  keys(): Iterable<string>;
  values(): Iterable<KnownCustomer>;
}

export interface MatchIndex {
  byId: Map<string, OpenInvoice>;
  byKey: Map<string, OpenInvoice[]>;
  byCustomer: Map<string, OpenInvoice[]>;
  byBalance: Map<string, OpenInvoice[]>;
  customers: CustomerLookup;
  /** Name word -> customers whose name has it. */
  nameWord: { get(word: string): IdSet | undefined };
  /** Normalised name -> customers of exactly that name. */
  byNameKey: { get(key: string): IdSet | undefined };
  /** Words so many customers share that they find nobody alone (the lookup found too many to load). */
  common: Set<string>;
  /** Normalised payer name -> customers whose name is alike, with the likeness; filled as lines are matched. */
  alike: Map<string, Map<string, number>>;
  /**
   * When set, works out what `alike` holds for a payer name (the same customers, likeness and order) another way, or
   * gives null to leave it to the general way (an index over the org's in-memory copy: snapshot-views.ts).
   */
  alikeFrom?: (payer: string, normalised: string) => Map<string, number> | null;
  /** When set, the likeness `alike` would give one customer for a payer name, worked out another way (the same score). */
  alikeScoreOf?: (id: string, payer: string, normalised: string) => number;
  /** `account:NL91...` or `name:acme` -> learned aliases. */
  aliases: Map<string, PayerAlias[]>;
  /**
   * Null when the index holds every open invoice of the customers it knows as payers; else those it does hold them for
   * (a line that names an invoice is matched by it, so its payers' invoices are read only when it no longer can be).
   */
  payersLoaded: Set<string> | null;
  /**
   * For lines the index was built for (the same objects), the reference keys of their texts that can find an invoice in it
   * (those its lookup was asked for and found stored), in `textKeys` order: `byKey` holds no other key of theirs.
   */
  lineKeys?: Map<object, string[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const balanceKey = (currency: string, balance: number) => `${currency}:${balance}`;

/** The reference keys of an invoice, worked out from its number (a caller that looked them up passes them instead). */
export type KeysOf = (invoice: OpenInvoice) => string[];
const keysOfNumber: KeysOf = (inv) => invoiceKeys(inv.number);

/**
 * The payer names an index will be asked about, when known: customers are then filed by name (`byNameKey`, `nameWord`)
 * only under these names and words, the only ones `nameCandidates` looks up for such payers.
 */
export interface AskedNames { keys: Set<string>; words: Set<string> }

export function buildIndex(
  invoices: OpenInvoice[], customers: KnownCustomer[], aliases: PayerAlias[], common: Set<string> = new Set(), keysOf: KeysOf = keysOfNumber,
  asked?: AskedNames,
): MatchIndex {
  const known = new Map<string, KnownCustomer>();
  const nameWord = new Map<string, Set<string>>();
  const byNameKey = new Map<string, Set<string>>();
  const index: MatchIndex = { byId: new Map(), byKey: new Map(), byCustomer: new Map(), byBalance: new Map(), customers: known,
    nameWord, byNameKey, common, alike: new Map(), aliases: new Map(), payersLoaded: null };
  addInvoices(index, invoices, keysOf);
  for (const c of customers) {
    known.set(c.id, c);
    const key = c.nameKey === undefined ? normaliseName(c.name) : c.nameKey || null;
    if (key && (!asked || asked.keys.has(key))) byNameKey.set(key, (byNameKey.get(key) ?? new Set<string>()).add(c.id));
    for (const w of keyWords(key)) {
      if (w.length < MIN_WORD || (asked && !asked.words.has(w))) continue;
      const set = nameWord.get(w);
      if (set) set.add(c.id); else nameWord.set(w, new Set([c.id]));
    }
  }
  for (const a of aliases) addAlias(index, a);
  return index;
}

/** Adds open invoices the index does not hold yet (copies of them; with `owned`, the objects given, made for it alone). */
export function addInvoices(index: MatchIndex, invoices: OpenInvoice[], keysOf: KeysOf = keysOfNumber, owned = false): void {
  // by index: run once per batch, seldom optimised, a loop over a list would make an iterator result per invoice
  for (let i = 0; i < invoices.length; i++) {
    const inv = invoices[i]!;
    if (inv.balance <= 0 || index.byId.has(inv.id)) continue;
    const copy = owned ? inv : { ...inv };
    index.byId.set(inv.id, copy);
    const keys = keysOf(inv);
    for (let k = 0; k < keys.length; k++) push(index.byKey, keys[k]!, copy);
    push(index.byCustomer, inv.customerId, copy);
    push(index.byBalance, balanceKey(inv.currency, inv.balance), copy);
  }
}

export function addAlias(index: MatchIndex, a: PayerAlias): void {
  const list = index.aliases.get(`${a.kind}:${a.value}`) ?? [];
  const known = list.find((x) => x.customerId === a.customerId);
  if (known) known.matches += a.matches;
  else list.push({ ...a });
  index.aliases.set(`${a.kind}:${a.value}`, list);
}

/** Lowers the balance of an invoice after money was put on it, so the next line does not claim it twice. */
export function consume(index: MatchIndex, invoiceId: string, amount: number, currency: string): void {
  const inv = index.byId.get(invoiceId);
  if (!inv) return;
  const old = index.byBalance.get(balanceKey(currency, inv.balance));
  if (old) old.splice(old.indexOf(inv), 1);
  inv.balance = Math.max(0, inv.balance - amount);
  if (inv.balance > 0) push(index.byBalance, balanceKey(currency, inv.balance), inv);
}

export function invoicesWithBalance(index: MatchIndex, currency: string, balance: number): OpenInvoice[] {
  return (index.byBalance.get(balanceKey(currency, balance)) ?? []).filter((i) => i.balance > 0);
}
