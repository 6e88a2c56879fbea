// An Adyen dispute on the worklist, from its standard webhook notifications signed as Adyen signs them: the notification of
// chargeback opens one high-priority review task due that day naming the defence deadline (defensePeriodEndsAt) and the
// reason code, the money still kept; the CHARGEBACK debits it and brings the same task's note up to date; the defence sent
// changes nothing; CHARGEBACK_REVERSED gives the money back and completes the task won; a SECOND_CHARGEBACK takes it again
// and is recorded. Repeats and notifications out of order come to the same; a request for information and a fraud notice
// open a task that says no money is taken.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { testDb } from './support/db.ts';
import { bearer } from './support/api.ts';
import { keptPayments, reviewTasks } from './support/dispute-views.ts';
import { disputeText } from '../web/src/cases/disputeText.ts';
import { translator } from '../web/src/i18n/translate.ts';
import { en } from '../web/src/i18n/en.ts';
import { pt } from '../web/src/i18n/pt.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeAdyen, type AdyenDisputeEvent, type AdyenItem, type FakeAdyen } from './support/providers/adyen.ts';

const HMAC = 'B1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F91';
let clock = new Date('2026-03-10T17:00:00Z');
const later = (days: number) => { clock = new Date(clock.getTime() + days * 86_400_000); };
let db: Db;
let app: FastifyInstance;
let adyen: FakeAdyen;
let org = '';
let collector = '';
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock });
  adyen = await fakeAdyen({ apiKey: 'AQEyhmfxKo3NaRFGw0m_dispute_key_01', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC, now: () => clock });
  org = (await createOrg(db, { name: 'Adyen disputes', country: 'ES', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Madrid' })).id;
  await adyen.connect(db, org);
  collector = (await createApiKey(db, org, 'collector')).secret;
});
after(async () => { await adyen.close(); await app.close(); await db.close(); });

const deliver = async (...items: AdyenItem[]) => deliverTo(org, ...items);
const deliverTo = async (within: string, ...items: AdyenItem[]) => {
  const r = await app.inject({ method: 'POST', url: `/webhooks/adyen/${within}`, payload: adyen.notification(items), headers: { 'content-type': 'application/json' } });
  assert.equal(r.body, '[accepted]');
};
const tasks = (customerId: string) => reviewTasks(app, collector, customerId);
const kept = (customerId: string) => keptPayments(db, org, customerId);
const timeline = async (customerId: string) => {
  const r = await app.inject({ method: 'GET', url: `/v1/cases/${customerId}`, headers: bearer(collector) });
  return (r.json() as { timeline: { kind: string; reason: string; data: Record<string, unknown> }[] }).timeline;
};
const audits = async (action: string, customerId: string) => db.query<{ data: Record<string, unknown> }>(
  'SELECT data FROM audit_log WHERE org_id = $1 AND action = $2 AND entity_id = $3 ORDER BY at', [org, action, customerId]);

/** A customer who paid 70.00 EUR through an Adyen link (overdue, so the case is open), and a dispute's notifications on it. */
async function paid(email: string, within = org, key = collector) {
  const c = await aCustomer(db, within, { email, country: 'ES', timezone: 'Europe/Madrid' });
  await anInvoice(db, within, { customer_id: c.id, currency: 'EUR', amount: 70_00, due_date: '2026-02-01' });
  await replanCase(db, within, c.id, clock);
  const r = await app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(key), payload: { customer_id: c.id } });
  assert.equal(r.statusCode, 201, r.body);
  const link = [...adyen.links.values()].find((l) => l.reference === (r.json() as { id: string }).id)!;
  const pay = adyen.pay(String(link.id));
  await deliverTo(within, pay);
  const psp = String(pay.pspReference);
  const disputePsp = `D${psp}`;
  return { customerId: c.id, psp, disputePsp, event: (code: AdyenDisputeEvent, extra?: Record<string, string>) => adyen.dispute(psp, code, 70_00, 'EUR', disputePsp, extra) };
}

describe('an Adyen dispute on the worklist', () => {
  it('opens one task on the notification of chargeback, debits on CHARGEBACK with the same task updated, completes it won on CHARGEBACK_REVERSED', async () => {
    const p = await paid('defensa@cliente.example');
    const notice = p.event('NOTIFICATION_OF_CHARGEBACK');
    await deliver(notice);
    await deliver(notice);
    const [task, ...more] = await tasks(p.customerId);
    assert.equal(more.length, 0);
    assert.deepEqual([task!.priority, task!.status, task!.due_date], ['high', 'open', '2026-03-10']);
    assert.match(task!.note, new RegExp(`^Chargeback at Adyen, dispute ${p.disputePsp}: 70.00 EUR in dispute on payment ${p.psp} \\(70.00 EUR\\), not taken yet`));
    assert.match(task!.note, /Reason: Fraudulent transaction \(visa 10\.4\)\./);
    assert.match(task!.note, /Evidence due at Adyen by 2026-03-30T17:00:00.000Z/);
    assert.equal(await kept(p.customerId), 70_00, 'the defence period takes no money');

    later(1);
    await deliver(p.event('CHARGEBACK'));
    assert.equal(await kept(p.customerId), 0, 'debited');
    const [updated, ...none] = await tasks(p.customerId);
    assert.equal(none.length, 0);
    assert.equal(updated!.id, task!.id);
    assert.match(updated!.note, /70.00 EUR held \(payment reversed, the rest kept\)/);
    assert.equal((await audits('gateway.dispute_escalated', p.customerId)).length, 1);
    // the notification again, late, and the defence sent: nothing changes
    await deliver(notice, p.event('INFORMATION_SUPPLIED'));
    assert.equal(await kept(p.customerId), 0);
    assert.equal((await tasks(p.customerId)).length, 1);
    assert.equal((await audits('gateway.dispute_escalated', p.customerId)).length, 1);

    later(20);
    const reversed = p.event('CHARGEBACK_REVERSED');
    await deliver(reversed);
    await deliver(reversed);
    assert.equal(await kept(p.customerId), 70_00);
    const [done] = await tasks(p.customerId);
    assert.deepEqual([done!.id, done!.status, done!.outcome], [task!.id, 'done', `won at Adyen: the money held on payment ${p.psp} is recorded again`]);
    assert.equal((await audits('gateway.dispute_closed', p.customerId)).length, 1);

    // the issuer presents a second chargeback: the money goes again, the timeline and audit log say so
    later(10);
    await deliver(p.event('SECOND_CHARGEBACK'));
    assert.equal(await kept(p.customerId), 0);
    const story = await timeline(p.customerId);
    assert.deepEqual(story.filter((e) => e.kind.startsWith('payment_dispute_')).map((e) => [e.kind, e.data.status ?? e.data.kind]),
      [['payment_dispute_opened', 'chargeback'], ['payment_dispute_escalated', 'chargeback'], ['payment_dispute_closed', 'won'], ['payment_dispute_closed', 'lost']]);
    assert.ok(story.some((e) => e.reason.includes(`lost at Adyen: 70.00 EUR on payment ${p.psp} stays reversed`)), JSON.stringify(story));
  });

  it('comes to the same end from notifications delivered out of order in one batch', async () => {
    const p = await paid('desorden@cliente.example');
    const notice = p.event('NOTIFICATION_OF_CHARGEBACK');
    later(1);
    const chargeback = p.event('CHARGEBACK');
    later(1);
    // the chargeback first, then the notification that came before it: one task, the money debited once
    await deliver(chargeback, notice, chargeback);
    const [task, ...more] = await tasks(p.customerId);
    assert.equal(more.length, 0);
    assert.match(task!.note, /70.00 EUR held/);
    assert.equal(await kept(p.customerId), 0);
    assert.equal((await audits('gateway.dispute_escalated', p.customerId)).length, 0);
    // lost before the reversal's report: a late reversal with an older date changes nothing, nor a repeat
    later(5);
    const reversal = p.event('CHARGEBACK_REVERSED');
    later(1);
    await deliver(p.event('PREARBITRATION_LOST'), reversal);
    assert.equal(await kept(p.customerId), 0);
    const [done] = await tasks(p.customerId);
    assert.deepEqual([done!.status, done!.outcome], ['done', `lost at Adyen: 70.00 EUR on payment ${p.psp} stays reversed`]);
  });

  it('opens a task saying no money is taken for a request for information and for a fraud notice', async () => {
    const rfi = await paid('rfi@cliente.example');
    await deliver(rfi.event('REQUEST_FOR_INFORMATION', { rfiReasonCode: '33', rfiSchemeCode: 'visa' }));
    const [asked] = await tasks(rfi.customerId);
    assert.match(asked!.note, new RegExp(`^Inquiry at Adyen, dispute ${rfi.disputePsp}: 70.00 EUR questioned, no money held`));
    assert.match(asked!.note, /\(visa 33\)\. Answer due at Adyen by .*: answer there before then or it may become a chargeback\./);
    assert.equal(await kept(rfi.customerId), 70_00);
    const fraud = await paid('nof@cliente.example');
    await deliver(fraud.event('NOTIFICATION_OF_FRAUD', { nofReasonCode: '6', nofSchemeCode: 'visa' }));
    const [reported] = await tasks(fraud.customerId);
    assert.match(reported!.note, new RegExp(`^Fraud notice at Adyen, ${fraud.disputePsp}: the card's issuer reported payment ${fraud.psp} \\(70.00 EUR\\) as fraud; no money taken`));
    assert.equal(await kept(fraud.customerId), 70_00);
  });

  it('writes the task and the timeline in the org\'s language, amounts as its locale writes them', async () => {
    const es = (await createOrg(db, { name: 'Disputas', country: 'ES', defaultCurrency: 'EUR', defaultLanguage: 'es', defaultTimezone: 'Europe/Madrid' })).id;
    await adyen.connect(db, es);
    const key = (await createApiKey(db, es, 'collector')).secret;
    const p = await paid('es@cliente.example', es, key);
    await deliverTo(es, p.event('NOTIFICATION_OF_CHARGEBACK'));
    const [task] = await reviewTasks(app, key, p.customerId);
    assert.match(task!.note, new RegExp(`^Contracargo en Adyen, disputa ${p.disputePsp}: 70,00 EUR en disputa en el pago ${p.psp} \\(70,00 EUR\\), aún no descontados`));
    assert.match(task!.note, /Motivo: Fraudulent transaction \(visa 10\.4\)\. Pruebas a presentar en Adyen antes del \d+ de [a-z]+ de 2026\D+\d\d:00 \(Europe\/Madrid\)/);
    later(1);
    await deliverTo(es, p.event('CHARGEBACK', { disputeStatus: 'Accepted' }));
    const [done] = await reviewTasks(app, key, p.customerId);
    assert.deepEqual([done!.status, done!.outcome], ['done', `perdida en Adyen: 70,00 EUR del pago ${p.psp} quedan revertidos`]);
    const r = await app.inject({ method: 'GET', url: `/v1/cases/${p.customerId}`, headers: bearer(key) });
    const story = (r.json() as { timeline: { kind: string; reason: string; data: Record<string, unknown> }[] }).timeline;
    const opened = story.find((e) => e.kind === 'payment_dispute_opened')!;
    assert.deepEqual([opened.data.kind, opened.data.money_held, opened.data.payments], ['chargeback', false, [{ payment_ref: p.psp, amount: 70_00, currency: 'EUR' }]]);
    assert.match(story.find((e) => e.kind === 'payment_dispute_closed')!.reason, /^Disputa D\d+ de Adyen perdida en Adyen: .*; tarea de revisión tsk_\w+ completada$/);
    // the web writes both in the reader's language from their data, whatever the org's; an entry without that data keeps the server's sentence
    const entry = (kind: string) => ({ id: 'e', at: '', step_id: null, idempotency_key: null, ...story.find((e) => e.kind === kind)! });
    assert.match(disputeText(entry('payment_dispute_opened'), translator(en), 'en-US')!,
      new RegExp(`^Chargeback at Adyen, dispute ${p.disputePsp}: €70\\.00 in dispute on ${p.psp} \\(€70\\.00\\), not taken yet\\. Reason: Fraudulent transaction \\(visa 10\\.4\\)\\. Answer at Adyen by `));
    assert.equal(disputeText(entry('payment_dispute_closed'), translator(pt), 'pt-BR'),
      `Disputa ${p.disputePsp} em Adyen perdida: € 70,00 do pagamento ${p.psp} continuam estornados. Tarefa de revisão concluída.`.replace(/ 70/, '\u00a070'));
    assert.equal(disputeText({ ...entry('payment_dispute_opened'), data: { provider: 'adyen', dispute_id: 'D1' } }, translator(en), 'en-US'), null);
  });
});
