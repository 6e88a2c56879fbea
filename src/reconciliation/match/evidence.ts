// What a line says about who paid and for what: invoices named in its text, learned payer accounts and names, name likeness.
import { textKeys, normaliseAccount } from './text.ts';
import { findingWords, keySimilarityTo, normaliseName } from './names.ts';
import type { MatchIndex } from './match-index.ts';
import { accountKeyOf, nameKeyOf } from './line-keys.ts';
import { objectList } from './lists.ts';
import type { MatchLine, OpenInvoice, PayerAlias } from './types.ts';

/** A name at least this alike counts as the customer's. */
export const NAME_MIN = 0.8;

export interface PayerEvidence {
  customerId: string;
  /** Times this payer account paid the customer on accepted matches. */
  accountMatches: number;
  /** Times this payer name paid the customer on accepted matches. */
  learnedNameMatches: number;
  /** Likeness of the payer name to the customer's name, 0..1. */
  nameScore: number;
}

/** Open invoices of the line's currency whose numbers appear in its texts. */
export function referencedInvoices(line: MatchLine, index: MatchIndex): OpenInvoice[] {
  // a list, not a map: a line names few invoices, and the index holds one object per invoice (so the same id is the same object);
  // most lines' lists stay empty, made of the kind of a filled one (lists.ts)
  const found = objectList<OpenInvoice>();
  for (const key of index.lineKeys?.get(line) ?? textKeys([line.remittanceText, line.endToEndId], line.structuredReference)) {
    const invoices = index.byKey.get(key);
    if (!invoices) continue;
    for (let i = 0; i < invoices.length; i++) {
      const inv = invoices[i]!;
      if (inv.currency === line.currency && inv.balance > 0 && !found.includes(inv)) found.push(inv);
    }
  }
  return found;
}

/**
 * Customers whose name may be the payer's: those of exactly this name, those sharing a word few customers share, and
 * when every word is common, those with its two longest words.
 */
export function nameCandidates(payer: string, normalised: string, index: MatchIndex): Set<string> {
  const out = new Set(index.byNameKey.get(normalised) ?? []);
  const words = findingWords(payer);
  const rare = words.filter((w) => !index.common.has(w));
  for (const w of rare) for (const id of index.nameWord.get(w) ?? []) out.add(id);
  if (!rare.length && words.length >= 2) {
    const [a, b] = longestTwo(words);
    const withB = index.nameWord.get(b) ?? new Set<string>();
    for (const id of index.nameWord.get(a) ?? []) if (withB.has(id)) out.add(id);
  }
  return out;
}

/** The two longest words (then alphabetical), which tell a name apart best. */
export function longestTwo(words: readonly string[]): [string, string] {
  const [a, b] = [...words].sort((x, y) => y.length - x.length || x.localeCompare(y));
  return [a!, b!];
}

/** Customers whose name is at least NAME_MIN alike the payer's, with the likeness (kept in the index: names do not change while it lives). */
function alikeCustomers(payer: string, normalised: string, index: MatchIndex): Map<string, number> {
  const known = index.alike.get(normalised);
  if (known) return known;
  let found = index.alikeFrom?.(payer, normalised) ?? null;
  if (!found) {
    found = new Map();
    const similarity = keySimilarityTo(normalised, NAME_MIN);
    for (const id of nameCandidates(payer, normalised, index)) {
      const c = index.customers.get(id);
      const score = c ? similarity(c.nameKey === undefined ? normaliseName(c.name) ?? '' : c.nameKey) : 0;
      if (score >= NAME_MIN) found.set(id, score);
    }
  }
  index.alike.set(normalised, found);
  return found;
}

/** Whether this customer is among `nameCandidates(payer, normalised, index)`, without gathering the others. */
function isNameCandidate(id: string, payer: string, normalised: string, index: MatchIndex): boolean {
  if (index.byNameKey.get(normalised)?.has(id)) return true;
  const words = findingWords(payer);
  let rare = 0;
  for (const w of words) {
    if (index.common.has(w)) continue;
    rare += 1;
    if (index.nameWord.get(w)?.has(id)) return true;
  }
  if (rare || words.length < 2) return false;
  const [a, b] = longestTwo(words);
  return Boolean(index.nameWord.get(a)?.has(id) && index.nameWord.get(b)?.has(id));
}

/** The likeness `alikeCustomers` gives this customer (0 when it is not among them), worked out for it alone unless known. */
function alikeScore(id: string, payer: string, normalised: string, index: MatchIndex): number {
  const known = index.alike.get(normalised);
  if (known) return known.get(id) ?? 0;
  if (index.alikeScoreOf) return index.alikeScoreOf(id, payer, normalised);
  if (!isNameCandidate(id, payer, normalised, index)) return 0;
  const c = index.customers.get(id);
  const score = c ? keySimilarityTo(normalised, NAME_MIN)(c.nameKey === undefined ? normaliseName(c.name) ?? '' : c.nameKey) : 0;
  return score >= NAME_MIN ? score : 0;
}

/**
 * `payerEvidence` for these customers only: the entries it holds for them (none for a customer nothing speaks for),
 * without comparing the payer's name with every customer it could be. What a proposal by the invoices a line names reads.
 */
export function payerEvidenceOf(line: MatchLine, index: MatchIndex, customerIds: Iterable<string>): Map<string, PayerEvidence> {
  const out = new Map<string, PayerEvidence>();
  const from = payerFrom(line, index);
  for (const customerId of new Set(customerIds)) evidenceFor(from, index, customerId, out);
  return out;
}

/** `payerEvidenceOf` for the customers of these invoices (in the order first named), with no list of their ids made. */
export function payerEvidenceOfInvoices(line: MatchLine, index: MatchIndex, invoices: OpenInvoice[]): Map<string, PayerEvidence> {
  const out = new Map<string, PayerEvidence>();
  const from = payerFrom(line, index);
  for (let i = 0; i < invoices.length; i++) {
    const id = invoices[i]!.customerId;
    let first = true;
    for (let j = 0; j < i && first; j++) if (invoices[j]!.customerId === id) first = false;
    if (first) evidenceFor(from, index, id, out);
  }
  return out;
}

/** What a line's payer is known by: its learned accounts and names, and its name as compared (null when it has none). */
interface PayerFrom { accounts: PayerAlias[]; names: PayerAlias[]; payer: string | null; name: string | null }

const NO_ALIASES: PayerAlias[] = [];

function payerFrom(line: MatchLine, index: MatchIndex): PayerFrom {
  const account = accountKeyOf(line);
  const name = nameKeyOf(line);
  const payer = name && line.counterpartyName ? line.counterpartyName : null;
  return { accounts: account ? index.aliases.get(`account:${account}`) ?? NO_ALIASES : NO_ALIASES,
    names: payer ? index.aliases.get(`name:${name}`) ?? NO_ALIASES : NO_ALIASES, payer, name };
}

/** Adds the customer's entry of `payerEvidence` to `out` when something speaks for it. */
function evidenceFor(from: PayerFrom, index: MatchIndex, customerId: string, out: Map<string, PayerEvidence>): void {
  let accountMatches = 0;
  let learnedNameMatches = 0;
  let listed = false;
  for (let i = 0; i < from.accounts.length; i++) {
    const a = from.accounts[i]!;
    if (a.customerId === customerId) { accountMatches += a.matches; listed = true; }
  }
  for (let i = 0; i < from.names.length; i++) {
    const a = from.names[i]!;
    if (a.customerId === customerId) { learnedNameMatches += a.matches; listed = true; }
  }
  const nameScore = from.payer ? alikeScore(customerId, from.payer, from.name!, index) : 0;
  if (listed || nameScore > 0) out.set(customerId, { customerId, accountMatches, learnedNameMatches, nameScore });
}

/** Customers the payer could be, with what speaks for each. */
export function payerEvidence(line: MatchLine, index: MatchIndex): Map<string, PayerEvidence> {
  const out = new Map<string, PayerEvidence>();
  const account = accountKeyOf(line);
  if (account) for (const a of index.aliases.get(`account:${account}`) ?? []) entryOf(out, a.customerId).accountMatches += a.matches;
  const name = nameKeyOf(line);
  if (name && line.counterpartyName) {
    for (const a of index.aliases.get(`name:${name}`) ?? []) entryOf(out, a.customerId).learnedNameMatches += a.matches;
    for (const [id, score] of alikeCustomers(line.counterpartyName, name, index)) {
      const e = entryOf(out, id);
      e.nameScore = Math.max(e.nameScore, score);
    }
  }
  return out;
}

/** The customer's entry of `payerEvidence`, made when it has none yet. */
function entryOf(out: Map<string, PayerEvidence>, customerId: string): PayerEvidence {
  let e = out.get(customerId);
  if (!e) { e = { customerId, accountMatches: 0, learnedNameMatches: 0, nameScore: 0 }; out.set(customerId, e); }
  return e;
}
