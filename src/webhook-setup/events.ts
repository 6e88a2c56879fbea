// The provider events cobro acts on, asked for when it registers its webhooks: each one is read by the provider's event
// interpreter (src/webhook-setup/events.test.ts checks none of them is one cobro ignores).

/** Stripe events (interpretStripeEvent): checkout sessions, debits and vouchers, refunds, disputes and payouts. */
export const STRIPE_EVENTS = [
  'checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed', 'checkout.session.expired',
  'payment_intent.processing', 'payment_intent.succeeded', 'payment_intent.payment_failed',
  'charge.refunded',
  'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated', 'charge.dispute.closed',
  'payout.paid', 'payout.failed', 'payout.canceled', 'payout.updated', 'payout.reconciliation_completed',
] as const;

/** PayPal event types (interpretPayPalEvent): approved orders, captures, refunds and reversals, disputes. */
export const PAYPAL_EVENTS = [
  'CHECKOUT.ORDER.APPROVED',
  'PAYMENT.CAPTURE.COMPLETED', 'PAYMENT.CAPTURE.PENDING', 'PAYMENT.CAPTURE.DENIED', 'PAYMENT.CAPTURE.DECLINED',
  'PAYMENT.CAPTURE.REFUNDED', 'PAYMENT.CAPTURE.REVERSED',
  'CUSTOMER.DISPUTE.CREATED', 'CUSTOMER.DISPUTE.UPDATED', 'CUSTOMER.DISPUTE.RESOLVED',
] as const;

/** Mailgun webhook types (parseMailgunEvents): delivered, opened, a permanent failure, a complaint, an unsubscribe. */
export const MAILGUN_EVENTS = ['delivered', 'opened', 'permanent_fail', 'complained', 'unsubscribed'] as const;

/**
 * SendGrid Event Webhook settings (the request's boolean per event type) cobro turns on, and the event name each posts
 * (parseSendGridEvents): delivered, opened, bounced, dropped, a spam report, an unsubscribe; the others are turned off.
 */
export const SENDGRID_EVENTS = { delivered: 'delivered', open: 'open', bounce: 'bounce', dropped: 'dropped', spam_report: 'spamreport',
  unsubscribe: 'unsubscribe', group_unsubscribe: 'group_unsubscribe' } as const;
export const SENDGRID_EVENTS_OFF = ['processed', 'deferred', 'click', 'group_resubscribe'] as const;

/** Two lists of names hold the same names, whatever their order. */
export const sameNames = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().every((n, i) => n === [...b].sort()[i]);
