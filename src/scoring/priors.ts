// The org's own late shares as known on a day: overall, by calendar month of issue and by country (settled invoices only).
import type { Portfolio } from './types.ts';

/** Month (1-12) of a day number. */
export function monthOf(day: number): number {
  return new Date(day * 86_400_000).getUTCMonth() + 1;
}

/** Settled invoices of one group, by settlement day, with running counts for any cut-off day. */
class Group {
  days: number[] = [];
  late: number[] = [0];
  daysLate: number[] = [0];
  vsDue: number[] = [0];
  add(day: number, late: boolean, daysLate: number, vsDue: number): void {
    this.days.push(day);
    const i = this.days.length - 1;
    this.late.push(this.late[i]! + (late ? 1 : 0));
    this.daysLate.push(this.daysLate[i]! + daysLate);
    this.vsDue.push(this.vsDue[i]! + vsDue);
  }
  /** How many settled strictly before the day. */
  countBefore(day: number): number {
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

  constructor(portfolio: Portfolio) {
    const events: { day: number; late: boolean; daysLate: number; vsDue: number; month: number; country: string | null }[] = [];
    for (const c of portfolio.customers) {
      for (const inv of c.invoices) {
        if (inv.settled === null) continue;
        const vsDue = inv.settled - inv.due;
        events.push({ day: inv.settled, late: vsDue > 0 || inv.writtenOff, daysLate: Math.max(0, vsDue), vsDue, month: monthOf(inv.issue), country: c.country });
      }
    }
    events.sort((a, b) => a.day - b.day);
    for (const e of events) {
      this.all.add(e.day, e.late, e.daysLate, e.vsDue);
      this.group(this.months, e.month).add(e.day, e.late, e.daysLate, e.vsDue);
      if (e.country !== null) this.group(this.countries, e.country).add(e.day, e.late, e.daysLate, e.vsDue);
    }
  }

  private group<K>(map: Map<K, Group>, key: K): Group {
    let g = map.get(key);
    if (!g) { g = new Group(); map.set(key, g); }
    return g;
  }

  /** The priors as known at the start of the day (nothing settled on or after it counts). */
  at(day: number): PriorsAt {
    const n = this.all.countBefore(day);
    const base = overallPriors({ n, late: this.all.late[n]!, daysLate: this.all.daysLate[n]!, vsDue: this.all.vsDue[n]! });
    const share = (g: Group | undefined) => {
      if (!g) return base.lateShare;
      const k = g.countBefore(day);
      return groupShare(k, g.late[k]!, base.lateShare);
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
