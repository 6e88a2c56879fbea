// A Stripe chargeback as cobro records it, laid straight into a database (no webhook server): a customer owing `amount`
// MXN, a payment link made at the fake Stripe and paid there, the payment disputed at the fake (needs_response), and the
// gateway payment row holding the dispute open with Stripe's due_by. For tests of the evidence outside the API (the CLI's
// PGlite folder, the browser's seeded server).
import type { Queryable } from '../../src/db/index.ts';
import { createPaymentLink } from '../../src/payments/index.ts';
import { aCustomer, anInvoice } from './factories.ts';
import type { FakeStripe } from './providers/stripe.ts';

export async function seedStripeDispute(db: Queryable, stripe: FakeStripe, org: string, who: { name: string; email: string }, amount: number, now: Date):
  Promise<{ customerId: string; dp: string }> {
  const c = await aCustomer(db, org, who);
  await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount, due_date: '2026-02-01' });
  const link = await createPaymentLink({ db, publicUrl: 'https://cobro.example.com' }, org, 'test', { customerId: c.id, source: 'api' }, now);
  if (!link.ok) throw new Error(link.error.message);
  const session = [...stripe.sessions.values()].find((s) => s.client_reference_id === link.value.id)!;
  const pi = (stripe.complete(session.id as string).data as { object: { payment_intent: string } }).object.payment_intent;
  const d = (stripe.dispute(pi, 'needs_response').data as { object: { id: string; evidence_details: { due_by: number } } }).object;
  await db.query(`INSERT INTO gateway_payments (org_id, provider, payment_ref, link_id, customer_id, currency, captured, disputes, kept, created_at, updated_at)
    VALUES ($1, 'stripe', $2, $3, $4, 'MXN', $5, $6::jsonb, 0, $7, $7)`,
  [org, pi, link.value.id, c.id, amount, JSON.stringify({ [d.id]: { amount, status: 'open', reason: 'product_not_received', respondBy: new Date(d.evidence_details.due_by * 1000).toISOString() } }), now]);
  return { customerId: c.id, dp: d.id };
}
