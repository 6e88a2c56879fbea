// A customer who paid through a Stripe payment link at the fake Stripe: owing `amount` MXN, the link made, the session
// completed at Stripe; the checkout.session.completed event is returned, not delivered.
import type { Db } from '../../src/db/index.ts';
import { replanCase } from '../../src/engine/index.ts';
import { createPaymentLink } from '../../src/payments/index.ts';
import { aCustomer, anInvoice } from './factories.ts';
import type { FakeStripe, StripeObject } from './providers/stripe.ts';

export async function paidAtStripe(db: Db, stripe: FakeStripe, publicUrl: string, org: string, amount: number, now: Date):
  Promise<{ customerId: string; pi: string; completed: StripeObject }> {
  const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City' });
  await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount, due_date: '2026-02-01' });
  await replanCase(db, org, c.id, now);
  const link = await createPaymentLink({ db, publicUrl }, org, 'test', { customerId: c.id, source: 'api' }, now);
  if (!link.ok) throw new Error(link.error.message);
  const session = [...stripe.sessions.values()].find((s) => s.client_reference_id === link.value.id)!;
  const completed = stripe.complete(session.id as string);
  return { customerId: c.id, pi: (completed.data as { object: { payment_intent: string } }).object.payment_intent, completed };
}
