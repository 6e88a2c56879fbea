// What the PayPal hold tests read of a customer held by a capture pending (payments-paypal-echeck, payments-paypal-pending):
// actions planned, the gate's answer, the portal's payments in flight; and the harness's clock moved on to a Tuesday.
import assert from 'node:assert/strict';
import { checkContact } from '../../src/compliance/index.ts';
import { replanCase } from '../../src/engine/index.ts';
import { bearer } from './api.ts';
import type { PayPalHarness } from './paypal-harness.ts';

export function holdViews(h: PayPalHarness) {
  const { t } = h;
  const planned = async (customerId: string) => (await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM actions a JOIN cases c ON c.id = a.case_id WHERE c.org_id = $1 AND c.customer_id = $2 AND a.status = 'planned'`,
    [t.org, customerId]))[0]!.n;
  const onTuesday = (): void => {
    const now = h.now();
    const days = (2 - now.getUTCDay() + 7) % 7;
    const target = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 17);
    h.later(Math.round((target < now.getTime() ? target + 7 * 86_400_000 - now.getTime() : target - now.getTime()) / 60_000));
  };
  return {
    /** How many actions of the customer's case are planned. */
    planned,
    /** The clock moved on to the next Tuesday at 17:00 UTC (or left there), so reminders are planned on a working day. */
    onTuesday,
    /**
     * On a Tuesday, a New York customer owing through a PayPal link, due eight days ago (a reminder step has come due), reminders
     * planned, who approves the order (`how`: by eCheck, or left PENDING for a reason): cobro captures it, PENDING.
     */
    paying: async (amount: number, how: { echeck?: boolean; pending?: string }) => {
      onTuesday();
      const o = await h.owing(amount);
      await t.db.query(`UPDATE customers SET timezone = 'America/New_York', country = 'US' WHERE org_id = $1 AND id = $2`, [t.org, o.customer]);
      await t.db.query('UPDATE invoices SET due_date = $3 WHERE org_id = $1 AND id = $2', [t.org, o.invoice, new Date(h.now().getTime() - 8 * 86_400_000).toISOString().slice(0, 10)]);
      await replanCase(t.db, t.org, o.customer, h.now());
      assert.ok(await planned(o.customer) > 0, 'reminders planned before');
      assert.equal((await h.deliver(h.paypal.approve(o.orderId, how))).status, 200);
      return { ...o, capture: h.captureOf(o.orderId) };
    },
    /** PayPal completes the held capture, its event delivered twice: recorded once, the invoice paid, the hold confirmed, the case closed. */
    completesOnce: async (o: { capture: string; customer: string; invoice: string }, amount: number) => {
      const completed = h.paypal.clearECheck(o.capture);
      assert.equal((await h.deliver(completed)).status, 200);
      assert.equal((await h.deliver(completed)).status, 200);
      assert.deepEqual(await h.kept(o.customer), [[`paypal:${o.capture}`, amount]], 'recorded once');
      assert.equal(await h.balance(o.invoice), 0);
      const [hold] = await t.db.query<{ status: string }>(`SELECT status FROM agent_claims WHERE org_id = $1 AND payment_ref = $2 AND source <> 'debtor'`, [t.org, o.capture]);
      assert.equal(hold?.status, 'confirmed');
      const [c] = await t.db.query<{ status: string }>('SELECT status FROM cases WHERE org_id = $1 AND customer_id = $2', [t.org, o.customer]);
      assert.equal(c?.status, 'closed');
    },
    /** Whether the gate blocks a collection email as a payment pending. */
    pending: async (customerId: string) => {
      const r = await checkContact(t.db, t.org, { customerId, channel: 'email', purpose: { kind: 'collection', tags: [] } }, h.now());
      assert.ok(r.ok);
      return r.value.kind === 'block' && r.value.reason.code === 'PAYMENT_PENDING';
    },
    /** The debtor portal's payments in flight for the customer. */
    portalInFlight: async (customerId: string) => {
      const made = await t.app.inject({ method: 'POST', url: `/v1/customers/${customerId}/portal-link`, headers: bearer(t.keys.admin), payload: {} });
      assert.equal(made.statusCode, 201, made.body);
      const account = await t.app.inject({ method: 'GET', url: '/portal/api/account', headers: { 'x-portal-token': (made.json() as { token: string }).token } });
      assert.equal(account.statusCode, 200, account.body);
      return (account.json() as { payments_in_flight?: unknown[] }).payments_in_flight;
    },
  };
}
