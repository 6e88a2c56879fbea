// A batch's customers and name lists read straight from the org's in-memory copy (snapshot.ts) instead of being copied
// into the batch's index: the customers the batch's lookups found, in the order the index would hold them (the order they
// were found in), each name list holding only those customers, in that order.
import type { CustomerLookup, IdSet, MatchIndex } from './match/match-index.ts';
import type { KnownCustomer } from './match/types.ts';
import type { MatchSnapshot } from './snapshot.ts';

/** Whether an id is in a list kept in id order. */
function holds(list: string[], id: string): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid]! < id) lo = mid + 1; else hi = mid; }
  return list[lo] === id;
}

/** The customers of one of the copy's lists (id order) that the batch found, iterated in the order they were found. */
class FoundOf implements IdSet {
  private ordered: string[] | null = null;
  constructor(private readonly list: string[], private readonly rank: Map<string, number>) {}
  has(id: string): boolean { return this.rank.has(id) && holds(this.list, id); }
  [Symbol.iterator](): Iterator<string> {
    if (!this.ordered) {
      const rank = this.rank;
      this.ordered = this.list.filter((id) => rank.has(id)).sort((a, b) => rank.get(a)! - rank.get(b)!);
    }
    return this.ordered[Symbol.iterator]();
  }
}

/** Name word or normalised name -> the found customers of the copy's list under it (made once per batch and key). */
class FoundLists {
  private readonly made = new Map<string, FoundOf | null>();
  constructor(private readonly lists: Map<string, string[]>, private readonly rank: Map<string, number>) {}
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

/** The found customers the copy holds, in the order found, looked up once per batch (the matcher asks for them again and again). */
class FoundCustomers implements CustomerLookup {
  private readonly found = new Map<string, KnownCustomer>();
  constructor(s: MatchSnapshot, rank: Map<string, number>) {
    for (const id of rank.keys()) { const c = s.customers.get(id); if (c) this.found.set(id, c.known); }
  }

  get(id: string): KnownCustomer | undefined { return this.found.get(id); }
  keys(): Iterable<string> { return this.found.keys(); }
  values(): Iterable<KnownCustomer> { return this.found.values(); }
}

/**
 * Gives the index the customers `found` (in the order found) from the copy, with their names: what `buildIndex` files
 * for them (every customer of a name or a rare word a payer has is among those found; a common word's list is read only
 * through them).
 */
export function useSnapCustomers(index: MatchIndex, s: MatchSnapshot, found: Iterable<string>): void {
  const rank = new Map<string, number>();
  for (const id of found) rank.set(id, rank.size);
  index.customers = new FoundCustomers(s, rank);
  index.nameWord = new FoundLists(s.byToken, rank);
  index.byNameKey = new FoundLists(s.byNameKey, rank);
}
