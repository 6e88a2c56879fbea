// The lookups of candidates.ts answered from the in-memory copy (snapshot.ts) instead of SQL: the same rows in the same
// order (keys and tokens in the lookup tables' primary-key order, a customer's invoices in the table's order, invoices with
// a balance nearest due date first), so a batch's index, and every proposal made from it, is the same.
import type { BalanceWanted } from '../ledger/index.ts';
import type { PayerAlias } from './match/types.ts';
import { objectList } from './match/lists.ts';
import type { MatchSnapshot, SnapAlias, SnapCustomer, SnapInvoice } from './snapshot.ts';

// The invoices found are the copy's own (read-only, as rows of the table: the caller copies what it keeps before anything
// can catch the copy up), never copied here: most of those a batch finds its index holds already or copies once.

/** What `openReceivablesByKeys` gives, as two lists side by side: each row's key and open invoice. */
export interface KeyRows { keys: string[]; invoices: SnapInvoice[] }

/**
 * As `openReceivablesByKeys`: keys in sorted order, each key's open invoices in id order. With `stored`, every key given
 * is one some invoice is stored under (the caller asked the copy).
 */
export function snapByKeys(s: MatchSnapshot, keys: string[], stored = false): KeyRows {
  const out: KeyRows = { keys: objectList<string>(), invoices: objectList<SnapInvoice>() };
  // only the keys some invoice is stored under are sorted (most keys of a text are none)
  const held = (stored ? keys : keys.filter((k) => s.byKey.has(k))).sort();
  for (const key of held) {
    const v = s.byKey.held(key);
    if (v === undefined) continue;
    if (!Array.isArray(v)) keyRow(out, key, v as SnapInvoice);
    else for (let n = 0; n < v.length; n++) keyRow(out, key, v[n]!);
  }
  return out;
}

/** Adds an open invoice found under a key. */
function keyRow(out: KeyRows, key: string, i: SnapInvoice): void {
  if (i.open && i.balance > 0) { out.keys.push(key); out.invoices.push(i); }
}

/** As the learned payers' lookup: the rows of these accounts (in their stored forms) and names, in the table's order. */
export function snapPayers(s: MatchSnapshot, accounts: string[], names: string[]): PayerAlias[] {
  const stored = s.accountKeys(accounts);
  const found: SnapAlias[] = [];
  for (const v of stored.keys()) found.push(...s.aliases.get(`account\u0001${v}`) ?? []);
  for (const v of new Set(names)) found.push(...s.aliases.get(`name\u0001${v}`) ?? []);
  found.sort((a, b) => a.seq - b.seq);
  // filled by a loop, of one kind however many (see `opened` in candidates.ts)
  const out = objectList<PayerAlias>();
  for (const a of found) {
    out.push({ kind: a.kind, value: a.kind === 'account' ? stored.get(a.value) ?? a.value : a.value, customerId: a.customerId, matches: a.matches });
  }
  return out;
}

/**
 * As the token lookup, without the name keys: the customers under each token (id order), or null for a token more than
 * `fanout` share; a token no customer has is left out (the SQL lookup gives it an empty list: both find no one). The copy's
 * own lists, read and never changed before the copy is caught up again (no empty list of another kind made for a token
 * without customers: the code reading the lists would be compiled again when it first met one).
 */
export function snapTokens(s: MatchSnapshot, tokens: Iterable<string>, fanout: number): Map<string, readonly SnapCustomer[] | null> {
  const out = new Map<string, readonly SnapCustomer[] | null>();
  for (const token of tokens) {
    const all = s.byToken.get(token);
    if (all) out.set(token, all.length > fanout ? null : all);
  }
  return out;
}

/** As `openReceivablesOfCustomers`: customer by customer in the order given, each one's invoices in the table's order. */
export function snapOfCustomers(s: MatchSnapshot, ids: string[], currencies: string[]): SnapInvoice[] {
  const out = objectList<SnapInvoice>();
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const all = s.byCustomer.get(id);
    if (!all) continue;
    for (let i = 0; i < all.length; i++) {
      const inv = all[i]!;
      if (inv.open && inv.balance > 0 && currencies.includes(inv.currency)) out.push(inv);
    }
  }
  return out;
}

const DAY = 86_400_000;
/** Day numbers of the due dates seen (a copy holds few distinct ones; each is parsed once, not at every comparison). */
const days = new Map<string, number>();
function dayOf(d: string): number {
  let n = days.get(d);
  if (n === undefined) {
    if (days.size >= 100_000) days.clear();
    n = Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / DAY;
    days.set(d, n);
  }
  return n;
}

/** How many days an invoice falls due from `day` (0 for a line without a date). */
function daysFrom(day: number | null, i: SnapInvoice): number {
  return day === null ? 0 : Math.abs(day - dayOf(i.due_date));
}

/** As `openReceivablesByBalance`: per wanted balance, the nearest due first (then due date, number), at most `limit`. */
export function snapByBalance(s: MatchSnapshot, wanted: BalanceWanted[], windowDays: number, limit: number): SnapInvoice[] {
  const out = objectList<SnapInvoice>();
  wanted.forEach((w) => {
    const day = w.date === null ? null : dayOf(w.date);
    const found = s.withBalance(w.currency, w.balance).filter((i) => i.open && i.balance === w.balance && i.balance > 0
      && (day === null || Math.abs(dayOf(i.due_date) - day) <= windowDays));
    // no closure named per line (the loader names each one made, which costs more than the sort)
    if (found.length > 1) found.sort((a, b) => daysFrom(day, a) - daysFrom(day, b) || (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : 0)
      || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
    for (let k = 0; k < found.length && k < limit; k++) out.push(found[k]!);
  });
  return out;
}
