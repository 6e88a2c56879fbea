// How large the in-memory copies of open invoices that matching reads may grow: per org and over a whole process.
// Set once at start-up from COBRO_MATCH_COPY_MAX_OPEN and COBRO_MATCH_COPY_BUDGET (src/config.ts, src/cli/main.ts).
import { getHeapStatistics } from 'node:v8';

/**
 * The largest org, in open invoices, that gets a copy: about 1 GB of heap per million open invoices (with their 250,000
 * customers' names and words; 100 MB at 100,000), read in a minute or more at a million; a larger org's lines look their
 * candidates up with SQL (candidates.ts, the same rows).
 */
export const SNAPSHOT_MAX_OPEN = 1_000_000;
/**
 * Open invoices of all the copies a process keeps together (the least recently matched dropped past it, and no org
 * copied beyond it): 1,500,000, or what a third of the process's heap limit holds at about 1 KB an invoice when that is
 * less (a process started with a small heap does not run out of memory on a big org's copy).
 */
export const budgetFor = (heapLimitBytes: number): number => Math.min(1_500_000, Math.floor(heapLimitBytes / 3 / 1024));
export const SNAPSHOT_MAX_TOTAL = budgetFor(getHeapStatistics().heap_size_limit);

export interface MatchCopyLimits { maxOpen: number; maxTotal: number }

let limits: MatchCopyLimits = { maxOpen: SNAPSHOT_MAX_OPEN, maxTotal: SNAPSHOT_MAX_TOTAL };

/** The process's limits (the defaults above until start-up sets the operator's). */
export const matchCopyLimits = (): MatchCopyLimits => limits;

/** Sets the process's limits; 0 open invoices per org turns the copies off (every lookup in SQL). */
export function setMatchCopyLimits(l: MatchCopyLimits): void {
  limits = { ...l };
}
