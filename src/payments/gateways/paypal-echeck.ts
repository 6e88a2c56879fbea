// PayPal eCheck: a payer whose PayPal account draws on their bank account alone pays by eCheck, and the capture stays
// PENDING with `status_details.reason` ECHECK until the bank transfer clears ("It may take up to 6 business days for an
// eCheck to clear", PayPal Help Center, faq3265): PayPal then sends PAYMENT.CAPTURE.COMPLETED, or PAYMENT.CAPTURE.DENIED
// when the bank declines it. Read here as a bank debit in flight (src/payments/in-flight-debits.ts), as Stripe's SEPA and
// ACH debits are: PENDING for ECHECK opens the hold, DENIED ends it, COMPLETED is the payment (paypal.ts captureFacts).
import { field } from './http.ts';
import type { DebitFacts } from './types.ts';

/** The method name cobro gives an eCheck's hold (DEBIT_HOLD_DAYS). */
export const ECHECK_METHOD = 'echeck';

/**
 * What a capture says of a debit in flight: processing when PENDING for an uncleared eCheck, failed when DENIED (a capture
 * denied while cobro holds its eCheck; one never held changes nothing); undefined otherwise (a capture PENDING for another
 * reason, such as PayPal's own review, is not a bank debit and holds nothing). A denial carries no `at`: it never reverses
 * a payment already recorded (PayPal takes money back from a completed capture as a reversal, PAYMENT.CAPTURE.REVERSED).
 */
export function captureDebit(capture: unknown): DebitFacts | undefined {
  const status = field(capture, 'status', 'string');
  const reason = field(field(capture, 'status_details', 'object'), 'reason', 'string');
  if (status === 'PENDING' && reason === 'ECHECK') return { state: 'processing', method: ECHECK_METHOD };
  if (status === 'DENIED') {
    return { state: 'failed', method: ECHECK_METHOD, reason: `PayPal denied the capture${reason ? ` (${reason})` : ''}: the eCheck did not clear` };
  }
  return undefined;
}
