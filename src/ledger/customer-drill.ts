// Filters that take the customers list down to the customers behind a dashboard figure: overdue (in a currency and a
// days-past-due range), on a strategy version, messaged (on a channel) or contacted (messaged or called) in a period, with
// a promise falling due in one, or
// in a risk band of the latest score run. They read the engine's cases, the messages, the promises and the runs' bands as
// plain EXISTS tests, never changing them.
import type { Filter } from './page.ts';
import { addOverdueOnFilter } from './overdue-on.ts';

export interface CustomerDrill {
  /** Only customers with an unpaid invoice past due (as of `as_of`). */
  overdue?: boolean;
  /** With overdue or a days-past-due range: that invoice's currency. */
  currency?: string;
  dpd_min?: number;
  dpd_max?: number;
  /** The date days past due are counted to. */
  as_of?: string;
  /** Only customers with an invoice overdue at the end of this past day, by that day's balances (with `currency`: in it). */
  overdue_on?: string;
  strategy_id?: string;
  strategy_version?: number;
  /** Sent a message (sent, delivered or read) from `from` to `to` (days in the org's time zone, both included), on `channel` when given. */
  messaged?: boolean;
  channel?: string;
  /**
   * Sent a message or called by a person (a call logged on their case) from `from` to `to`, days in the org's time zone:
   * the accounts the contact rate is a share of (a message counts once sent, whatever became of it).
   */
  contacted?: boolean;
  /** Has a promise or extension falling due from `from` to `to` (replaced ones left out). */
  promised?: boolean;
  from?: string;
  to?: string;
  /** In this band of the latest finished score run; unscored: in none of its bands (with `currency`, owing in it, as the dashboard counts). */
  risk_band?: 'high' | 'medium' | 'low' | 'unscored';
}

export function addDrillFilters(f: Filter, orgId: string, p: CustomerDrill): void {
  const ranged = p.dpd_min !== undefined || p.dpd_max !== undefined;
  if (p.overdue_on) addOverdueOnFilter(f, orgId, p.overdue_on, p.currency);
  // with overdue_on, currency is that day's; alone, it means an unpaid invoice in it today
  if (p.overdue || ranged || (p.currency && !p.overdue_on)) {
    const asOf = p.as_of ?? new Date().toISOString().slice(0, 10);
    const parts = ['i.org_id = ?', 'i.customer_id = customers.id', 'i.balance > 0', 'NOT i.cancelled'];
    const values: unknown[] = [orgId];
    if (p.currency) { parts.push('i.currency = ?'); values.push(p.currency); }
    const min = p.overdue ? Math.max(1, p.dpd_min ?? 1) : p.dpd_min;
    if (min !== undefined) { parts.push('i.due_date <= ?::date - ?::int'); values.push(asOf, min); }
    if (p.dpd_max !== undefined) { parts.push('i.due_date >= ?::date - ?::int'); values.push(asOf, p.dpd_max); }
    f.add(`EXISTS (SELECT 1 FROM invoices i WHERE ${parts.join(' AND ')})`, ...values);
  }
  if (p.strategy_id) {
    if (p.strategy_version !== undefined) {
      f.add('EXISTS (SELECT 1 FROM cases c WHERE c.org_id = ? AND c.customer_id = customers.id AND c.strategy_id = ? AND c.strategy_version = ?)',
        orgId, p.strategy_id, p.strategy_version);
    } else {
      f.add('EXISTS (SELECT 1 FROM cases c WHERE c.org_id = ? AND c.customer_id = customers.id AND c.strategy_id = ?)', orgId, p.strategy_id);
    }
  }
  const from = p.from ?? '0001-01-01';
  const to = p.to ?? '9999-12-30';
  if (p.channel || p.messaged) {
    // the org's days, as the dashboard's contact figures count them
    f.add(`EXISTS (SELECT 1 FROM orgs o JOIN messages m ON m.org_id = o.id WHERE o.id = ? AND m.customer_id = customers.id
      AND (?::text IS NULL OR m.channel = ?) AND m.status IN ('sent', 'delivered', 'read')
      AND m.sent_at >= ?::date::timestamp AT TIME ZONE o.default_timezone AND m.sent_at < (?::date + 1)::timestamp AT TIME ZONE o.default_timezone)`,
    orgId, p.channel ?? null, p.channel ?? null, from, to);
  }
  if (p.contacted) {
    // as src/kpi/contact.ts counts its accounts: messages by their sending instant, calls logged by theirs
    const onDays = (col: string) => `${col} >= ?::date::timestamp AT TIME ZONE o.default_timezone AND ${col} < (?::date + 1)::timestamp AT TIME ZONE o.default_timezone`;
    f.add(`(EXISTS (SELECT 1 FROM orgs o JOIN messages m ON m.org_id = o.id WHERE o.id = ? AND m.customer_id = customers.id AND m.sent_at IS NOT NULL
        AND ${onDays('m.sent_at')})
      OR EXISTS (SELECT 1 FROM orgs o JOIN cases c ON c.org_id = o.id JOIN case_events e ON e.org_id = c.org_id AND e.case_id = c.id
        WHERE o.id = ? AND c.customer_id = customers.id AND e.kind = 'call_logged' AND ${onDays('e.at')}))`, orgId, from, to, orgId, from, to);
  }
  if (p.risk_band) {
    const banded = `EXISTS (SELECT 1 FROM score_run_bands b WHERE b.org_id = ? AND b.customer_id = customers.id AND (?::text IS NULL OR b.band = ?)
      AND b.run_id = (SELECT r.id FROM score_runs r WHERE r.org_id = ? AND r.status = 'done' ORDER BY r.started_at DESC, r.id DESC LIMIT 1))`;
    const band = p.risk_band === 'unscored' ? null : p.risk_band;
    f.add(band ? banded : `NOT ${banded}`, orgId, band, band, orgId);
  }
  if (p.promised) {
    f.add(`EXISTS (SELECT 1 FROM promises pr WHERE pr.org_id = ? AND pr.customer_id = customers.id AND pr.status <> 'replaced'
      AND pr.due_date >= ?::date AND pr.due_date <= ?::date)`, orgId, from, to);
  }
}
