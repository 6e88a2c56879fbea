// A payout checked against what it carried: its amount must equal the net of its balance transactions, each charge
// must be a cobro payment (by its payment intent or charge id) of the same gross and currency, and the fees show per
// payout and per payment. Pure: the stored transactions and the payments they link to are passed in.
import { formatMinor } from '../domain/money.ts';

const money = (amount: number, currency: string) => `${formatMinor(amount, currency)} ${currency}`;

/** A stored balance transaction, with the cobro payment its charge (or refund, dispute) settled when one is known. */
export interface StoredTransaction {
  txn_id: string; type: string; reporting_category: string | null; amount: number; fee: number; net: number; currency: string;
  source_id: string | null; charge_id: string | null; payment_intent: string | null; description: string | null; created_at: string;
  /** Stripe's own integers where it writes the currency with more decimals than cobro's minor unit (ISK, UGX: hundredths); else null. */
  stripe_units?: { amount: number; fee: number; net: number } | null;
  /** The gateway payment (its payment_ref, the PaymentIntent) and cobro's payment it was recorded as; null when none. */
  payment: { payment_ref: string; payment_id: string | null; customer_id: string; link_id: string; captured: number; currency: string } | null;
}

export type FetchState = 'pending' | 'fetched' | 'failed';

export interface PayoutForCheck {
  payout_id: string; amount: number; currency: string; txn_state: FetchState;
  /** Stripe's reconciliation_status as the payout's events gave it (null: not said). */
  reconciliation_status?: string | null;
  /** false: a manual payout (Stripe lists no balance transactions by payout for it). */
  automatic?: boolean | null;
  /** A person settled it by hand. */
  settlement?: Settlement | null;
}

export interface Settlement { by: string; at: string; note: string }

export type BreakdownIssueCode = 'NET_MISMATCH' | 'UNKNOWN_CHARGE' | 'UNKNOWN_REFUND' | 'UNKNOWN_DISPUTE' | 'AMOUNT_MISMATCH' | 'CURRENCY_MISMATCH' | 'MANUAL_PAYOUT';

export const BREAKDOWN_ISSUE_CODES: BreakdownIssueCode[] = ['NET_MISMATCH', 'UNKNOWN_CHARGE', 'UNKNOWN_REFUND', 'UNKNOWN_DISPUTE', 'AMOUNT_MISMATCH',
  'CURRENCY_MISMATCH', 'MANUAL_PAYOUT'];

export interface BreakdownIssue { code: BreakdownIssueCode; field: string; message: string; txn_id: string | null }

export interface PaymentFees {
  payment_id: string | null; payment_ref: string; customer_id: string; currency: string;
  /** Charged (less refunded) through this payout, the fees on it, and what reached the payout. */
  gross: number; fees: number; net: number; txn_ids: string[];
}

export interface BreakdownCheck {
  /**
   * balanced: nothing to look at; review: an issue below; not_fetched: the transactions are not (yet) kept;
   * pending_reconciliation: read while Stripe was still reconciling the payout, its net not (yet) the payout's amount;
   * settled: it was for review and a person settled it by hand (the issues are still listed).
   */
  result: 'balanced' | 'review' | 'not_fetched' | 'pending_reconciliation' | 'settled';
  settlement: Settlement | null;
  reconciliation_status: string | null;
  currency: string;
  /** Sums over the payout's transactions (the payout's own transaction left out). */
  gross: number; fees: number; net: number;
  /** The payout's amount less the net it carried: 0 when they agree. */
  difference: number;
  issues: BreakdownIssue[];
  payments: PaymentFees[];
}

const CHARGE_TYPES = new Set(['charge', 'payment']);
/** Money given back on a payment (docs.stripe.com/reports/reporting-categories): by type, or by reporting category. */
const REFUNDS = new Set(['refund', 'payment_refund', 'payment_failure_refund', 'refund_failure', 'payment_reversal']);
const DISPUTES = new Set(['dispute', 'dispute_reversal']);

/** A refund or dispute of a payment (an adjustment counts when it names a dispute or a charge); null for anything else. */
export function reversalOf(t: Pick<StoredTransaction, 'type' | 'reporting_category' | 'source_id' | 'charge_id' | 'payment_intent'>): 'refund' | 'dispute' | null {
  const cat = t.reporting_category ?? '';
  if (DISPUTES.has(t.type) || DISPUTES.has(cat) || /^(dp|du)_/.test(t.source_id ?? '')) return 'dispute';
  if (REFUNDS.has(t.type) || REFUNDS.has(cat) || /^(re|pyr)_/.test(t.source_id ?? '')) return 'refund';
  return t.type === 'adjustment' && (t.charge_id || t.payment_intent) ? 'dispute' : null;
}

function reversalIssues(t: StoredTransaction, kind: 'refund' | 'dispute'): BreakdownIssue[] {
  if (t.payment) return [];
  const of = [t.charge_id, t.payment_intent].filter(Boolean).join(', ') || 'no charge named';
  return [{ code: kind === 'refund' ? 'UNKNOWN_REFUND' : 'UNKNOWN_DISPUTE', field: 'payment_intent', txn_id: t.txn_id,
    message: `${kind} ${t.source_id ?? t.txn_id} (${t.type}, ${t.txn_id}, ${money(t.amount, t.currency)}) of ${of}: no payment cobro recorded` }];
}

/** The payout's own balance transaction (type payout, its source the payout) is the money leaving, not what it carried. */
export const isPayoutItself = (t: Pick<StoredTransaction, 'type' | 'source_id'>, payoutId: string) => t.type === 'payout' && t.source_id === payoutId;

function chargeIssues(t: StoredTransaction, payoutCurrency: string): BreakdownIssue[] {
  const ref = t.payment_intent ?? t.charge_id ?? t.source_id ?? t.txn_id;
  if (!t.payment) return [{ code: 'UNKNOWN_CHARGE', field: 'payment_intent', txn_id: t.txn_id, message: `charge ${ref} (${t.txn_id}) is no payment cobro recorded` }];
  if (t.payment.currency !== t.currency || t.currency !== payoutCurrency) {
    return [{ code: 'CURRENCY_MISMATCH', field: 'currency', txn_id: t.txn_id,
      message: `charge ${ref} settled ${t.currency}, its payment ${t.payment.payment_id ?? t.payment.payment_ref} is in ${t.payment.currency}, the payout in ${payoutCurrency}` }];
  }
  if (t.payment.captured !== t.amount) {
    return [{ code: 'AMOUNT_MISMATCH', field: 'amount', txn_id: t.txn_id,
      message: `charge ${ref} is ${money(t.amount, t.currency)} gross, its payment ${t.payment.payment_id ?? t.payment.payment_ref} ${money(t.payment.captured, t.currency)}` }];
  }
  return [];
}

function feesByPayment(items: StoredTransaction[]): PaymentFees[] {
  const by = new Map<string, PaymentFees>();
  for (const t of items) {
    if (!t.payment) continue;
    const p = by.get(t.payment.payment_ref) ?? { payment_id: t.payment.payment_id, payment_ref: t.payment.payment_ref, customer_id: t.payment.customer_id,
      currency: t.currency, gross: 0, fees: 0, net: 0, txn_ids: [] };
    p.gross += t.amount; p.fees += t.fee; p.net += t.net; p.txn_ids.push(t.txn_id);
    by.set(t.payment.payment_ref, p);
  }
  return [...by.values()].sort((a, b) => a.payment_ref.localeCompare(b.payment_ref));
}

/** A person's settlement turns a payout for review into a settled one; anything else is as checked. */
function settled(c: BreakdownCheck): BreakdownCheck {
  return c.result === 'review' && c.settlement ? { ...c, result: 'settled' } : c;
}

/** Checks a payout against its stored transactions: every sum in minor units of the payout's currency, to the unit. */
export function checkPayout(payout: PayoutForCheck, txns: StoredTransaction[]): BreakdownCheck {
  return settled(checked(payout, txns));
}

function checked(payout: PayoutForCheck, txns: StoredTransaction[]): BreakdownCheck {
  const items = txns.filter((t) => !isPayoutItself(t, payout.payout_id));
  const sum = (k: 'amount' | 'fee' | 'net') => items.reduce((s, t) => s + t[k], 0);
  const [gross, fees, net] = [sum('amount'), sum('fee'), sum('net')];
  const reconciliation = payout.reconciliation_status ?? null;
  const base = { currency: payout.currency, gross, fees, net, difference: payout.amount - net, payments: feesByPayment(items), reconciliation_status: reconciliation,
    settlement: payout.settlement ?? null };
  if (payout.automatic === false) {
    return { ...base, result: 'review', difference: 0, issues: [{ code: 'MANUAL_PAYOUT', field: 'automatic', txn_id: null,
      message: `${payout.payout_id} is a manual payout (automatic: false): Stripe lists balance transactions by payout only for automatic payouts, `
        + `so cobro cannot check what ${money(payout.amount, payout.currency)} carried; check it against the Stripe balance and settle it by hand` }] };
  }
  if (payout.txn_state !== 'fetched' && txns.length === 0) return { ...base, result: 'not_fetched', difference: 0, issues: [] };
  const issues: BreakdownIssue[] = [];
  for (const t of items) {
    const reversal = CHARGE_TYPES.has(t.type) ? null : reversalOf(t);
    if (CHARGE_TYPES.has(t.type)) issues.push(...chargeIssues(t, payout.currency));
    else if (reversal && !t.payment) issues.push(...reversalIssues(t, reversal));
    else if (t.currency !== payout.currency) {
      issues.push({ code: 'CURRENCY_MISMATCH', field: 'currency', txn_id: t.txn_id, message: `${t.type} ${t.txn_id} is in ${t.currency}, the payout in ${payout.currency}` });
    }
  }
  // before Stripe has reconciled the payout its list may lack transactions: a net short of the amount is not yet an issue
  const pending = base.difference !== 0 && reconciliation === 'in_progress';
  if (pending && !issues.length) return { ...base, result: 'pending_reconciliation', issues };
  if (base.difference !== 0 && !pending) {
    issues.unshift({ code: 'NET_MISMATCH', field: 'net', txn_id: null,
      message: `the payout is ${money(payout.amount, payout.currency)}, its ${items.length} transactions net ${money(net, payout.currency)}: ${money(base.difference, payout.currency)} unaccounted for` });
  }
  return { ...base, result: issues.length ? 'review' : 'balanced', issues };
}
