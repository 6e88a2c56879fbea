// Features of an invoice as of a day, from what was known before that day only: nothing settled, disputed, promised or
// sent on or after it is read, so a feature as of D stays the same whatever happens from D on.
import { F, FEATURE_COUNT, UNDATED, type CustomerFact, type FeatureContext, type InvoiceFact, type UndatedDisputes } from './types.ts';
import { monthOf, type PriorsAt } from './priors.ts';

const RECENT = 5;
const RESPONSE_WINDOW = 365;

/** What is owed on an invoice at the start of a day (0 before it is issued or once it is settled). */
export function openAmountAt(inv: InvoiceFact, day: number): number {
  if (inv.issue >= day || (inv.settled !== null && inv.settled < day)) return 0;
  let owed = inv.amount;
  if (inv.paid) for (const [d, a] of inv.paid) if (d < day) owed -= a;
  return Math.max(0, owed);
}

export function disputeKnown(inv: InvoiceFact, day: number, undated: UndatedDisputes): boolean {
  if (inv.disputedOn === null) return false;
  return inv.disputedOn === UNDATED ? undated === 'known' && inv.issue <= day : inv.disputedOn < day;
}

/** The customer's standing at the start of a day: payment history, what is open, promises and replies. */
export interface CustomerState {
  n: number;
  late: number;
  sumDaysLate: number;
  sumVsDue: number;
  recentLate: number;
  recentCount: number;
  recentDaysLate: number;
  lastVsDue: number | null;
  disputes: number;
  openCount: number;
  openBalance: number;
  overdueCount: number;
  maxOverdue: number;
  /** The invoice with the most days overdue, and the most days of any other, so an invoice can leave itself out. */
  maxOverdueId: string | null;
  secondOverdue: number;
  issuedCount: number;
  issuedAmount: number;
  firstIssue: number | null;
  broken: number;
  kept: number;
  sent: number;
  replies: number;
}

export function customerState(c: CustomerFact, day: number, undated: UndatedDisputes): CustomerState {
  const s: CustomerState = { n: 0, late: 0, sumDaysLate: 0, sumVsDue: 0, recentLate: 0, recentCount: 0, recentDaysLate: 0, lastVsDue: null,
    disputes: 0, openCount: 0, openBalance: 0, overdueCount: 0, maxOverdue: 0, maxOverdueId: null, secondOverdue: 0, issuedCount: 0, issuedAmount: 0, firstIssue: null,
    broken: 0, kept: 0, sent: 0, replies: 0 };
  const settled: InvoiceFact[] = [];
  for (const inv of c.invoices) {
    if (inv.issue >= day) break;
    s.issuedCount++;
    s.issuedAmount += inv.amount;
    if (s.firstIssue === null) s.firstIssue = inv.issue;
    if (inv.settled !== null && inv.settled < day) {
      settled.push(inv);
      const vsDue = inv.settled - inv.due;
      s.n++;
      if (vsDue > 0 || inv.writtenOff) s.late++;
      s.sumDaysLate += Math.max(0, vsDue);
      s.sumVsDue += vsDue;
      if (disputeKnown(inv, day, undated)) s.disputes++;
      continue;
    }
    const owed = openAmountAt(inv, day);
    s.openCount++;
    s.openBalance += owed;
    if (inv.due < day) {
      s.overdueCount++;
      const days = day - inv.due;
      if (days > s.maxOverdue) { s.secondOverdue = s.maxOverdue; s.maxOverdue = days; s.maxOverdueId = inv.id; } else if (days > s.secondOverdue) s.secondOverdue = days;
    }
  }
  if (settled.length) {
    settled.sort((a, b) => a.settled! - b.settled! || a.issue - b.issue);
    for (const inv of settled.slice(-RECENT)) {
      const vsDue = inv.settled! - inv.due;
      s.recentCount++;
      if (vsDue > 0 || inv.writtenOff) s.recentLate++;
      s.recentDaysLate += Math.max(0, vsDue);
    }
    const last = settled[settled.length - 1]!;
    s.lastVsDue = last.settled! - last.due;
  }
  for (const p of c.promises) if (p.judged < day) { if (p.broken) s.broken++; else s.kept++; }
  for (const d of c.sent) if (d < day && d >= day - RESPONSE_WINDOW) s.sent++;
  for (const d of c.replies) if (d < day && d >= day - RESPONSE_WINDOW) s.replies++;
  return s;
}

/** Writes the invoice's features as of the day into out (length FEATURE_COUNT) and returns the counts behind them. */
export function invoiceFeatures(inv: InvoiceFact, c: CustomerFact, s: CustomerState, day: number, priors: PriorsAt,
  undated: UndatedDisputes, out: Float64Array): FeatureContext {
  // the invoice itself is not part of its customer's open count or balance
  const selfOwed = openAmountAt(inv, day);
  const selfOpen = selfOwed > 0 || (inv.issue < day && !(inv.settled !== null && inv.settled < day)) ? 1 : 0;
  const selfOverdue = selfOpen && inv.due < day ? 1 : 0;
  const month = monthOf(inv.issue);
  const k = 1;
  const avgDaysLate = (s.sumDaysLate + k * priors.avgDaysLate) / (s.n + k);
  out[F.amount_log] = Math.log10(1 + inv.amount);
  out[F.amount_vs_usual] = s.issuedCount ? inv.amount / Math.max(1, s.issuedAmount / s.issuedCount) : 1;
  out[F.terms_days] = inv.due - inv.issue;
  out[F.days_past_due] = selfOpen ? Math.max(0, day - inv.due) : 0;
  out[F.disputed] = disputeKnown(inv, day, undated) ? 1 : 0;
  out[F.paperless] = inv.paperless === null ? 0.5 : inv.paperless ? 1 : 0;
  out[F.season_late_share] = priors.month(month);
  out[F.history_count] = Math.log1p(s.n);
  out[F.late_share] = (s.late + k * priors.lateShare) / (s.n + k);
  out[F.avg_days_late] = avgDaysLate;
  out[F.avg_days_vs_due] = (s.sumVsDue + k * priors.avgVsDue) / (s.n + k);
  out[F.recent_late_share] = (s.recentLate + k * priors.lateShare) / (s.recentCount + k);
  out[F.trend_days] = s.recentCount && s.n > s.recentCount ? s.recentDaysLate / s.recentCount - s.sumDaysLate / s.n : 0;
  out[F.last_days_vs_due] = s.lastVsDue ?? priors.avgVsDue;
  out[F.past_dispute_share] = s.disputes / (s.n + 1);
  out[F.open_count] = s.openCount - selfOpen;
  out[F.open_balance_log] = Math.log10(1 + Math.max(0, s.openBalance - selfOwed));
  out[F.overdue_count] = s.overdueCount - selfOverdue;
  out[F.max_days_overdue] = s.maxOverdueId === inv.id ? s.secondOverdue : s.maxOverdue;
  out[F.broken_promises] = s.broken;
  out[F.kept_promises] = s.kept;
  out[F.responsiveness] = s.sent ? Math.min(1, s.replies / s.sent) : 0.5;
  out[F.tenure_days] = s.firstIssue === null ? 0 : day - s.firstIssue;
  out[F.country_late_share] = priors.country(c.country);
  return { historyCount: s.n, lateCount: s.late, month, country: c.country, sentCount: s.sent, replyCount: s.replies };
}

/** One invoice's features as of a day, computed from scratch (tests and single look-ups). */
export function featuresAsOf(inv: InvoiceFact, c: CustomerFact, day: number, priors: PriorsAt, undated: UndatedDisputes): Float64Array {
  const out = new Float64Array(FEATURE_COUNT);
  invoiceFeatures(inv, c, customerState(c, day, undated), day, priors, undated, out);
  return out;
}
