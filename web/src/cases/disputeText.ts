// A gateway dispute's timeline entries (payment_dispute_opened, _escalated, _closed), and the task asking the merchant to act
// in PayPal on a payment it holds (payment_accept_requested), in the reader's language, from the data the server records with them; an entry written before that data was recorded gives null (the server's sentence shows).
import { date, dateTime, money } from '../app/format.ts';
import type { Translate } from '../i18n/translate.ts';
import type { CaseEvent } from './types.ts';

const GATEWAYS: Record<string, string> = { stripe: 'Stripe', paypal: 'PayPal', mercadopago: 'Mercado Pago', adyen: 'Adyen' };
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

interface Held { payment_ref: string; amount: number; currency: string }
const isHeld = (p: unknown): p is Held => typeof p === 'object' && p !== null && typeof (p as Held).payment_ref === 'string'
  && typeof (p as Held).amount === 'number' && typeof (p as Held).currency === 'string';

function opened(d: Record<string, unknown>, t: Translate, locale: string, gateway: string, id: string): string | null {
  const payments = Array.isArray(d.payments) ? d.payments.filter(isHeld) : [];
  const first = payments[0];
  if (!first || typeof d.money_held !== 'boolean' || !str(d.kind)) return null;
  const total = payments.reduce((s, p) => s + p.amount, 0);
  const vars = { gateway, id, amount: money(total, first.currency, locale), payments: payments.map((p) => `${p.payment_ref} (${money(p.amount, p.currency, locale)})`).join(', ') };
  const kind = str(d.kind);
  const what = kind === 'fraud' ? t('tl.d.fraud', vars) : kind === 'inquiry' ? t('tl.d.inquiry', vars) : t(d.money_held ? 'tl.d.chargeback' : 'tl.d.notTaken', vars);
  const parts = [what];
  if (str(d.reason)) parts.push(t('tl.d.reason', { reason: str(d.reason)! }));
  if (kind !== 'fraud') parts.push(str(d.respond_by) ? t('tl.d.due', { gateway, date: dateTime(str(d.respond_by), locale) }) : t('tl.d.noDeadline', { gateway }));
  return parts.join(' ');
}

function closed(d: Record<string, unknown>, t: Translate, locale: string, gateway: string, id: string): string | null {
  const payment = str(d.payment_ref);
  const amount = num(d.amount);
  const currency = str(d.currency);
  if (!payment || amount === null || !currency || typeof d.money_held !== 'boolean') return null;
  const vars = { gateway, id, payment, amount: money(amount, currency, locale) };
  // the issuer's silence (Adyen ISSUER_RESPONSE_TIMEFRAME_EXPIRED) settles it for the merchant: said as such, not as a won defence
  const won = d.settled_by === 'issuer_timeout' ? (d.money_held ? 'tl.d.issuerSilentHeld' : 'tl.d.issuerSilent') : d.money_held ? 'tl.d.won' : 'tl.d.closed';
  const said = d.status === 'won' ? t(won, vars) : d.status === 'lost' ? t('tl.d.lost', vars) : null;
  if (said === null) return null;
  return str(d.task_id) ? `${said} ${t('tl.d.taskDone')}` : said;
}

/** The dispute entry in the reader's words, or null when it is not one or lacks the data (older entries). */
export function disputeText(e: CaseEvent, t: Translate, locale: string): string | null {
  const d = e.data ?? {};
  const gateway = GATEWAYS[str(d.provider) ?? ''];
  const id = str(d.dispute_id);
  if (!gateway || !id) return null;
  if (e.kind === 'payment_dispute_opened' || e.kind === 'payment_dispute_escalated') return opened(d, t, locale, gateway, id);
  if (e.kind === 'payment_dispute_closed') return closed(d, t, locale, gateway, id);
  return null;
}

const ACTIONS = new Set(['accept', 'withdrawal', 'unilateral', 'verify', 'account']);

/** The task asking the merchant to act in PayPal (accept the payment, set up or verify the account), or null without its data. */
export function acceptText(e: CaseEvent, t: Translate, locale: string): string | null {
  const d = e.data ?? {};
  const action = str(d.action);
  const amount = num(d.amount);
  if (e.kind !== 'payment_accept_requested' || !action || !ACTIONS.has(action) || amount === null || !str(d.currency) || !str(d.payment_ref) || !str(d.until)) return null;
  return t('tl.a.opened', { amount: money(amount, str(d.currency)!, locale), capture: str(d.payment_ref)!, todo: t(`tl.a.${action}`), date: date(str(d.until), locale) });
}
