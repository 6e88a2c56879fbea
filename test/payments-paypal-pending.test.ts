// PayPal captures PENDING for other reasons than an eCheck (gateways/paypal-pending.ts), through the real webhook route with
// the fake PayPal verifying its own signatures: the payer has paid and the money waits on PayPal (its review) or on the
// merchant (to accept it, to set up or verify its account); reminders pause for the reason's longest wait (planner stop,
// the gate's R-4, the timeline and the web saying why, the portal), COMPLETED records once, DECLINED or DENIED resumes at
// once, the nightly check reads the held capture again by id; a capture pending for a dispute holds nothing.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_LOOKBACK_MS, checkGateways, DEBIT_HOLD_DAYS } from '../src/payments/index.ts';
import { engineText, heldText } from '../web/src/cases/engineText.ts';
import { translator } from '../web/src/i18n/translate.ts';
import { en } from '../web/src/i18n/en.ts';
import { es } from '../web/src/i18n/es.ts';
import { pt } from '../web/src/i18n/pt.ts';
import { bearer } from './support/api.ts';
import { payPalHarness } from './support/paypal-harness.ts';
import { holdViews } from './support/paypal-holds.ts';

// Tuesday 10 March 2026, 17:00 UTC: 13:00 in New York, where the debtors are
const h = await payPalHarness({ clientId: 'AeA1QIZXiflr1_cobro_pending', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_pending_test_secret',
  webhookId: '5JH86294D6297924H', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal, kept, balance } = h;
const { planned, pending, portalInFlight, paying, completesOnce } = holdViews(h);
after(() => h.close());

const caseOf = async (customerId: string) => (await t.db.query<{ status: string; stop_code: string | null }>(
  'SELECT status, stop_code FROM cases WHERE org_id = $1 AND customer_id = $2', [t.org, customerId]))[0]!;
const holds = (customerId: string) => t.db.query<{ status: string; method: string; hold_until: string; payment_ref: string }>(
  `SELECT status, method, hold_until, payment_ref FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND source <> 'debtor' ORDER BY created_at, id`,
  [t.org, customerId]);
/** The case's timeline as the API gives it (GET /v1/cases/{id}), as the web reads it. */
const story = async (customerId: string) => {
  const r = await t.app.inject({ method: 'GET', url: `/v1/cases/${customerId}`, headers: bearer(t.keys.admin) });
  assert.equal(r.statusCode, 200, r.body);
  return (r.json() as { timeline: { kind: string; reason: string; data: Record<string, unknown> }[] }).timeline;
};

/** On a Tuesday, a customer owing through a PayPal link, reminders planned, who approves the order: cobro captures it, PENDING for `reason`. */
const pendingFor = (amount: number, reason: string) => paying(amount, { pending: reason });

describe('a PayPal capture pending at PayPal or the merchant', () => {
  it('under PayPal\'s review holds reminders at most 4 days, says why on the timeline and the web (en, es, pt) and the portal; completed, it is recorded once', async () => {
    const o = await pendingFor(90_00, 'PENDING_REVIEW'); // Tuesday 10 March
    assert.equal((await h.deliver(paypal.capturePending(o.capture))).status, 200);
    assert.equal((await h.deliver(paypal.capturePending(o.capture))).status, 200);
    assert.deepEqual((await holds(o.customer)).map((x) => [x.status, x.method, x.hold_until, x.payment_ref]),
      [['open', 'paypal_review', '2026-03-14', o.capture]], 'one hold, 4 days from the debtor\'s date');
    assert.equal(DEBIT_HOLD_DAYS.paypal_review, 4);
    assert.equal(await planned(o.customer), 0);
    assert.equal((await caseOf(o.customer)).stop_code, 'payment_in_flight');
    assert.equal(await pending(o.customer), true, 'the gate blocks a collection message (R-4)');
    const entry = (await story(o.customer)).find((e) => e.kind === 'payment_in_flight')!;
    assert.match(entry.reason, /^the payment through payment link plk_\w+ \(paypal \w+\) is pending at paypal: PayPal is reviewing the payment \(PENDING_REVIEW\): reminders for 1 invoice\(s\) held until paypal completes or denies it, at most until 2026-03-14/);
    const web = { id: 'e', at: '', step_id: null, idempotency_key: null, ...entry };
    const hold = String(entry.data.hold_id);
    assert.equal(heldText(web, translator(en), 'en-US'), `PayPal is reviewing the payment (${hold}); reminders held until PayPal completes or denies it, at most until Mar 14, 2026`);
    assert.equal(heldText(web, translator(es), 'es-MX'), `PayPal está revisando el pago (${hold}); recordatorios en pausa hasta que PayPal lo complete o lo rechace, como mucho hasta el 14 mar 2026`);
    assert.match(heldText(web, translator(pt), 'pt-BR')!, new RegExp(`^o PayPal está analisando o pagamento \\(${hold}\\); lembretes suspensos até o PayPal concluí-lo ou recusá-lo, no máximo até 14 de mar\\.? de 2026$`));
    // the engine's stop says PayPal holds it, not a bank debit; the web says it in the reader's language
    const stop = (await story(o.customer)).find((e) => e.kind === 'stopped' && e.data.code === 'payment_in_flight')!;
    assert.match(stop.reason, new RegExp(`^payment_in_flight: payment in flight \\(${hold}\\): PayPal holds the payment pending \\(paypal_review\\); reminders held until PayPal completes or denies it, at most until 2026-03-14$`));
    assert.equal(engineText({ id: 's', at: '', step_id: null, idempotency_key: null, ...stop }, translator(es), 'es-MX'),
      `PayPal está revisando el pago (${hold}); recordatorios en pausa hasta que PayPal lo complete o lo rechace, como mucho hasta el 14 mar 2026`);
    assert.deepEqual(await portalInFlight(o.customer),
      [{ kind: 'debit', method: 'paypal_review', amount: 90_00, currency: 'USD', expires_at: '2026-03-14T17:00:00.000Z', started_on: '2026-03-10' }]);

    h.later(20 * 60);
    await completesOnce(o, 90_00);
    assert.match((await story(o.customer)).find((e) => e.kind === 'payment_debit_succeeded')?.reason ?? '', /^the payment PayPal held pending \(paypal \w+\) succeeded/);
  });

  it('waiting for the merchant to accept it holds 31 days; declined, reminders resume at once with a note; a repeat changes nothing', async () => {
    const o = await pendingFor(45_00, 'RECEIVING_PREFERENCE_MANDATES_MANUAL_ACTION');
    const [held] = await holds(o.customer);
    assert.equal(held!.method, 'paypal_merchant_accept');
    assert.equal(held!.hold_until, '2026-04-17', '31 days from Tuesday 17 March, the debtor\'s date');
    assert.match((await story(o.customer)).find((e) => e.kind === 'payment_in_flight')!.reason, /the merchant must accept it in its PayPal account .*\(RECEIVING_PREFERENCE_MANDATES_MANUAL_ACTION\)/);
    h.later(24 * 60);
    const declined = paypal.declinePending(o.capture);
    assert.equal((await h.deliver(declined)).status, 200);
    assert.equal((await h.deliver(declined)).status, 200);
    assert.equal((await holds(o.customer))[0]!.status, 'expired');
    assert.equal(await pending(o.customer), false);
    assert.equal((await caseOf(o.customer)).stop_code, null);
    const ends = (await story(o.customer)).filter((e) => e.kind.startsWith('payment_debit_'));
    assert.deepEqual(ends.map((e) => e.kind), ['payment_debit_failed']);
    assert.match(ends[0]!.reason, /^PayPal declined the capture: the payment it held did not complete \(paypal \w+\): reminders resume/);
    assert.deepEqual(await kept(o.customer), []);
    assert.equal(await balance(o.invoice), 45_00);
  });

  it('is read again by the nightly check by its capture: a completion whose webhook was lost is recorded, a denial ends the hold', async () => {
    const a = await pendingFor(70_00, 'UNILATERAL');
    const b = await pendingFor(30_00, 'VERIFICATION_REQUIRED');
    const check = () => checkGateways({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, new Date(h.now().getTime() - CHECK_LOOKBACK_MS), h.now());
    h.later(24 * 60);
    const first = await check();
    assert.deepEqual([first.recovered, first.errors], [[], []]);
    assert.ok(paypal.capturesRead.includes(a.capture) && paypal.capturesRead.includes(b.capture), 'each held capture read by id');
    h.later(9 * 24 * 60); // older than the check's look-back
    paypal.clearECheck(a.capture);
    paypal.denyECheck(b.capture);
    const second = await check();
    assert.deepEqual(second.errors, []);
    assert.deepEqual(second.recovered.map((r) => [r.payment_ref, r.amount]), [[a.capture, 70_00]]);
    assert.deepEqual(await kept(a.customer), [[`paypal:${a.capture}`, 70_00]]);
    assert.equal((await holds(a.customer))[0]!.status, 'confirmed');
    assert.equal((await holds(b.customer))[0]!.status, 'expired');
    assert.equal(await pending(b.customer), false);
  });

  it('holds nothing for a capture pending because the payer disputes it (the dispute path acts)', async () => {
    const o = await pendingFor(25_00, 'BUYER_COMPLAINT');
    assert.deepEqual(await holds(o.customer), []);
    assert.ok(await planned(o.customer) > 0, 'reminders stay planned');
    assert.equal(await pending(o.customer), false);
  });
});
