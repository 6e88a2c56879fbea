// The words of a gateway dispute's review task (pure): the note that opens it (the gateway, the dispute, the amount held or
// questioned on each payment, the reason and the deadline) and the outcome that completes it.
import { exponentOf } from '../domain/money.ts';
import type { DisputeFacts, GatewayName } from './gateways/index.ts';

const GATEWAY: Record<GatewayName, string> = { stripe: 'Stripe', paypal: 'PayPal', mercadopago: 'Mercado Pago', adyen: 'Adyen' };

/** One payment the dispute is about, and the amount of it in dispute (minor units). */
export interface Holding { payment_ref: string; currency: string; amount: number }

/** How the note is written: in what words, numbers in what locale, instants in what zone. */
export interface Wording { language: 'en'; locale: string; zone: string }

/** "1,234.50 MXN": the amount in major units as the locale writes numbers, and the currency's code (unambiguous across $ currencies). */
export function amountText(minor: number, currency: string, locale: string): string {
  const exp = exponentOf(currency);
  const n = new Intl.NumberFormat(locale, { minimumFractionDigits: exp, maximumFractionDigits: exp }).format(minor / 10 ** exp);
  return `${n.replace(/\u00a0/g, ' ')} ${currency}`;
}

export type DisputeState = Pick<DisputeFacts, 'id' | 'held' | 'kind' | 'reason' | 'respondBy'>;

/** The note the review task opens with (and is brought up to date with when an inquiry or a notice becomes a chargeback). */
export function openingNote(w: Wording, provider: GatewayName, d: DisputeState, held: Holding[]): string {
  const name = GATEWAY[provider];
  const currency = held[0]?.currency ?? '';
  const total = amountText(held.reduce((s, h) => s + Number(h.amount), 0), currency, w.locale);
  const on = held.map((h) => `${h.payment_ref} (${amountText(Number(h.amount), h.currency, w.locale)})`).join(', ');
  const reason = `Reason: ${d.reason ?? 'none given by the gateway'}.`;
  if (d.kind === 'fraud') {
    return `Fraud notice at ${name}, ${d.id}: the card's issuer reported payment ${on} as fraud; no money taken. ${reason} `
      + 'Refunding it before a chargeback arrives avoids the chargeback and its fee.';
  }
  const answer = d.kind === 'inquiry' ? 'or it may become a chargeback' : 'or the dispute is lost';
  const due = d.respondBy ? `${d.kind === 'inquiry' ? 'Answer' : 'Evidence'} due at ${name} by ${d.respondBy}: answer there before then ${answer}.`
    : `${name} states no evidence deadline: answer the dispute there as soon as possible.`;
  const what = d.kind === 'inquiry' ? `Inquiry at ${name}, dispute ${d.id}: ${total} questioned, no money held, on payment ${on}.`
    : d.held === false ? `Chargeback at ${name}, dispute ${d.id}: ${total} in dispute on payment ${on}, not taken yet (${name} debits it with the chargeback).`
      : `Chargeback at ${name}, dispute ${d.id}: ${total} held (payment reversed, the rest kept) on payment ${on}.`;
  return `${what} ${reason} ${due}`;
}

/** The outcome a closed dispute completes its task with; `taken`: whether money was held when it closed. */
export function outcomeText(w: Wording, provider: GatewayName, d: { status: DisputeFacts['status']; outcome?: string; amount: number }, taken: boolean,
  paymentRef: string, currency: string): string {
  const said = d.outcome ? ` (${d.outcome})` : '';
  const name = GATEWAY[provider];
  if (d.status === 'won') {
    return taken ? `won at ${name}${said}: the money held on payment ${paymentRef} is recorded again`
      : `closed at ${name}${said}: no money was taken on payment ${paymentRef}`;
  }
  return `lost at ${name}${said}: ${amountText(d.amount, currency, w.locale)} on payment ${paymentRef} stays reversed`;
}

/** The timeline's sentence for a closed dispute, before the task's part. */
export const closedText = (provider: GatewayName, disputeId: string, outcome: string): string => `${GATEWAY[provider]} dispute ${disputeId} ${outcome}`;
