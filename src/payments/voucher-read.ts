// The voucher the debtor chose, asked of the gateway before a voucher's hold opens: Stripe Checkout's session says only which
// methods it offered (the hold would run to the latest of their expiries), its PaymentIntent's `next_action` says which one
// was issued and when it expires. Read outside the event's transaction; a read that fails keeps the offered methods' latest
// expiry, and the facts say why, for the timeline; one that failed for want of an answer is read again (voucher-reread.ts).
import type { GatewayAdapter, PaymentFacts } from './gateways/index.ts';

export async function withChosenVoucher(gw: GatewayAdapter, f: PaymentFacts): Promise<PaymentFacts> {
  const v = f.voucher;
  // a session without its PaymentIntent (paymentRef is then the session's id) has nothing to read
  if (!v || v.state !== 'issued' || !gw.readVoucher || f.paymentRef === f.sessionRef) return f;
  const r = await gw.readVoucher(f.paymentRef);
  if (r.ok && r.value) return { ...f, voucher: { ...v, method: r.value.method, expiresAt: r.value.expiresAt.toISOString(), basis: 'chosen' } };
  // a failure that is not Stripe's answer that there is no such payment (an outage, a refusal) is read again by the worker
  return { ...f, voucher: { ...v, basis: 'offered', unread: r.ok ? 'the payment shows no voucher' : r.error.message,
    ...(!r.ok && r.error.status !== 404 ? { rereadable: true } : {}) } };
}
