// The engine's own timeline entries in the web's three languages: worded from the code and values their data carries (the
// tick records them beside the English sentence, which stays as it was), and the stored English sentence for an entry
// written before those were recorded.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction } from '../src/db/index.ts';
import { runTick, syncCases } from '../src/engine/index.ts';
import { createPromise } from '../src/payments/index.ts';
import { engineText } from '../web/src/cases/engineText.ts';
import type { CaseEvent } from '../web/src/cases/types.ts';
import { date, money } from '../web/src/app/format.ts';
import { translator } from '../web/src/i18n/translate.ts';
import { en } from '../web/src/i18n/en.ts';
import { es } from '../web/src/i18n/es.ts';
import { pt } from '../web/src/i18n/pt.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';

const ES = translator(es);
const PT = translator(pt);
const EN = translator(en);
const ev = (kind: string, data: Record<string, unknown>, step_id: string | null = 'reminder-1', reason = 'the server\'s English'): CaseEvent =>
  ({ id: 'evt_1', at: '2026-03-02T13:00:00Z', kind, step_id, idempotency_key: null, reason, data });

describe('engineText', () => {
  it('words each code of the engine in Spanish and Portuguese, keeping step, segment and strategy ids as they are', () => {
    assert.equal(engineText(ev('action_skipped', { skip: 'superseded', by: 'final-notice' }), ES, 'es-MX'),
      'reminder-1 omitido: final-notice vence el mismo día o después');
    assert.equal(engineText(ev('action_skipped', { skip: 'condition_failed' }), PT, 'pt-BR'), 'reminder-1 ignorado: a condição não é atendida');
    assert.equal(engineText(ev('action_cancelled', { code: 'superseded', cycle: 3 }), ES, 'es-MX'), 'reminder-1: empezó el ciclo 3');
    assert.equal(engineText(ev('action_cancelled', { code: 'paid' }), PT, 'pt-BR'), 'reminder-1: sem saldo em aberto');
    assert.equal(engineText(ev('case_closed', { code: 'paid' }, null), ES, 'es-MX'), 'sin saldo pendiente');
    assert.equal(engineText(ev('stopped', { code: 'opted_out', channels: ['email', 'sms'] }, null), ES, 'es-MX'),
      'se dio de baja en todos los canales (Correo, SMS)'.replace('Correo', ES('channel.email')));
    assert.equal(engineText(ev('stopped', { code: 'disputed', dispute_id: null }, null), PT, 'pt-BR'), 'todas as faturas em aberto estão contestadas');
    assert.equal(engineText(ev('stopped', { code: 'plan_current', plan_id: 'pln_1', next_due: '2026-04-01' }, null), ES, 'es-MX'),
      `el plan pln_1 está al día; la próxima cuota vence el ${date('2026-04-01', 'es-MX')}`);
    assert.equal(engineText(ev('cycle_started', { cycle: 2, due: '2026-03-02' }, null), PT, 'pt-BR'),
      `a fatura em aberto mais antiga agora vence em ${date('2026-03-02', 'pt-BR')}: começa o ciclo 2`);
    assert.equal(engineText(ev('segment_assigned', { segment_id: 'seg_a', segment_name: 'Always pays', strategy_id: 'gentle', rule: 1, rules: 3, active: false }, null), ES, 'es-MX'),
      'segmento "Always pays" (regla 1 de 3); pero la estrategia gentle no está activa');
    assert.equal(engineText(ev('segment_unassigned', { checked: 2 }, null), PT, 'pt-BR'), 'nenhum segmento correspondeu (2 verificados)');
    assert.equal(engineText(ev('charge_applied', { charge: 'late_fee', invoice: 'F-1', amount: 2_500, currency: 'MXN' }), ES, 'es-MX'),
      `Recargo por mora de ${money(2_500, 'MXN', 'es-MX')} en la factura F-1`);
    assert.equal(engineText(ev('action_planned', { scheduled_for: '2026-03-02', channels: ['whatsapp'] }), PT, 'pt-BR'),
      `reminder-1, para ${date('2026-03-02', 'pt-BR')} · WhatsApp`);
  });

  it('gives null, so the stored English sentence shows, for an entry with no code or a code it does not know', () => {
    for (const kind of ['action_skipped', 'action_cancelled', 'stopped', 'case_closed', 'cycle_started', 'segment_assigned', 'segment_unassigned', 'charge_applied']) {
      assert.equal(engineText(ev(kind, {}), ES, 'es-MX'), null, kind);
    }
    assert.equal(engineText(ev('stopped', { code: 'something_new' }, null), ES, 'es-MX'), null);
    assert.equal(engineText(ev('note_added', { code: 'paid' }), ES, 'es-MX'), null, 'not the engine\'s');
  });
});

describe('the engine\'s entries through GET /v1/cases/{id}', () => {
  const NY = (local: string) => new Date(`${local}-05:00`);
  let t: TestApi;
  before(async () => { t = await testApi(() => NY('2026-03-06T12:00')); });
  after(async () => { await t.close(); });

  it('carry their code and values beside the unchanged English sentence, and read in Spanish from them', async () => {
    const c = await aCustomer(t.db, t.org, { email: 'ap@example.com', country: 'US', timezone: 'America/New_York' });
    await anInvoice(t.db, t.org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 40_000 });
    await syncCases(t.db, t.org, NY('2026-03-02T08:00'));
    await runTick(t.db, { orgId: t.org, now: NY('2026-03-02T08:00') });
    const p = await inTransaction(t.db, (tx) => createPromise(tx, t.org, 'user:usr_c', { customerId: c.id, amount: 40_000, currency: 'USD',
      dueDate: '2026-03-09', source: 'collector', channel: 'email' }, NY('2026-03-02T15:00')));
    assert.ok(p.ok, JSON.stringify(p));
    await runTick(t.db, { orgId: t.org, now: NY('2026-03-03T08:00') });

    const res = await t.app.inject({ method: 'GET', url: `/v1/cases/${c.id}`, headers: bearer(t.keys.viewer) });
    assert.equal(res.statusCode, 200, res.body);
    const timeline = (res.json() as { timeline: CaseEvent[] }).timeline;
    const stopped = timeline.find((e) => e.kind === 'stopped');
    assert.ok(stopped, timeline.map((e) => `${e.kind}: ${e.reason}`).join('\n'));
    // the date the engine holds to (the promise's, its grace days added)
    const due = /^promise_active: promise \w+ to pay 400\.00 USD by (\d{4}-\d\d-\d\d)$/.exec(stopped.reason)?.[1];
    assert.ok(due && due >= '2026-03-09', stopped.reason);
    assert.deepEqual(stopped.data, { code: 'promise_active', promise_id: p.value.id, amount: 40_000, currency: 'USD', due_date: due });
    assert.equal(engineText(stopped, ES, 'es-MX'), `promesa ${p.value.id} de pagar ${money(40_000, 'USD', 'es-MX')} a más tardar el ${date(due, 'es-MX')}`);
    assert.equal(engineText(stopped, EN, 'en-US'), `promise ${p.value.id} to pay $400.00 by ${date(due, 'en-US')}`);

    const planned = timeline.find((e) => e.kind === 'action_planned');
    assert.ok(planned?.step_id);
    assert.match(engineText(planned, ES, 'es-MX') ?? '', new RegExp(`^${planned.step_id}, para el `));
    const cancelled = timeline.find((e) => e.kind === 'action_cancelled');
    assert.ok(cancelled, timeline.map((e) => e.kind).join(', '));
    assert.match(cancelled.reason, /^promise_active: promise /);
    assert.equal(cancelled.data.code, 'promise_active');
    assert.match(engineText(cancelled, PT, 'pt-BR') ?? '', new RegExp(`^${cancelled.step_id}: promessa ${p.value.id} de pagar `));
  });
});
