// A PayPal capture PENDING until the merchant acts in PayPal (accept the payment, set up or verify its account), through the
// real webhook route with the fake PayPal signing its events: one high-priority review task on the customer's case, due the
// day it opens, saying what to do in PayPal, the amount and the wait's end in the org's language, on the worklist and the
// case view (the timeline in the reader's language); once per capture whatever the repeats and the nightly check; done when
// PayPal completes or declines the capture or the wait runs out. A wait on PayPal itself (its review) asks nothing.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { settleClaims } from '../src/agent/index.ts';
import { CHECK_LOOKBACK_MS, checkGateways } from '../src/payments/index.ts';
import { acceptText } from '../web/src/cases/disputeText.ts';
import { translator } from '../web/src/i18n/translate.ts';
import { en } from '../web/src/i18n/en.ts';
import { es } from '../web/src/i18n/es.ts';
import { pt } from '../web/src/i18n/pt.ts';
import { bearer } from './support/api.ts';
import { payPalHarness } from './support/paypal-harness.ts';
import { holdViews } from './support/paypal-holds.ts';

// Tuesday 10 March 2026, 17:00 UTC
const h = await payPalHarness({ clientId: 'AeA1QIZXiflr1_cobro_accept', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_accept_test_secret',
  webhookId: '7KH86294D6297924J', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal } = h;
const { paying, completesOnce } = holdViews(h);
after(() => h.close());

interface TaskRow { id: string; kind: string; priority: string; status: string; note: string; due_date: string; case_id: string; outcome: string | null; completed_by: string | null }
const tasks = (customerId: string) => t.db.query<TaskRow>(
  `SELECT id, kind, priority, status, note, due_date::text AS due_date, case_id, outcome, completed_by FROM tasks
   WHERE org_id = $1 AND customer_id = $2 AND idempotency_key LIKE 'paypal-accept:%' ORDER BY created_at, id`, [t.org, customerId]);
const get = async <T>(url: string): Promise<T> => {
  const r = await t.app.inject({ method: 'GET', url, headers: bearer(t.keys.admin) });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as T;
};
const today = () => h.now().toISOString().slice(0, 10);
const speaks = (language: string) => t.db.query('UPDATE orgs SET default_language = $2 WHERE id = $1', [t.org, language]);
const holdUntil = async (capture: string) => (await t.db.query<{ d: string }>(
  `SELECT hold_until::text AS d FROM agent_claims WHERE org_id = $1 AND payment_ref = $2 AND source = 'debit'`, [t.org, capture]))[0]!.d;

describe('a PayPal capture pending until the merchant acts in PayPal', () => {
  it('opens one task saying to accept it in PayPal, with the amount and the wait\'s end, on the worklist and the case; completed, it is done', async () => {
    await speaks('en');
    const o = await paying(45_00, { pending: 'RECEIVING_PREFERENCE_MANDATES_MANUAL_ACTION' });
    assert.equal((await h.deliver(paypal.capturePending(o.capture))).status, 200, 'the webhook again');
    const check = await checkGateways({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, new Date(h.now().getTime() - CHECK_LOOKBACK_MS), h.now());
    assert.deepEqual(check.errors, []);
    assert.ok(paypal.capturesRead.includes(o.capture), 'the nightly check read the capture too');
    const until = await holdUntil(o.capture);
    assert.equal(until, '2026-04-10');
    const [task, ...more] = await tasks(o.customer);
    assert.equal(more.length, 0, 'one task for the capture');
    assert.deepEqual([task!.kind, task!.priority, task!.status, task!.due_date], ['review', 'high', 'open', today()], 'due at once');
    assert.equal(task!.note, `PayPal holds a payment of 45.00 USD from this customer (capture ${o.capture}, payment link ${o.link}) until you act in PayPal `
      + '(RECEIVING_PREFERENCE_MANDATES_MANUAL_ACTION). Accept the payment in PayPal: your receiving preferences (such as payments in a currency your account '
      + 'does not hold) ask you to accept it by hand (Activity, the payment, Accept). PayPal cancels a payment not accepted within 30 days and returns it to '
      + `the payer; reminders are held until PayPal completes or cancels it, at most until ${until}.`);
    const list = await get<{ data: { id: string; case_id: string; note: string | null }[] }>(`/v1/worklist?date=${today()}`);
    assert.deepEqual(list.data.filter((w) => w.id === task!.id).map((w) => [w.case_id, w.note]), [[task!.case_id, task!.note]], 'on the worklist with its case and words');
    const inCase = await get<{ data: { id: string }[] }>(`/v1/tasks?case_id=${task!.case_id}&status=open`);
    assert.ok(inCase.data.some((x) => x.id === task!.id), 'in the case view');
    const story = await get<{ timeline: { kind: string; reason: string; data: Record<string, unknown> }[] }>(`/v1/cases/${o.customer}`);
    const entries = story.timeline.filter((e) => e.kind === 'payment_accept_requested');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.reason, task!.note);
    const web = { id: 'e', at: '', step_id: null, idempotency_key: null, ...entries[0]! };
    assert.equal(acceptText(web, translator(en), 'en-US'), `PayPal holds $45.00 (capture ${o.capture}) until the merchant acts there: accept the payment in PayPal `
      + '(its receiving preferences, such as a currency the account does not hold, ask for it by hand); review task opened, due today. Reminders held at most until Apr 10, 2026.');
    assert.equal(acceptText(web, translator(es), 'es-MX'), `PayPal retiene USD\u00a045.00 (captura ${o.capture}) hasta que el comercio actúe allí: aceptar el pago en PayPal `
      + '(sus preferencias de recepción, como una moneda que la cuenta no tiene, piden hacerlo a mano); tarea de revisión abierta, vence hoy. '
      + 'Recordatorios en pausa como mucho hasta el 10 abr 2026.');
    assert.match(acceptText(web, translator(pt), 'pt-BR')!, new RegExp(`^O PayPal retém US\\$\\s45,00 \\(captura ${o.capture}\\) até que o lojista aja lá: aceitar o pagamento no PayPal .* no máximo até 10 de abr\\.? de 2026\\.$`));

    h.later(60);
    await completesOnce(o, 45_00);
    const [done] = await tasks(o.customer);
    assert.deepEqual([done!.status, done!.outcome, done!.completed_by], ['done', `PayPal completed the payment (capture ${o.capture}): it is recorded`, 'gateway:paypal']);
  });

  it('writes it in the org\'s language: Spanish, set up PayPal to receive it; declined, the task is done and says so', async () => {
    await speaks('es');
    const o = await paying(30_00, { pending: 'UNILATERAL' });
    const [task] = await tasks(o.customer);
    assert.match(task!.note, new RegExp(`^PayPal retiene un pago de 30\\.00 USD de este cliente \\(captura ${o.capture}, enlace de pago ${o.link}\\) hasta que usted actúe en PayPal \\(UNILATERAL\\)\\. `
      + 'Prepare PayPal para recibirlo: .* como mucho hasta el \\d+ de abril de 2026\\.$'));
    h.later(24 * 60);
    const declined = paypal.declinePending(o.capture);
    assert.equal((await h.deliver(declined)).status, 200);
    assert.equal((await h.deliver(declined)).status, 200);
    const [done, ...more] = await tasks(o.customer);
    assert.equal(more.length, 0);
    assert.deepEqual([done!.status, done!.outcome], ['done', `PayPal no completó el pago (captura ${o.capture}): lo rechazó o lo denegó; los recordatorios se reanudan`]);
    // pending again after the decline (a late or repeated PENDING): the hold is over, nothing is asked again
    assert.equal((await h.deliver(paypal.capturePending(o.capture))).status, 200);
    assert.deepEqual((await tasks(o.customer)).map((x) => x.status), ['done']);
  });

  it('in Portuguese, verify the account; once the wait runs out the task is done saying so', async () => {
    await speaks('pt-BR');
    const o = await paying(20_00, { pending: 'VERIFICATION_REQUIRED' });
    const until = await holdUntil(o.capture);
    const [task] = await tasks(o.customer);
    assert.match(task!.note, /^O PayPal retém um pagamento de 20,00 USD deste cliente .*\(VERIFICATION_REQUIRED\)\. Verifique sua conta PayPal: /);
    h.later(32 * 24 * 60);
    await t.db.transaction((tx) => settleClaims(tx, t.org, h.now()));
    const [done] = await tasks(o.customer);
    assert.equal(done!.status, 'done');
    assert.match(done!.outcome ?? '', new RegExp(`^O PayPal não havia concluído o pagamento \\(captura ${o.capture}\\) até ${Number(until.slice(8))} de abril de 2026: a espera terminou`));
  });

  it('asks nothing of the merchant for a payment PayPal itself reviews', async () => {
    await speaks('en');
    const o = await paying(10_00, { pending: 'PENDING_REVIEW' });
    assert.deepEqual(await tasks(o.customer), []);
  });
});
