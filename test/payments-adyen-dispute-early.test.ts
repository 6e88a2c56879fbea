// Adyen dispute notifications that arrive before the payment they are about, and the ways a dispute ends without a
// chargeback: the merchantReference a notification carries (cobro's link id) or one of its modificationMerchantReferences
// names the customer, so the review task opens at once; ISSUER_RESPONSE_TIMEFRAME_EXPIRED settles the dispute in the
// merchant's favour (the task completed in the org's language, nothing debited); a fraud notice no chargeback followed is
// completed once the schemes' 120 days have passed. Every order of the notifications and the payment comes to one task
// and one record of each stage, the money kept.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { gatewayRound } from '../src/payments/index.ts';
import { testDb } from './support/db.ts';
import { bearer } from './support/api.ts';
import { keptPayments, reviewTasks } from './support/dispute-views.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { disputeText } from '../web/src/cases/disputeText.ts';
import { translator } from '../web/src/i18n/translate.ts';
import { en } from '../web/src/i18n/en.ts';
import { es } from '../web/src/i18n/es.ts';
import { pt } from '../web/src/i18n/pt.ts';
import { fakeAdyen, signItem, type AdyenDisputeEvent, type AdyenItem, type FakeAdyen } from './support/providers/adyen.ts';

const HMAC = 'C1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F92';
let clock = new Date('2026-04-06T09:00:00Z');
const later = (minutes: number) => { clock = new Date(clock.getTime() + minutes * 60_000); };
let db: Db;
let app: FastifyInstance;
let adyen: FakeAdyen;
let org = '';
let key = '';
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock });
  adyen = await fakeAdyen({ apiKey: 'AQEyhmfxKo3NaRFGw0m_early_key_01', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC, now: () => clock });
  org = (await createOrg(db, { name: 'Adyen early disputes', country: 'ES', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Madrid' })).id;
  await adyen.connect(db, org);
  key = (await createApiKey(db, org, 'collector')).secret;
});
after(async () => { await adyen.close(); await app.close(); await db.close(); });

const deliverTo = async (within: string, ...items: AdyenItem[]) => {
  const r = await app.inject({ method: 'POST', url: `/webhooks/adyen/${within}`, payload: adyen.notification(items), headers: { 'content-type': 'application/json' } });
  assert.equal(r.body, '[accepted]');
};
const caseEntries = async (customerId: string, k = key) => {
  const r = await app.inject({ method: 'GET', url: `/v1/cases/${customerId}`, headers: bearer(k) });
  return (r.json() as { timeline: { kind: string; reason: string; data: Record<string, unknown> }[] }).timeline.filter((e) => e.kind.startsWith('payment_dispute_'));
};

/** A customer owing 70.00 EUR with an Adyen link, the payment's AUTHORISATION made but not delivered, and its dispute's notifications. */
async function unpaid(email: string, within = org, k = key) {
  const c = await aCustomer(db, within, { email, country: 'ES', timezone: 'Europe/Madrid' });
  const invoice = await anInvoice(db, within, { customer_id: c.id, currency: 'EUR', amount: 70_00, due_date: '2026-03-01' });
  await replanCase(db, within, c.id, clock);
  const r = await app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(k), payload: { customer_id: c.id } });
  assert.equal(r.statusCode, 201, r.body);
  const linkId = (r.json() as { id: string }).id;
  const link = [...adyen.links.values()].find((l) => l.reference === linkId)!;
  const pay = adyen.pay(String(link.id));
  const psp = String(pay.pspReference);
  const disputePsp = `D${psp}`;
  return { customerId: c.id, invoiceNumber: invoice.number, linkId, pay, psp, disputePsp,
    event: (code: AdyenDisputeEvent, extra?: Record<string, string>) => adyen.dispute(psp, code, 70_00, 'EUR', disputePsp, extra) };
}

/** The same notification as Adyen would send it with another merchantReference (signed again). */
const withReference = (item: AdyenItem, merchantReference: string) => signItem({ ...item, merchantReference }, HMAC);

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('Adyen disputes before their payment, and ended without a chargeback', () => {
  it('opens the review task at once when the notification comes before the payment, then applies it once the payment is recorded', async () => {
    const p = await unpaid('antes@cliente.example');
    await deliverTo(org, p.event('NOTIFICATION_OF_CHARGEBACK'));
    const [task, ...more] = await reviewTasks(app, key, p.customerId);
    assert.equal(more.length, 0);
    assert.equal(task?.status, 'open', 'the task opens without waiting for the payment');
    assert.match(task!.note, new RegExp(`^Chargeback at Adyen, dispute ${p.disputePsp}: 70.00 EUR in dispute on payment ${p.psp} \\(70.00 EUR\\), not taken yet`));
    assert.deepEqual((await caseEntries(p.customerId)).map((e) => [e.kind, e.data.before_payment]), [['payment_dispute_opened', true]]);
    later(5);
    await deliverTo(org, p.pay);
    assert.equal(await keptPayments(db, org, p.customerId), 70_00, 'recorded, nothing taken yet');
    const after = await reviewTasks(app, key, p.customerId);
    assert.deepEqual(after.map((t) => [t.id, t.status]), [[task!.id, 'open']]);
    assert.equal((await caseEntries(p.customerId)).length, 1, 'the notification applied again opens nothing twice');
    later(5);
    await deliverTo(org, p.event('CHARGEBACK'));
    assert.equal(await keptPayments(db, org, p.customerId), 0);
  });

  it('finds the customer by a modificationMerchantReferences entry (a link id or an invoice number) when merchantReference names nothing', async () => {
    const byLink = await unpaid('modref@cliente.example');
    await deliverTo(org, withReference(byLink.event('REQUEST_FOR_INFORMATION', { modificationMerchantReferences: `capture-1, ${byLink.linkId}` }), 'shop-order-77'));
    assert.match((await reviewTasks(app, key, byLink.customerId))[0]?.note ?? '', /^Inquiry at Adyen/);
    const byInvoice = await unpaid('factura@cliente.example');
    await deliverTo(org, withReference(byInvoice.event('NOTIFICATION_OF_FRAUD', { modificationMerchantReferences: byInvoice.invoiceNumber }), ''));
    assert.match((await reviewTasks(app, key, byInvoice.customerId))[0]?.note ?? '', /^Fraud notice at Adyen/);
    const nobody = await unpaid('nadie@cliente.example');
    await deliverTo(org, withReference(nobody.event('NOTIFICATION_OF_CHARGEBACK'), 'not-ours'));
    assert.equal((await reviewTasks(app, key, nobody.customerId)).length, 0, 'no reference of the org: it waits for the payment as before');
  });

  it('completes the task in the merchant\'s favour on ISSUER_RESPONSE_TIMEFRAME_EXPIRED, nothing debited, in the org\'s language', async () => {
    const p = await unpaid('plazo@cliente.example');
    await deliverTo(org, p.pay);
    await deliverTo(org, p.event('NOTIFICATION_OF_CHARGEBACK'));
    later(60);
    await deliverTo(org, p.event('ISSUER_RESPONSE_TIMEFRAME_EXPIRED'));
    assert.equal(await keptPayments(db, org, p.customerId), 70_00);
    const [done] = await reviewTasks(app, key, p.customerId);
    assert.deepEqual([done?.status, done?.outcome],
      ['done', `settled in the merchant's favour at Adyen: the card's issuer did not respond in time; nothing was debited from payment ${p.psp}`]);
    const closed = (await caseEntries(p.customerId)).filter((e) => e.kind === 'payment_dispute_closed');
    assert.deepEqual(closed.map((e) => [e.data.status, e.data.settled_by, e.data.money_held]), [['won', 'issuer_timeout', false]]);
    // the web's case view says the issuer's silence settled it, in the reader's language, not a won defence
    const entry = { id: 'e', at: '', step_id: null, idempotency_key: null, ...closed[0]! };
    const web = (words: typeof en, locale: string, held = false) =>
      disputeText({ ...entry, data: { ...entry.data, money_held: held } }, translator(words), locale);
    assert.equal(web(en, 'en-US'), `Dispute ${p.disputePsp} at Adyen settled in the merchant's favour: the card's issuer did not respond in time; `
      + `nothing was debited from payment ${p.psp}. Review task done.`);
    assert.equal(web(es, 'es-ES'), `Disputa ${p.disputePsp} en Adyen resuelta a favor del comercio: el emisor de la tarjeta no respondió a tiempo; `
      + `no se descontó nada del pago ${p.psp}. Tarea de revisión completada.`);
    assert.equal(web(pt, 'pt-BR'), `Disputa ${p.disputePsp} em Adyen resolvida a favor do lojista: o emissor do cartão não respondeu no prazo; `
      + `nada foi debitado do pagamento ${p.psp}. Tarefa de revisão concluída.`);
    assert.match(web(en, 'en-US', true)!, /issuer did not respond in time; the money held on payment \d+ is recorded again\./);
    assert.match(web(pt, 'pt-BR', true)!, /não respondeu no prazo; o valor retido do pagamento \d+ é registrado de novo\./);
    assert.match(web(es, 'es-ES', true)!, /no respondió a tiempo; el dinero retenido del pago \d+ se registra de nuevo\./);

    for (const [language, words] of [['es', /^resuelta a favor del comercio en Adyen: el emisor de la tarjeta no respondió a tiempo; no se descontó nada del pago \d+$/],
      ['pt', /^resolvida a favor do lojista em Adyen: o emissor do cartão não respondeu no prazo; nada foi debitado do pagamento \d+$/]] as const) {
      const other = (await createOrg(db, { name: `Plazo ${language}`, country: 'ES', defaultCurrency: 'EUR', defaultLanguage: language, defaultTimezone: 'Europe/Madrid' })).id;
      await adyen.connect(db, other);
      const k = (await createApiKey(db, other, 'collector')).secret;
      const q = await unpaid(`plazo-${language}@cliente.example`, other, k);
      await deliverTo(other, q.pay);
      await deliverTo(other, q.event('REQUEST_FOR_INFORMATION'));
      later(60);
      await deliverTo(other, q.event('ISSUER_RESPONSE_TIMEFRAME_EXPIRED'));
      const [t] = await reviewTasks(app, k, q.customerId);
      assert.equal(t?.status, 'done');
      assert.match(t!.outcome!, words);
      assert.ok((await caseEntries(q.customerId, k)).some((e) => e.kind === 'payment_dispute_closed' && e.reason.includes(t!.outcome!)), 'the timeline in the org\'s language');
    }
  });

  it('comes to one task, one record of each stage and the money kept, whatever the order of the payment and the notifications', async () => {
    const orders = permutations([0, 1, 2, 3]);
    for (const order of orders) {
      const p = await unpaid(`orden-${order.join('')}@cliente.example`);
      const notice = p.event('NOTIFICATION_OF_CHARGEBACK');
      later(1);
      const chargeback = p.event('CHARGEBACK');
      later(1);
      const expired = p.event('ISSUER_RESPONSE_TIMEFRAME_EXPIRED');
      const items = [p.pay, notice, chargeback, expired];
      for (const i of order) { later(1); await deliverTo(org, items[i]!); }
      const label = order.map((i) => ['pay', 'notice', 'chargeback', 'expired'][i]).join(',');
      assert.equal(await keptPayments(db, org, p.customerId), 70_00, label);
      const tasks = await reviewTasks(app, key, p.customerId);
      const entries = await caseEntries(p.customerId);
      const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
      // the dispute's end seen before any of its open stages: nothing is opened, as when the payment came first
      const endFirst = order.indexOf(3) < Math.min(order.indexOf(1), order.indexOf(2));
      if (endFirst) {
        assert.deepEqual([tasks.length, entries.length], [0, 0], label);
        continue;
      }
      assert.equal(tasks.length, 1, label);
      assert.equal(tasks[0]!.status, 'done', label);
      assert.match(tasks[0]!.outcome!, /^settled in the merchant's favour at Adyen: the card's issuer did not respond in time; /, label);
      assert.deepEqual([count('payment_dispute_opened'), count('payment_dispute_closed')], [1, 1], `${label}: ${JSON.stringify(entries.map((e) => e.kind))}`);
      assert.ok(count('payment_dispute_escalated') <= 1, label);
      // the task opened on the first open stage delivered, paid or not
      const waitedForPayment = entries.find((e) => e.kind === 'payment_dispute_opened')!.data.before_payment === true;
      assert.equal(waitedForPayment, order.indexOf(0) > Math.min(order.indexOf(1), order.indexOf(2)), label);
    }
  });

  it('completes a fraud notice no chargeback followed once the schemes\' 120 days from the payment have passed', async () => {
    const start = clock;
    const p = await unpaid('fraude@cliente.example');
    await deliverTo(org, p.pay);
    await deliverTo(org, p.event('NOTIFICATION_OF_FRAUD', { nofReasonCode: '6', nofSchemeCode: 'visa' }));
    const charged = await unpaid('fraude-cb@cliente.example');
    await deliverTo(org, charged.pay);
    await deliverTo(org, charged.event('NOTIFICATION_OF_FRAUD'));
    later(10);
    await deliverTo(org, charged.event('CHARGEBACK'));
    clock = new Date(start.getTime() + 119 * 86_400_000);
    await gatewayRound({ db, publicUrl: 'https://cobro.example' }, org, clock);
    assert.equal((await reviewTasks(app, key, p.customerId))[0]?.status, 'open', 'within the window');
    clock = new Date(start.getTime() + 121 * 86_400_000);
    const round = await gatewayRound({ db, publicUrl: 'https://cobro.example' }, org, clock);
    const [done] = await reviewTasks(app, key, p.customerId);
    assert.deepEqual(round?.fraudNotices.completed, [done!.id]);
    assert.equal(done!.status, 'done');
    const ends = new Date(start.getTime() + 120 * 86_400_000).toISOString();
    assert.equal(done!.outcome, `no chargeback came at Adyen on payment ${p.psp} within the 120 days the card schemes allow for a fraud chargeback (until ${ends}): closed, nothing was debited`);
    assert.equal(await keptPayments(db, org, p.customerId), 70_00);
    assert.ok((await caseEntries(p.customerId)).some((e) => e.kind === 'payment_dispute_closed' && e.data.status === 'lapsed'));
    assert.equal((await reviewTasks(app, key, charged.customerId))[0]?.status, 'open', 'a chargeback came: a person answers it');
    const again = await gatewayRound({ db, publicUrl: 'https://cobro.example' }, org, clock);
    assert.deepEqual(again?.fraudNotices.completed, []);
  });
});
