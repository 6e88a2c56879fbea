// PayPal captures PENDING: the payer has paid, and the money waits on PayPal or on the merchant (status_details.reason, Orders
// v2 capture_status_details). Read here as a payment in flight (src/payments/in-flight-debits.ts), as Stripe's SEPA and ACH
// debits are: PENDING opens the hold for the reason's longest wait, PAYMENT.CAPTURE.DENIED or DECLINED ends it (reminders
// resume), COMPLETED is the payment (paypal.ts captureFacts). The nightly check reads each held capture by id again.
import { field } from './http.ts';
import type { DebitFacts } from './types.ts';

/** The method name cobro gives an eCheck's hold (DEBIT_HOLD_DAYS). */
export const ECHECK_METHOD = 'echeck';

/** What a PENDING reason holds: the hold's method, its longest wait in calendar days, and what the money waits on. */
interface PendingReason { method: string; days: number; waits: string }

/**
 * The PENDING reasons that hold reminders, with the most calendar days each is held and why:
 * - ECHECK: "It may take up to 6 business days for an eCheck to clear" (PayPal Help Center): 10 cover a weekend or two and
 *   a holiday.
 * - PENDING_REVIEW: PayPal's payment review "usually takes less than 24 hours, but sometimes can extend to 48 hours" (Help
 *   Center faq1837): 4 cover the 48 hours and a weekend.
 * - RECEIVING_PREFERENCE_MANDATES_MANUAL_ACTION, INTERNATIONAL_WITHDRAWAL, UNILATERAL, VERIFICATION_REQUIRED: the merchant
 *   must accept the payment (a currency it does not hold, a withdrawal to accept or deny), or set up or verify its PayPal
 *   account; "If a payment is not manually accepted within 30 days, the payment will automatically be canceled" (Help
 *   Center faq744): 31 cover the 30 days and the day it is returned.
 * - TRANSACTION_APPROVED_AWAITING_FUNDING: the payer approved and must send the funds (a manual bank transfer): held as an
 *   eCheck, 10.
 * - OTHER (or no reason given): PayPal says nothing more; held as an eCheck, 10, so a lost webhook does not hold for long.
 * BUYER_COMPLAINT, CHARGEBACK and REFUNDED hold nothing: the money is disputed or given back, and the dispute
 * (CUSTOMER.DISPUTE.*) or refund (PAYMENT.CAPTURE.REFUNDED) is acted on as such.
 */
export const PAYPAL_PENDING: Readonly<Record<string, PendingReason>> = {
  ECHECK: { method: ECHECK_METHOD, days: 10, waits: 'the payer paid by eCheck, which has not cleared yet' },
  PENDING_REVIEW: { method: 'paypal_review', days: 4, waits: 'PayPal is reviewing the payment' },
  RECEIVING_PREFERENCE_MANDATES_MANUAL_ACTION: { method: 'paypal_merchant_accept', days: 31,
    waits: 'the merchant must accept it in its PayPal account (receiving preferences, such as a currency it does not hold)' },
  INTERNATIONAL_WITHDRAWAL: { method: 'paypal_merchant_accept', days: 31, waits: 'the merchant must accept or deny it in its PayPal account' },
  UNILATERAL: { method: 'paypal_merchant_account', days: 31, waits: 'the merchant\'s PayPal account must be set up to receive it' },
  VERIFICATION_REQUIRED: { method: 'paypal_merchant_account', days: 31, waits: 'the merchant must verify its PayPal account' },
  TRANSACTION_APPROVED_AWAITING_FUNDING: { method: 'paypal_funding', days: 10, waits: 'the payer must still send the funds by bank transfer' },
  OTHER: { method: 'paypal_pending', days: 10, waits: 'PayPal gives no specific reason' },
};
const NOT_HELD = new Set(['BUYER_COMPLAINT', 'CHARGEBACK', 'REFUNDED']);

/** The most calendar days each PayPal pending method is held (merged into DEBIT_HOLD_DAYS). */
export const PAYPAL_HOLD_DAYS: Readonly<Record<string, number>> = Object.fromEntries(Object.values(PAYPAL_PENDING).map((r) => [r.method, r.days]));

/** The methods whose hold waits on the merchant's own action in PayPal (to accept the payment, to set up or verify its account). */
export const MERCHANT_ACTION_METHODS: ReadonlySet<string> = new Set(['paypal_merchant_accept', 'paypal_merchant_account']);

/**
 * What a capture says of a payment in flight: processing when PENDING for a reason that holds (PAYPAL_PENDING), with what
 * the money waits on and PayPal's reason; failed when DENIED or DECLINED (a capture denied while cobro holds it; one never held changes
 * nothing); undefined otherwise. A denial carries no `at`: it never reverses a payment already recorded (PayPal takes
 * money back from a completed capture as a reversal, PAYMENT.CAPTURE.REVERSED).
 */
export function captureDebit(capture: unknown): DebitFacts | undefined {
  const status = field(capture, 'status', 'string');
  const reason = field(field(capture, 'status_details', 'object'), 'reason', 'string') ?? 'OTHER';
  if (status === 'PENDING') {
    if (NOT_HELD.has(reason)) return undefined;
    const r = PAYPAL_PENDING[reason] ?? PAYPAL_PENDING.OTHER!;
    // an eCheck is a bank debit, said as the others are; any other reason says what the money waits on, and names PayPal's
    // reason (a merchant's action it waits on puts a task on the worklist, paypal-accept-task.ts)
    return { state: 'processing', method: r.method, ...(reason === 'ECHECK' ? {} : { waits: `${r.waits} (${reason})`, reason }) };
  }
  if (status === 'DENIED' || status === 'DECLINED') {
    return { state: 'failed', method: 'paypal', reason: `PayPal ${status === 'DENIED' ? 'denied' : 'declined'} the capture${reason !== 'OTHER' ? ` (${reason})` : ''}: the payment it held did not complete` };
  }
  return undefined;
}
