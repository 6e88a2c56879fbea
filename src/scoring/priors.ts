// The org's own late shares as known on a day: overall, by calendar month of issue and by country (settled invoices only).
import type { Portfolio } from './types.ts';

/** Month (1-12) of a day number. */
export function monthOf(day: number): number {
  return new Date(day * 86_400_000).getUTCMonth() + 1;
}

/** Invoices settled on one day in one month of issue and country: how many, how many late, days late and against the due date summed. */
export interface SettledDay { day: number; month: number; country: string | null; n: number; late: number; daysLate: number; vsDue: number }

/** Settled invoices of one group, by settlement day, with running counts for any cut-off day. */
class Group {
  days: number[] = [];
  n: number[] = [0];
  late: number[] = [0];
  daysLate: number[] = [0];
  vsDue: number[] = [0];
  add(e: SettledDay): void {
    this.days.push(e.day);
    const i = this.days.length - 1;
    this.n.push(this.n[i]! + e.n);
    this.late.push(this.late[i]! + e.late);
    this.daysLate.push(this.daysLate[i]! + e.daysLate);
    this.vsDue.push(this.vsDue[i]! + e.vsDue);
  }
  /** Where the days before the day end: the running counts at this index are those settled strictly before it. */
  indexBefore(day: number): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid]! < day) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}

export interface PriorsAt {
  lateShare: number;
  avgDaysLate: number;
  avgVsDue: number;
  month(m: number): number;
  country(c: string | null): number;
}

/** With no history at all, a late share of 30% (about the share in published B2B payment surveys). */
const DEFAULT_LATE_SHARE = 0.3;
const GROUP_WEIGHT = 20;

export class Priors {
  private all = new Group();
  private months = new Map<number, Group>();
  private countries = new Map<string, Group>();

  /** From the portfolio in memory, or from invoices settled counted per day elsewhere (in SQL, for training that never holds the ledger). */
  constructor(from: Portfolio | SettledDay[]) {
    const events: SettledDay[] = Array.isArray(from) ? from.slice() : [];
    if (!Array.isArray(from)) {
      for (const c of from.customers) {
        for (const inv of c.invoices) {
          if (inv.settled === null) continue;
          const vsDue = inv.settled - inv.due;
          events.push({ day: inv.settled, n: 1, late: vsDue > 0 || inv.writtenOff ? 1 : 0, daysLate: Math.max(0, vsDue), vsDue, month: monthOf(inv.issue), country: c.country });
        }
      }
    }
    events.sort((a, b) => a.day - b.day);
    for (const e of events) {
      this.all.add(e);
      this.group(this.months, e.month).add(e);
      if (e.country !== null) this.group(this.countries, e.country).add(e);
    }
  }

  private group<K>(map: Map<K, Group>, key: K): Group {
    let g = map.get(key);
    if (!g) { g = new Group(); map.set(key, g); }
    return g;
  }

  /** The priors as known at the start of the day (nothing settled on or after it counts). */
  at(day: number): PriorsAt {
    const i = this.all.indexBefore(day);
    const base = overallPriors({ n: this.all.n[i]!, late: this.all.late[i]!, daysLate: this.all.daysLate[i]!, vsDue: this.all.vsDue[i]! });
    const share = (g: Group | undefined) => {
      if (!g) return base.lateShare;
      const k = g.indexBefore(day);
      return groupShare(g.n[k]!, g.late[k]!, base.lateShare);
    };
    return { ...base, month: (m) => share(this.months.get(m)), country: (c) => share(c === null ? undefined : this.countries.get(c)) };
  }
}

/** Settled invoices of a group before a day: how many, how many late, and their summed days late and days against the due date. */
export interface PriorCounts { n: number; late: number; daysLate: number; vsDue: number }

function overallPriors(all: PriorCounts): Pick<PriorsAt, 'lateShare' | 'avgDaysLate' | 'avgVsDue'> {
  return { lateShare: (all.late + DEFAULT_LATE_SHARE * 2) / (all.n + 2), avgDaysLate: all.n ? all.daysLate / all.n : 5, avgVsDue: all.n ? all.vsDue / all.n : 0 };
}

/** A month's or country's late share, pulled towards the org's; k settled before the day, late of them late. */
function groupShare(k: number, late: number, lateShare: number): number {
  return (late + lateShare * GROUP_WEIGHT) / (k + GROUP_WEIGHT);
}

/**
 * The same priors from counts made elsewhere (in SQL, for a score run that never holds the whole ledger). A month or
 * country present with n = 0 had invoices settled only on or after the day, as a Group would.
 */
export function priorsFromCounts(all: PriorCounts, months: Map<number, PriorCounts>, countries: Map<string, PriorCounts>): PriorsAt {
  const base = overallPriors(all);
  const share = (g: PriorCounts | undefined) => (g ? groupShare(g.n, g.late, base.lateShare) : base.lateShare);
  return { ...base, month: (m) => share(months.get(m)), country: (c) => share(c === null ? undefined : countries.get(c)) };
}
