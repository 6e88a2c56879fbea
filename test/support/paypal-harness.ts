// A test API whose org has PayPal connected to a fake PayPal, both on one clock the test moves on; with what PayPal tests
// read: a customer owing through a PayPal link, a signed delivery posted to the org's webhook, an invoice's balance, and
// the payments in force.
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './api.ts';
import { aCustomer, anInvoice } from './factories.ts';
import { fakePayPal, type FakePayPal, type PayPalDelivery, type PayPalObject } from './providers/paypal.ts';

export interface PayPalHarness {
  t: TestApi;
  paypal: FakePayPal;
  now(): Date;
  /** Moves the clock on. */
  later(minutes: number): void;
  deliver(d: PayPalDelivery): Promise<{ status: number; body: { duplicate?: boolean; status?: string } }>;
  balance(invoiceId: string): Promise<number>;
  /** The customer's payments in force, oldest first, as [external_id, amount]. */
  kept(customerId: string): Promise<[string, number][]>;
  /** A customer owing one USD invoice, and a PayPal payment link for it made over the API: the order it made at PayPal. */
  owing(amount: number): Promise<{ customer: string; invoice: string; link: string; orderId: string }>;
  /** The id of the capture PayPal made for an order. */
  captureOf(orderId: string): string;
  /** A customer who paid through a PayPal link and disputed it at PayPal (CUSTOMER.DISPUTE.CREATED processed): its dispute id and evidence URL. */
  disputed(amount: number): Promise<{ customer: string; invoice: string; link: string; orderId: string; id: string; url: string }>;
  close(): Promise<void>;
}

export async function payPalHarness(o: { clientId: string; clientSecret: string; webhookId: string; start: Date }): Promise<PayPalHarness> {
  let clock = o.start;
  const t = await testApi(() => clock);
  const paypal = await fakePayPal({ clientId: o.clientId, clientSecret: o.clientSecret, webhookId: o.webhookId, now: () => clock });
  await paypal.connect(t.db, t.org);
  const h: PayPalHarness = {
    t, paypal,
    now: () => clock,
    later(minutes) { clock = new Date(clock.getTime() + minutes * 60_000); },
    async deliver(d) {
      const r = await t.app.inject({ method: 'POST', url: `/webhooks/paypal/${t.org}`, payload: d.body, headers: { 'content-type': 'application/json', ...d.headers } });
      return { status: r.statusCode, body: r.json() as { duplicate?: boolean; status?: string } };
    },
    balance: async (id) => Number((await t.db.query<{ balance: number }>('SELECT balance FROM invoices WHERE org_id = $1 AND id = $2', [t.org, id]))[0]!.balance),
    kept: async (customer) => (await t.db.query<{ external_id: string; amount: number }>(
      'SELECT external_id, amount FROM payments WHERE org_id = $1 AND customer_id = $2 AND reversed_at IS NULL ORDER BY created_at, id', [t.org, customer]))
      .map((p): [string, number] => [p.external_id, Number(p.amount)]),
    async owing(amount) {
      const c = await aCustomer(t.db, t.org, { email: 'ap@client.example' });
      const inv = await anInvoice(t.db, t.org, { customer_id: c.id, currency: 'USD', amount, due_date: '2026-02-01' });
      const r = await t.app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(t.keys.collector), payload: { customer_id: c.id } });
      assert.equal(r.statusCode, 201, r.body);
      const link = r.json() as { id: string };
      const order = [...paypal.orders.values()].find((x) => ((x.purchase_units as PayPalObject[])[0]!).reference_id === link.id)!;
      return { customer: c.id, invoice: inv.id, link: link.id, orderId: String(order.id) };
    },
    captureOf(orderId) {
      const unit = (paypal.orders.get(orderId)!.purchase_units as PayPalObject[])[0]!;
      return String(((unit.payments as PayPalObject).captures as PayPalObject[])[0]!.id);
    },
    async disputed(amount) {
      const o = await h.owing(amount);
      assert.equal((await h.deliver(paypal.approve(o.orderId))).status, 200);
      const { id, created } = paypal.openDispute(h.captureOf(o.orderId));
      assert.equal((await h.deliver(created)).body.status, 'processed');
      return { ...o, id, url: `/v1/disputes/${id}/evidence` };
    },
    async close() { await paypal.close(); await t.close(); },
  };
  return h;
}
