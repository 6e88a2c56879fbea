// The one interface every payment gateway adapter implements: hosted checkouts, signed webhooks read into facts about a
// payment in cobro's minor units, a payment fetched by id, and the recent payments the nightly check re-reads.
import type { SignatureCheck } from '../../compliance/index.ts';
import type { Result } from '../../domain/result.ts';

export type GatewayName = 'stripe' | 'mercadopago' | 'adyen' | 'paypal';
export const GATEWAYS: readonly GatewayName[] = ['stripe', 'mercadopago', 'adyen', 'paypal'];
export const GATEWAY_LABELS: Record<GatewayName, string> = { stripe: 'Stripe', mercadopago: 'Mercado Pago', adyen: 'Adyen', paypal: 'PayPal' };

/** What a hosted checkout is created from; amounts in cobro's minor units of the currency. */
export interface CheckoutRequest {
  linkId: string;
  orgId: string;
  customerId: string;
  invoiceIds: string[];
  /** What the debtor reads on the hosted page, e.g. "Invoices INV-1, INV-2". */
  description: string;
  amount: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
  /** Where the provider posts its notifications (Mercado Pago takes it per preference; Stripe's is set in its dashboard). */
  notificationUrl: string;
  expiresAt: Date;
  now: Date;
}

/**
 * What expiring a checkout at the provider ended in: `expired` (it can no longer be paid), or `completed` (it was paid
 * first: the payment arrives through it).
 */
export type ExpireOutcome = 'expired' | 'completed';

/** The checkout to expire: the provider's id of it, cobro's link id (an idempotency key), and when it was created. */
export interface ExpireRequest { providerRef: string; linkId: string; createdAt: Date; now: Date }

export interface Checkout {
  /** cs_... for Stripe, the preference id for Mercado Pago. */
  providerRef: string;
  url: string;
}

/**
 * A provider failure: `rejected` when the provider answered with an error (a retry with the same key replays it),
 * `uncertain` when no answer came back (the object may exist: retry with the same key).
 */
export interface GatewayError { kind: 'rejected' | 'uncertain'; message: string; status?: number; code?: string }

export type GatewayResult<T> = { ok: true; value: T } | { ok: false; error: GatewayError };

/**
 * A dispute as the ledger sees it: `open` and `lost` hold the money back, `won` gave it back. `openedAt` is given where the
 * money a lost dispute takes leaves through the payment's own refunds or reversals (PayPal): those made from then on are
 * the dispute's money, not more of it.
 */
export interface DisputeFacts {
  id: string; amount: number; status: 'open' | 'won' | 'lost'; openedAt?: string;
  /**
   * Read from the payment's own status rather than from a dispute's event (Mercado Pago: `approved` again after
   * `in_mediation`): it settles a dispute already held and is nothing for a payment that never had one.
   */
  ifHeld?: boolean;
  /** Why the buyer disputed, in the gateway's words (Stripe `reason`, PayPal `reason`), when it says. */
  reason?: string;
  /** The instant the seller's evidence is due by (Stripe `evidence_details.due_by`, PayPal `seller_response_due_date`, Mercado Pago `date_documentation_deadline`). */
  respondBy?: string;
  /** The gateway's own id of the case where cobro's id is another (Mercado Pago: the chargeback's id; cobro's is `chargeback:<payment>`, or `chargeback:<payment>:<chargeback>` for a payment's later dispute). */
  caseId?: string;
  /** The gateway's own word for how a dispute ended (PayPal `dispute_outcome.outcome_code`), when it says. */
  outcome?: string;
  /**
   * false: no money taken (yet): a Stripe inquiry, an Adyen NOTIFICATION_OF_CHARGEBACK (the defence period starts, the
   * CHARGEBACK debits later), REQUEST_FOR_INFORMATION, NOTIFICATION_OF_FRAUD, or a stage that says nothing of money
   * (INFORMATION_SUPPLIED). Absent: the money is held (open) or gone (lost).
   */
  held?: false;
  /** What the dispute is short of a chargeback: an inquiry (Stripe `warning_*`, Adyen RFI) or a fraud notice (Adyen NOF). */
  kind?: 'inquiry' | 'fraud';
  /** When the gateway reported this state (Adyen `eventDate`): an older report does not change a newer one's state. */
  at?: string;
  /** Won because the card's issuer did not answer the defence in time (Adyen ISSUER_RESPONSE_TIMEFRAME_EXPIRED). */
  settledBy?: 'issuer_timeout';
}

/**
 * A voucher issued and not paid yet (Stripe Checkout's OXXO or boleto, Mercado Pago's ticket payments): a payment in
 * flight until `expiresAt`, which holds the reminders for its link's invoices; `ended` once it can no longer be paid.
 */
export interface VoucherFacts {
  state: 'issued' | 'ended'; expiresAt?: string; method?: string; reason?: string;
  /**
   * How `expiresAt` was found: `chosen`, the voucher the debtor chose, as the provider said when asked (Stripe's
   * PaymentIntent); `offered`, the latest expiry among the methods the checkout offered (the provider was not asked, or did
   * not answer: `unread` says why).
   */
  basis?: 'chosen' | 'offered'; unread?: string;
  /** The read failed without an answer about the payment (an outage, not a 404): the worker reads it again later. */
  rereadable?: boolean;
}

/**
 * A bank debit the debtor authorised and the gateway has not confirmed yet (Stripe `sepa_debit`, `us_bank_account`:
 * `payment_intent.processing`): a payment in flight that holds the reminders for its link's invoices until the gateway
 * says it `succeeded` (the payment's facts) or `failed`, or the method's longest confirmation time runs out.
 */
export interface DebitFacts {
  state: 'processing' | 'failed'; method: string; reason?: string; /** When the gateway said so (the event's creation). */ at?: string;
  /** Processing for another reason than a bank debit (PayPal's PENDING reasons): what the money waits on, for the timeline. */
  waits?: string;
}

/** What a provider says about one payment, in minor units; what an event does not tell is left out. */
export interface PaymentFacts {
  provider: GatewayName;
  /** The PaymentIntent (pi_...) or the Mercado Pago payment id. */
  paymentRef: string;
  /** cobro's link id, from the session's metadata or the payment's external_reference. */
  linkId?: string;
  /**
   * The merchant's references an event about the payment carries (Adyen's merchantReference, cobro's link id, and each of
   * additionalData.modificationMerchantReferences): what names the link or an invoice before the payment is recorded.
   */
  references?: string[];
  /** The Checkout Session or preference the payment came through. */
  sessionRef?: string;
  currency?: string;
  /** What the debtor paid; absent when the event is about something else (a refund, a dispute). */
  captured?: number;
  /** All refunded so far (Stripe and Mercado Pago give the running total). */
  refunded?: number;
  /** One refund by its own id and amount (Adyen reports each refund on its own); repeats of the same id count once; `at` when it was made. */
  refund?: { id: string; amount: number; at?: string };
  /** A refund that did not happen after all, by its id (Adyen REFUND_FAILED, REFUNDED_REVERSED): it no longer counts. */
  refundUndone?: { id: string };
  dispute?: DisputeFacts;
  /** A voucher issued for the payment, or ended unpaid (see VoucherFacts). */
  voucher?: VoucherFacts;
  /** A bank debit processing, or failed (see DebitFacts). */
  debit?: DebitFacts;
  paidAt?: string;
  method?: string;
}

/** A payout's state as the gateway reports it: paid reached the bank; failed and canceled did not (final). */
export type PayoutStatus = 'paid' | 'failed' | 'canceled';

/**
 * A payout the gateway reported into the org's bank account (Stripe payout.paid, payout.failed, payout.canceled), in minor
 * units; `reportedAt` is the event's own created time, which orders events that arrive out of order.
 */
export interface PayoutFacts {
  provider: GatewayName; payoutId: string; amount: number; currency: string; arrivalDate: string; descriptor: string | null;
  status: PayoutStatus; reportedAt: string | null; failureCode: string | null;
  /** Stripe's reconciliation_status: its balance transactions are all listed once 'completed'; null when not said. */
  reconciliationStatus?: PayoutReconciliation | null;
}

export type PayoutReconciliation = 'in_progress' | 'completed' | 'not_applicable';

/**
 * One balance transaction a payout carried (Stripe: a charge, refund, dispute, fee or the payout itself), in cobro's
 * minor units of its currency: `amount` gross, `fee`, `net` = amount - fee; the charge and payment intent it came from.
 */
export interface PayoutTransaction {
  id: string; type: string; reportingCategory: string | null; amount: number; fee: number; net: number; currency: string;
  sourceId: string | null; chargeId: string | null; paymentIntent: string | null; description: string | null; createdAt: string;
}

export type WebhookMeaning =
  | { kind: 'facts'; facts: PaymentFacts }
  /** One event about several payments (a PayPal dispute over several captures): each applied on its own. */
  | { kind: 'several'; facts: PaymentFacts[] }
  /** Money the gateway paid out to the org's bank: kept so the statement's line is known for a payout. */
  | { kind: 'payout'; payout: PayoutFacts }
  /** The notification only names a payment: fetch it from the provider and act on what it says now. */
  | { kind: 'fetch'; paymentRef: string }
  /** The notification only names a chargeback (Mercado Pago's chargebacks topic): read it, and its payment, now. */
  | { kind: 'chargeback'; chargebackRef: string }
  /** The payer approved an order that is captured by the merchant (PayPal CHECKOUT.ORDER.APPROVED): capture it now. */
  | { kind: 'capture'; orderRef: string }
  /** A report the provider has made (Adyen REPORT_AVAILABLE): its file name and the URL it is downloaded from. */
  | { kind: 'report'; fileName: string; url: string; /** When Adyen made the report (the item's eventDate). */ at?: string }
  | { kind: 'expired'; sessionRef: string; linkId?: string }
  | { kind: 'ignore'; reason: string };

/** A webhook request as it arrived: the raw bytes, lower-cased headers and the query string's parameters. */
export interface RawWebhook {
  body: Buffer;
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
}

/** One event of a delivery that carries several (Adyen's notificationItems), with the provider's id of it. */
export interface DeliveredEvent { eventId: string; body: unknown }

export interface GatewayAdapter {
  readonly provider: GatewayName;
  /** The status a delivery that fails verification is answered with (Adyen: 403); 400 when not said. */
  readonly refusedStatus?: 400 | 403;
  /** The body the provider wants back once a delivery is stored (Adyen: `[accepted]`); cobro's JSON when not said. */
  readonly acceptedBody?: string;
  /**
   * The events of a delivery that carries several, each stored and processed on its own; null when the body is not of
   * that form. Absent for providers that send one event per delivery (eventId then names it).
   */
  split?(body: unknown): DeliveredEvent[] | null;
  /** How long a hosted checkout can stay open (Stripe allows up to 24 hours). */
  readonly validityMs: number;
  /** What the provider will actually charge for an amount, in minor units (Stripe rounds three-decimal currencies), or why it cannot. */
  chargeable(amount: number, currency: string): Result<number>;
  createCheckout(req: CheckoutRequest, idempotencyKey: string): Promise<GatewayResult<Checkout>>;
  /** Ends an open checkout so it can no longer be paid (Stripe: expire the session; Mercado Pago: end the preference's validity now). */
  expireCheckout(req: ExpireRequest): Promise<GatewayResult<ExpireOutcome>>;
  /** Checks the signature on the raw request, before anything is parsed (PayPal: by asking PayPal, hence a promise). */
  verify(raw: RawWebhook, now: Date): SignatureCheck | Promise<SignatureCheck>;
  /** The provider's id of the event (unique per delivery subject), once the signature holds; null when there is none. */
  eventId(raw: RawWebhook, body: unknown): string | null;
  interpret(body: unknown): WebhookMeaning;
  /** Reads a stored event's text (Mercado Pago: ids past 2^53 kept as text); JSON.parse when absent. */
  parse?(text: string): unknown;
  /**
   * A chargeback a notification named (Mercado Pago: GET /v1/chargebacks/{id}) as its payment's facts, the dispute given the
   * chargeback's id and deadline; null when the provider knows no such chargeback.
   */
  readChargeback?(chargebackRef: string, now: Date): Promise<GatewayResult<PaymentFacts | null>>;
  /** Captures an approved order (PayPal), idempotently: the capture's facts, or null when the order holds none. */
  captureOrder?(orderRef: string, now: Date): Promise<GatewayResult<PaymentFacts | null>>;
  /**
   * An order as the provider has it now (PayPal: GET /v2/checkout/orders/{id}): its status and, once captured, the
   * capture's facts; null when the provider has no such order.
   */
  readOrder?(orderRef: string, now: Date): Promise<GatewayResult<{ status: string; capture: PaymentFacts | null } | null>>;
  /**
   * The voucher the debtor chose for a payment (Stripe: GET /v1/payment_intents/{id}, its `next_action`): its method and
   * expiry, or null when the payment shows none.
   */
  readVoucher?(paymentRef: string): Promise<GatewayResult<{ method: string; expiresAt: Date } | null>>;
  /** One payment as the provider has it now (`now`: the caller's clock, where the provider's token needs one). */
  fetchPayment(paymentRef: string, now?: Date): Promise<GatewayResult<PaymentFacts | null>>;
  /** Downloads a report the provider announced (Adyen), with the org's report credentials: its text. */
  downloadReport?(url: string): Promise<GatewayResult<string>>;
  /** Payments made since an instant, as the nightly check re-reads them. */
  recentPayments(since: Date, now: Date): Promise<GatewayResult<PaymentFacts[]>>;
  /**
   * Refunds and disputes made since an instant, as the facts their webhooks give (Stripe's refund and dispute lists):
   * the nightly check applies them after the payments, so a lost refund or dispute webhook is recovered.
   */
  recentAdjustments?(since: Date, now: Date): Promise<GatewayResult<PaymentFacts[]>>;
  /**
   * One dispute by its id as the provider has it now, as the facts its webhooks give (Stripe: GET /v1/disputes/{id}), for
   * a dispute cobro holds open that a list by creation time no longer shows; null when the provider has none by that id.
   */
  retrieveDispute?(disputeId: string): Promise<GatewayResult<PaymentFacts | null>>;
  /** Every balance transaction a payout carried, all pages or a failure (never part); absent where the gateway has no such list. */
  payoutTransactions?(payoutId: string): Promise<GatewayResult<PayoutTransaction[]>>;
}
