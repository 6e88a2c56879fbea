// A batch's customers and name lists read straight from the org's in-memory copy (snapshot.ts) instead of being copied
// into the batch's index: the customers the batch's lookups found, in the order the index would hold them (the order they
// were found in), each name list holding only those customers, in that order.
import type { AskedNames, CustomerLookup, IdSet, MatchIndex } from './match/match-index.ts';
import type { KnownCustomer } from './match/types.ts';
import type { AlikeHit, MatchSnapshot, SnapCustomer } from './snapshot.ts';
import { longestTwo, NAME_MIN } from './match/evidence.ts';
import { findingWords, keyShape, pairToken, shapeSimilarity, type KeyShape } from './match/names.ts';
import { objectList } from './match/lists.ts';

/**
 * The customers a batch's lookups found, each with its place in the order found (the first time): with the org's copy,
 * held as numbers by the copy's customer numbers (no map of ids filled with thousands of customers per batch); a customer
 * the copy did not number when the batch began (or does not hold) is kept by id.
 */
export class FoundRank {
  /** Customer number -> place found + 1 (0: not found). */
  private readonly places: Int32Array;
  private readonly others = new Map<string, number>();
  /** The ids found, in the order found (a new batch's list of the kind a filled one has, see lists.ts). */
  readonly order: string[] = objectList();

  constructor(private readonly s: MatchSnapshot | null) {
    this.places = new Int32Array(s ? s.customerSeqs : 0);
  }

  get size(): number { return this.order.length; }

  /** Notes a customer of the copy (once: the first time is its place). */
  addCustomer(c: SnapCustomer): void {
    if (c.seq < this.places.length) {
      if (this.places[c.seq] === 0) { this.order.push(c.id); this.places[c.seq] = this.order.length; }
    } else this.addOther(c.id);
  }

  add(id: string): void {
    const c = this.s?.customers.get(id);
    if (c) this.addCustomer(c); else this.addOther(id);
  }

  private addOther(id: string): void {
    if (!this.others.has(id)) { this.order.push(id); this.others.set(id, this.order.length); }
  }

  /** Where a customer of the copy was found (0 first), or undefined when it was not. */
  placeOf(c: SnapCustomer): number | undefined {
    const p = c.seq < this.places.length ? this.places[c.seq]! : this.others.get(c.id) ?? 0;
    return p ? p - 1 : undefined;
  }

  get(id: string): number | undefined {
    const c = this.s?.customers.get(id);
    if (c) return this.placeOf(c);
    const p = this.others.get(id);
    return p === undefined ? undefined : p - 1;
  }

  has(id: string): boolean { return this.get(id) !== undefined; }
}

/** Whether a customer of this id is in a list kept in id order. */
function holds(list: SnapCustomer[], id: string): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid]!.id < id) lo = mid + 1; else hi = mid; }
  return list[lo]?.id === id;
}

/** The customers of one of the copy's lists (id order) that the batch found, iterated in the order they were found. */
class FoundOf implements IdSet {
  private ordered: string[] | null = null;
  constructor(private readonly list: SnapCustomer[], private readonly rank: FoundRank) {}
  has(id: string): boolean { return this.rank.has(id) && holds(this.list, id); }
  [Symbol.iterator](): Iterator<string> {
    if (!this.ordered) {
      const rank = this.rank;
      const found: { id: string; place: number }[] = [];
      for (const c of this.list) { const place = rank.placeOf(c); if (place !== undefined) found.push({ id: c.id, place }); }
      this.ordered = found.sort((a, b) => a.place - b.place).map((f) => f.id);
    }
    return this.ordered[Symbol.iterator]();
  }
}

/** Name word or normalised name -> the found customers of the copy's list under it (made once per batch and key). */
class FoundLists {
  private readonly made = new Map<string, FoundOf | null>();
  constructor(private readonly lists: Map<string, SnapCustomer[]>, private readonly rank: FoundRank) {}
  get(key: string): IdSet | undefined {
    let found = this.made.get(key);
    if (found === undefined) {
      const list = this.lists.get(key);
      found = list ? new FoundOf(list, this.rank) : null;
      this.made.set(key, found);
    }
    return found ?? undefined;
  }
}

class FoundCustomers implements CustomerLookup {
  constructor(private readonly s: MatchSnapshot, private readonly rank: FoundRank) {}
  get(id: string): KnownCustomer | undefined {
    const c = this.s.customers.get(id);
    return c && this.rank.placeOf(c) !== undefined ? c.known : undefined;
  }
  *keys(): Iterable<string> { for (const id of this.rank.order) if (this.s.customers.has(id)) yield id; }
  *values(): Iterable<KnownCustomer> { for (const id of this.rank.order) { const c = this.s.customers.get(id); if (c) yield c.known; } }
}

/**
 * Gives the index the customers `found` (in the order found) from the copy, with their names: what `buildIndex` files
 * for them (every customer of a name or a rare word a payer has is among those found; a common word's list is read only
 * through them).
 */
export function useSnapCustomers(index: MatchIndex, s: MatchSnapshot, rank: FoundRank, asked?: AskedNames): void {
  index.customers = new FoundCustomers(s, rank);
  index.nameWord = new FoundLists(s.byToken, rank);
  index.byNameKey = new FoundLists(s.byNameKey, rank);
  if (asked) index.alikeFrom = (payer, normalised) => alikeInCopy(s, rank, index.common, asked, payer, normalised);
  index.alikeScoreOf = (id, payer, normalised) => alikeOneInCopy(s, rank, index.common, id, payer, normalised);
}

/**
 * The likeness `alikeScore` (evidence.ts) gives one customer, read of the customer itself: it is a name candidate when
 * found by the batch and its name key is the payer's or its tokens (those the copy's lists file it under) hold a rare word
 * of the payer's, or both of the two longest when every word is common.
 */
function alikeOneInCopy(s: MatchSnapshot, rank: FoundRank, common: Set<string>, id: string, payer: string, normalised: string): number {
  // a customer the batch did not find is not in its index
  const c = s.customers.get(id);
  if (!c || rank.placeOf(c) === undefined) return 0;
  if (c.key !== normalised) {
    const words = findingWords(payer);
    let rare = 0;
    let hit = false;
    for (const w of words) {
      if (common.has(w)) continue;
      rare += 1;
      if (c.tokens.includes(w)) { hit = true; break; }
    }
    if (!hit) {
      if (rare || words.length < 2) return 0;
      const [a, b] = longestTwo(words);
      if (!c.tokens.includes(a) || !c.tokens.includes(b)) return 0;
    }
  }
  const score = shapeSimilarity(normalised, keyShape(normalised), c.key, c.shape ?? (c.shape = keyShape(c.key)), NAME_MIN);
  return score >= NAME_MIN ? score : 0;
}

/** A customer alike the payer: its likeness, and where `nameCandidates` puts it (the list it is first in, its rank). */
interface Alike { id: string; score: number; group: number; rank: number }

/**
 * Compares the payer's name with the customers of the copy's lists under its name and rare words; the customers of those
 * lists are all among those the batch found (`rank`) when the batch's lookups asked for that name and every one of its
 * words (`asked`): the lists `nameCandidates` reads through the index, in full. Only the few alike are then put in its
 * order (exact name first, then word by word, each list in the order found), with no list of every candidate gathered.
 * When every word is common, the customers with its two longest words are those filed under the pair of them, and those
 * whose names have more words than pairs are filed for (`MatchSnapshot.wideByWord`): read there, not by walking the thousands
 * of customers of a common word (at 250,000 customers a person's first name and surname are both common). Null when the
 * name or a word was not asked.
 */
function alikeInCopy(
  s: MatchSnapshot, rank: FoundRank, common: Set<string>, asked: AskedNames, payer: string, normalised: string,
): Map<string, number> | null {
  if (!asked.keys.has(normalised)) return null;
  const words = findingWords(payer);
  let rare = 0;
  for (const w of words) {
    if (!asked.words.has(w)) return null;
    if (!common.has(w)) rare += 1;
  }
  const payerShape = keyShape(normalised);
  const hits: Alike[] = [];
  compareList(rank, s.byNameKey.get(normalised), 0, normalised, payerShape, hits, s);
  if (!rare && words.length >= 2) {
    const [a, b] = longestTwo(words);
    compareList(rank, s.byToken.get(pairToken(a, b)), 1, normalised, payerShape, hits, s);
    const wide = s.wideByWord.get(a);
    if (wide) compareList(rank, wide.filter((c) => c.tokens.includes(b)), 1, normalised, payerShape, hits);
  }
  let group = 0;
  for (const w of words) if (!common.has(w)) compareList(rank, s.byToken.get(w), ++group, normalised, payerShape, hits, s);
  if (hits.length > 1) hits.sort((a, b) => a.group - b.group || a.rank - b.rank);
  const out = new Map<string, number>();
  for (const h of hits) out.set(h.id, h.score);
  return out;
}

/** Whether `hits` holds this customer already. */
function hitFor(hits: Alike[], id: string): boolean {
  for (let i = 0; i < hits.length; i++) if (hits[i]!.id === id) return true;
  return false;
}

/** Payer names kept in `MatchSnapshot.alikeIn` before it is emptied (a payer's entry is a few customers at most). */
const ALIKE_KEPT = 50_000;

/** The customers of a list at least NAME_MIN alike the payer, in the list's order (compared once per list and payer name). */
function alikeOfList(s: MatchSnapshot, list: SnapCustomer[], payer: string, payerShape: KeyShape | null): AlikeHit[] {
  let byPayer = s.alikeIn.get(list);
  const known = byPayer?.get(payer);
  if (known) return known;
  const out: AlikeHit[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const score = shapeSimilarity(payer, payerShape, c.key, c.shape ?? (c.shape = keyShape(c.key)), NAME_MIN);
    if (score >= NAME_MIN) out.push({ c, score });
  }
  if (s.alikeKept >= ALIKE_KEPT) { s.alikeIn.clear(); s.alikeKept = 0; byPayer = undefined; }
  if (!byPayer) { byPayer = new Map(); s.alikeIn.set(list, byPayer); }
  byPayer.set(payer, out);
  s.alikeKept += 1;
  return out;
}

/**
 * Adds the customers of a list alike the payer (those not already in `hits` from an earlier list); with `s`, the list is
 * one of the copy's own (not a list made for this call), whose customers alike the payer are kept there.
 */
function compareList(
  rank: FoundRank, list: SnapCustomer[] | undefined, group: number, payer: string, payerShape: KeyShape | null, hits: Alike[],
  s: MatchSnapshot | null = null,
): void {
  if (!list) return;
  if (s) {
    const alike = alikeOfList(s, list, payer, payerShape);
    for (let i = 0; i < alike.length; i++) addHit(rank, alike[i]!.c, alike[i]!.score, group, hits);
    return;
  }
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const score = shapeSimilarity(payer, payerShape, c.key, c.shape ?? (c.shape = keyShape(c.key)), NAME_MIN);
    if (score >= NAME_MIN) addHit(rank, c, score, group, hits);
  }
}

/** Adds a customer alike the payer unless an earlier list gave it. */
function addHit(rank: FoundRank, c: SnapCustomer, score: number, group: number, hits: Alike[]): void {
  if (hitFor(hits, c.id)) return;
  const r = rank.placeOf(c);
  // every customer of an asked list was found; one that was not would not be among the candidates
  if (r !== undefined) hits.push({ id: c.id, score, group, rank: r });
}
