// PayPal eCheck as a bank debit in flight, through the real webhook route with the fake PayPal verifying its own
// signatures: a payer paying by eCheck leaves the capture PENDING (status_details.reason ECHECK) until it clears; the hold
// keeps reminders for the link's invoices from the debtor (planner stop payment_in_flight, the gate's R-4 PAYMENT_PENDING,
// the timeline, the debtor portal's account) until PAYMENT.CAPTURE.COMPLETED (recorded once, the case closed) or
// PAYMENT.CAPTURE.DENIED (reminders resume at once), or 10 days run out (the sweep); the nightly check reads each held
// eCheck's capture again, so a clearing or denial whose webhook was lost is acted on.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { settleClaims } from '../src/agent/index.ts';
import { CHECK_LOOKBACK_MS, checkGateways, DEBIT_HOLD_DAYS } from '../src/payments/index.ts';
import { payPalHarness } from './support/paypal-harness.ts';
import { holdViews } from './support/paypal-holds.ts';

// Tuesday 10 March 2026, 17:00 UTC: 13:00 in New York, where the debtors are
const h = await payPalHarness({ clientId: 'AeA1QIZXiflr1_cobro_echeck', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_echeck_test_secret',
  webhookId: '4JH86294D6297924G', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal, kept, balance } = h;
const { planned, pending, portalInFlight, paying, completesOnce } = holdViews(h);
after(() => h.close());

const caseOf = async (customerId: string) => (await t.db.query<{ status: string; stop_code: string | null; next_action_at: Date | string | null }>(
  'SELECT status, stop_code, next_action_at FROM cases WHERE org_id = $1 AND customer_id = $2', [t.org, customerId]))[0]!;
/** Reminders go on before the hold would have run out: the case's next action comes before its last day. */
const remindedBefore = async (customerId: string, holdUntil: string) => {
  const c = await caseOf(customerId);
  assert.deepEqual([c.status, c.stop_code], ['open', null]);
  assert.ok(c.next_action_at !== null && new Date(c.next_action_at).toISOString().slice(0, 10) < holdUntil, `next action ${String(c.next_action_at)}, hold until ${holdUntil}`);
};
const timeline = (customerId: string) => t.db.query<{ kind: string; reason: string }>(
  'SELECT e.kind, e.reason FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.org_id = $1 AND c.customer_id = $2 ORDER BY e.at, e.id', [t.org, customerId]);
const holds = (customerId: string) => t.db.query<{ status: string; source: string; method: string; hold_until: string; payment_ref: string }>(
  `SELECT status, source, method, hold_until, payment_ref FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND source <> 'debtor' ORDER BY created_at, id`,
  [t.org, customerId]);

/** On a Tuesday, a customer owing through a PayPal link, reminders planned, who approves the order paying by eCheck: cobro captures it, PENDING. */
const payingByECheck = (amount: number) => paying(amount, { echeck: true });

describe('a PayPal eCheck', () => {
  it('holds reminders while pending, shown to the planner, the gate, the timeline and the portal; cleared, it is recorded once and the case closes', async () => {
    const o = await payingByECheck(100_00);
    // the capture answer said PENDING (ECHECK); PayPal's own PAYMENT.CAPTURE.PENDING, twice, adds nothing
    assert.equal((await h.deliver(paypal.capturePending(o.capture))).status, 200);
    assert.equal((await h.deliver(paypal.capturePending(o.capture))).status, 200);
    assert.equal(DEBIT_HOLD_DAYS.echeck, 10);
    assert.deepEqual((await holds(o.customer)).map((x) => [x.source, x.status, x.method, x.hold_until, x.payment_ref]),
      [['debit', 'open', 'echeck', '2026-03-20', o.capture]], 'one hold, at most 10 days from Tuesday 10 March');
    assert.deepEqual(await kept(o.customer), [], 'nothing recorded while the eCheck is pending');
    assert.equal(await planned(o.customer), 0, 'nothing planned while the eCheck is pending');
    assert.equal((await caseOf(o.customer)).stop_code, 'payment_in_flight');
    assert.equal(await pending(o.customer), true, 'the gate blocks a collection message (R-4)');
    assert.match((await timeline(o.customer)).find((e) => e.kind === 'payment_in_flight')?.reason ?? '',
      /an echeck debit was authorised through payment link .* is processing: reminders for 1 invoice\(s\) held .* at most until 2026-03-20/);
    assert.deepEqual(await portalInFlight(o.customer),
      [{ kind: 'debit', method: 'echeck', amount: 100_00, currency: 'USD', expires_at: '2026-03-20T17:00:00.000Z', started_on: '2026-03-10' }],
      'the debtor portal says a bank debit is being processed, and since when');

    h.later(4 * 24 * 60);
    await completesOnce(o, 100_00);
    assert.match((await timeline(o.customer)).find((e) => e.kind === 'payment_debit_succeeded')?.reason ?? '', /echeck debit \(paypal .*\) succeeded/);
    assert.deepEqual(await portalInFlight(o.customer), []);
  });

  it('lets reminders resume at once when PayPal denies the eCheck, with a note on the timeline; a repeat changes nothing', async () => {
    const o = await payingByECheck(60_00);
    assert.equal(await planned(o.customer), 0);
    h.later(2 * 24 * 60);
    const denied = paypal.denyECheck(o.capture);
    assert.equal((await h.deliver(denied)).status, 200);
    assert.equal((await h.deliver(denied)).status, 200);
    const [held] = await holds(o.customer);
    assert.equal(held!.status, 'expired');
    await remindedBefore(o.customer, held!.hold_until);
    assert.equal(await pending(o.customer), false);
    const ends = (await timeline(o.customer)).filter((e) => e.kind.startsWith('payment_debit_'));
    assert.deepEqual(ends.map((e) => e.kind), ['payment_debit_failed'], 'one end for the two deliveries');
    assert.match(ends[0]!.reason, /PayPal denied the capture: the payment it held did not complete \(paypal .*\): reminders resume/);
    assert.deepEqual(await kept(o.customer), []);
    assert.equal(await balance(o.invoice), 60_00);
    assert.deepEqual(await portalInFlight(o.customer), []);
  });

  it('gives up waiting after 10 days (a lost webhook), and a clearing arriving afterwards is recorded as any payment', async () => {
    const o = await payingByECheck(40_00); // Tuesday 24 March, 13:00 in New York
    assert.equal((await holds(o.customer))[0]!.hold_until, '2026-04-03', 'ten days from the debtor\'s date');
    const sweep = () => t.db.transaction((tx) => settleClaims(tx, t.org, h.now()));
    h.later((9 * 24 + 6) * 60); // Thursday 2 April, 19:00 in New York: the hold's last day
    await sweep();
    assert.equal((await holds(o.customer))[0]!.status, 'open');
    assert.equal(await pending(o.customer), true);
    h.later(6 * 60); // Friday 3 April, 01:00 in New York
    await sweep();
    assert.equal((await holds(o.customer))[0]!.status, 'expired');
    assert.equal((await caseOf(o.customer)).stop_code, null);
    assert.match((await timeline(o.customer)).find((e) => e.kind === 'payment_debit_unconfirmed')?.reason ?? '',
      /the echeck debit \(paypal .*\) was neither confirmed nor failed by 2026-04-03, its longest confirmation time: the hold ran out/);
    await h.deliver(paypal.clearECheck(o.capture));
    assert.deepEqual(await kept(o.customer), [[`paypal:${o.capture}`, 40_00]]);
  });

  it('is read again by the nightly check by its capture: a clearing whose webhook was lost is recorded, a denial ends the hold', async () => {
    const a = await payingByECheck(70_00);
    const b = await payingByECheck(30_00);
    const check = () => checkGateways({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, new Date(h.now().getTime() - CHECK_LOOKBACK_MS), h.now());
    h.later(24 * 60);
    const first = await check();
    assert.deepEqual([first.recovered, first.errors], [[], []], 'still pending: nothing to record');
    assert.ok(paypal.capturesRead.includes(a.capture) && paypal.capturesRead.includes(b.capture), 'each held eCheck read by its capture');
    assert.equal((await holds(a.customer))[0]!.status, 'open');
    h.later(5 * 24 * 60); // the Monday after: the captures are older than the check's look-back
    paypal.clearECheck(a.capture);
    paypal.denyECheck(b.capture);
    const second = await check();
    assert.deepEqual(second.errors, []);
    assert.deepEqual(second.recovered.map((r) => [r.payment_ref, r.amount]), [[a.capture, 70_00]]);
    assert.deepEqual(await kept(a.customer), [[`paypal:${a.capture}`, 70_00]]);
    assert.equal((await holds(a.customer))[0]!.status, 'confirmed');
    assert.equal((await caseOf(a.customer)).status, 'closed');
    const [denied] = await holds(b.customer);
    assert.equal(denied!.status, 'expired');
    assert.deepEqual(await kept(b.customer), []);
    await remindedBefore(b.customer, denied!.hold_until);
    assert.ok((await timeline(b.customer)).some((e) => e.kind === 'payment_debit_failed'));
  });
});
