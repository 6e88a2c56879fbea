// A bank debit in flight (Stripe's SEPA Direct Debit or ACH: `processing` for days; PayPal's eCheck: a capture PENDING
// until the bank transfer clears), or another payment PayPal holds PENDING (its review, the merchant to accept it,
// gateways/paypal-pending.ts): its hold opened from the debtor's
// date, for at most the method's longest documented confirmation time, so a lost webhook does not silence reminders for
// good; ended by the payment recorded (webhooks-apply.ts), by the gateway's failure, or by the sweep once it runs out.
import type { Queryable } from '../db/index.ts';
import { addDays } from '../domain/index.ts';
import { PAYPAL_HOLD_DAYS, type PaymentFacts } from './gateways/index.ts';
import type { LinkRow } from './links-store.ts';
import { endInFlightOf, openHold } from './in-flight.ts';
import { askMerchantToAct } from './paypal-accept-task.ts';
import type { ApplyOutcome } from './webhooks-apply.ts';

/**
 * The most calendar days a debit is held, by method. Stripe: SEPA Direct Debit "can take up to 14 business days to
 * confirm the success or failure of a payment" (21 calendar days cover 14 business days and a bank holiday or two);
 * ACH Direct Debit "can take up to 4 business days to receive acknowledgement of success or failure" (7 calendar days
 * cover a weekend and a holiday). PayPal: "It may take up to 6 business days for an eCheck to clear" (10 calendar days
 * cover 6 business days, a weekend or two and a holiday); PayPal's other PENDING reasons as gateways/paypal-pending.ts
 * justifies each. A method cobro does not know is held as long as SEPA.
 */
export const DEBIT_HOLD_DAYS: Readonly<Record<string, number>> = { sepa_debit: 21, us_bank_account: 7, ...PAYPAL_HOLD_DAYS };
const UNKNOWN_DEBIT_DAYS = 21;

export const debitHoldDays = (method: string): number => DEBIT_HOLD_DAYS[method] ?? UNKNOWN_DEBIT_DAYS;

/** A debit's facts applied: processing through a link cobro knows, its hold opened; failed, its hold ended. */
export async function applyDebit(q: Queryable, orgId: string, actor: string, f: PaymentFacts, link: LinkRow | null, now: Date): Promise<ApplyOutcome> {
  const d = f.debit!;
  const what = `${f.provider} ${d.method} debit ${f.paymentRef}`;
  if (d.state === 'failed') {
    const ended = await endInFlightOf(q, orgId, f, 'expired', now, d.reason ?? `the ${d.method} debit failed`);
    return { kind: 'nothing', reason: `${what} failed${ended ? ': its hold ended, reminders resume' : ''}` };
  }
  if (!link) return { kind: 'nothing', reason: `${what} names no cobro link: nothing held` };
  const days = debitHoldDays(d.method);
  const held = await openHold(q, orgId, actor, f, link, { source: 'debit', method: d.method, expiresAt: new Date(now.getTime() + days * 86_400_000),
    audit: 'gateway.debit_processing', holdUntil: (today) => addDays(today, days),
    describe: (n, until) => (d.waits
      ? `the payment through payment link ${link.id} (${f.provider} ${f.paymentRef}) is pending at ${f.provider}: ${d.waits}: reminders for ${n} invoice(s) `
        + `held until ${f.provider} completes or denies it, at most until ${until} (${days} days, the longest it waits for that)`
      : `${/^[aeiou]/.test(d.method) ? 'an' : 'a'} ${d.method} debit was authorised through payment link ${link.id} (${f.provider} ${f.paymentRef}) and is processing: `
        + `reminders for ${n} invoice(s) held until the gateway confirms or fails it, at most until ${until} (${days} days, the method's longest confirmation time)`) }, now);
  // a payment waiting on the merchant's own action in PayPal: a task on the worklist says what to do (once per capture)
  await askMerchantToAct(q, orgId, actor, f, link, now);
  return { kind: 'nothing', reason: held ? `${what} processing: reminders held until it settles, at most until ${held.hold_until}` : `${what} already held, paid or ended` };
}
