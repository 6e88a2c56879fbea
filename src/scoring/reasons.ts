// A score's top reasons in plain words: the features that pushed it most, each said with its own figures.
import { F, FEATURES, type FeatureContext, type FeatureName, type Reason } from './types.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pct = (v: number) => `${Math.round(v * 100)}%`;
const days = (v: number) => `${Math.round(v)} day${Math.round(v) === 1 ? '' : 's'}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function tenure(d: number): string {
  if (d < 60) return `${days(d)}`;
  if (d < 730) return `${Math.round(d / 30.4)} months`;
  return `${(d / 365.25).toFixed(1)} years`;
}

/** One sentence for a feature; `up` says whether it raised the risk. */
export function sentence(f: FeatureName, x: ArrayLike<number>, c: FeatureContext, up: boolean): string {
  const v = x[F[f]]!;
  switch (f) {
    case 'late_share': case 'recent_late_share':
      if (c.historyCount === 0) return 'no payment history yet: judged by the org\'s usual late share';
      return f === 'late_share'
        ? `paid ${c.lateCount} of ${plural(c.historyCount, 'past invoice')} late`
        : `${pct(v)} of the latest invoices paid late (allowing for few of them)`;
    case 'avg_days_late': return `pays on average ${days(v)} late`;
    case 'avg_days_vs_due': return v >= 0 ? `usually pays ${days(v)} after the due date` : `usually pays ${days(-v)} before the due date`;
    case 'last_days_vs_due': return v > 0 ? `paid the last invoice ${days(v)} late` : v < 0 ? `paid the last invoice ${days(-v)} early` : 'paid the last invoice on the due date';
    case 'trend_days': return v > 0 ? `paying later of late (${days(v)} more than usual)` : v < 0 ? `paying sooner of late (${days(-v)} less than usual)` : 'paying as usual of late';
    case 'history_count': return c.historyCount ? `${plural(c.historyCount, 'invoice')} of payment history` : 'no payment history yet';
    case 'disputed': return v ? 'the invoice is in dispute' : 'the invoice is not in dispute';
    case 'past_dispute_share': return v ? `has disputed ${pct(v)} of past invoices` : 'has not disputed past invoices';
    case 'paperless': return v === 0.5 ? 'billing channel not known' : v ? 'billed electronically' : 'billed on paper';
    case 'season_late_share': return `invoices issued in ${MONTHS[c.month - 1]} are paid late ${pct(v)} of the time`;
    case 'country_late_share': return c.country ? `customers in ${c.country} pay late ${pct(v)} of the time` : `customers pay late ${pct(v)} of the time`;
    case 'amount_log': return up ? 'a large amount' : 'a small amount';
    case 'amount_vs_usual': return v >= 1 ? `${v.toFixed(1)} times the customer's usual invoice` : `smaller than the customer's usual invoice (${v.toFixed(1)} times)`;
    case 'terms_days': return `payment terms of ${days(v)}`;
    case 'days_past_due': return v ? `already ${days(v)} past due` : 'not yet due';
    case 'open_count': return v ? `${plural(v, 'other invoice')} open` : 'no other invoice open';
    case 'open_balance_log': return v ? 'owes on other invoices too' : 'owes nothing else';
    case 'overdue_count': return v ? `${plural(v, 'other invoice')} overdue` : 'no other invoice overdue';
    case 'max_days_overdue': return v ? `another invoice is ${days(v)} overdue` : 'nothing else overdue';
    case 'broken_promises': return v ? `broke ${plural(v, 'promise')} to pay` : 'has broken no promise to pay';
    case 'kept_promises': return v ? `kept ${plural(v, 'promise')} to pay` : 'no kept promise to pay';
    case 'responsiveness': return c.sentCount ? `answered ${c.replyCount} of ${plural(c.sentCount, 'message')} in the last year` : 'no messages sent in the last year';
    case 'tenure_days': return v ? `a customer for ${tenure(v)}` : 'a new customer';
  }
}

/** The largest pushes, strongest first; `top` of them, leaving out those too small to matter. */
export function topReasons(contributions: ArrayLike<number>, x: ArrayLike<number>, c: FeatureContext, top = 3): Reason[] {
  const order = FEATURES.map((_, j) => j).filter((j) => Math.abs(contributions[j]!) >= 0.05)
    .sort((a, b) => Math.abs(contributions[b]!) - Math.abs(contributions[a]!) || a - b).slice(0, top);
  return order.map((j) => {
    const feature = FEATURES[j]!;
    const effect = contributions[j]!;
    return { feature, effect: Math.round(effect * 100) / 100, text: sentence(feature, x, c, effect > 0) };
  });
}
