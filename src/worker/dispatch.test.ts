import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice, aPayment } from '../../test/support/factories.ts';
import { smtpSink, readMail, type SmtpSink } from '../../test/support/providers/smtp.ts';
import type { Db } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { smtpAdapter, type SmtpAdapter } from '../channels/index.ts';
import { suppress } from '../compliance/index.ts';
import { dispatchOnce, sandboxAdapters, type AdapterSet } from './index.ts';

let db: Db;
let org: string;
let sink: SmtpSink;
let smtp: SmtpAdapter;
let adapters: AdapterSet;
before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Ferretería Luna');
  sink = await smtpSink({ 'gone@example.mx': 550, 'busy@example.mx': 451 });
  smtp = smtpAdapter({ host: '127.0.0.1', port: sink.port, from: 'Cobranza <cobranza@luna.example>' });
  adapters = { ...sandboxAdapters(), email: smtp };
});
after(async () => { smtp.close(); await sink.close(); await db.close(); });

// Tuesday 10 March 2026, 17:00 UTC: 11:00 in Mexico City
const morning = new Date('2026-03-10T17:00:00Z');
const deps = (now: Date) => ({ db, adapters, now: () => now, publicUrl: 'https://cobro.example' });

/** A customer in Mexico owing two invoices, and a planned email action listing both, as the engine writes it. */
async function plannedEmail(email: string, over: { status?: string; scheduledFor?: string } = {}) {
  const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email, language: 'es' });
  const a = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 150_000, due_date: '2026-02-01' });
  const b = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 80_050, due_date: '2026-02-20' });
  const id = newId('action');
  await db.query(
    `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
       template, tone, scheduled_for, status, reason, invoice_ids, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,'smb-default',1,'after-3',1,'send',$6,'overdue-formal','formal',$7,$8,'test',$9,$10,$10)`,
    [id, org, `case_${id}`, c.id, `k/${id}`, ['email'], over.scheduledFor ?? '2026-03-10', over.status ?? 'planned', [a.id, b.id], morning]);
  return { customer: c, actionId: id };
}

const message = async (actionId: string) =>
  (await db.query<{ status: string; reason: string | null; next_attempt_at: string; attempts: number }>(
    'SELECT status, reason, next_attempt_at, attempts FROM messages WHERE action_id = $1', [actionId]))[0];

describe('the dispatcher', () => {
  it('sends a planned email through SMTP in the debtor\'s language, listing every invoice, once', async () => {
    const { actionId } = await plannedEmail('ana@example.mx');
    const before = sink.messages.length;
    const r = await dispatchOnce(deps(morning));
    assert.equal(r.sent, 1);
    assert.equal(sink.messages.length, before + 1);
    const mail = readMail(sink.messages.at(-1)!.raw);
    assert.match(mail.headers.get('list-unsubscribe') ?? '', /https:\/\/cobro\.example\/u\//);
    assert.match(mail.text, /\$1,500\.00|1\.500,00|1,500\.00/);
    assert.match(mail.text, /INV-/);
    assert.equal((await message(actionId))?.status, 'sent');
    const again = await dispatchOnce(deps(new Date(morning.getTime() + 60_000)));
    assert.equal(again.sent, 0);
    assert.equal(sink.messages.length, before + 1, 'a second pass sends nothing');
  });

  it('sends nothing after the customer paid: the gate re-checks at send time', async () => {
    const { customer, actionId } = await plannedEmail('paid@example.mx');
    await aPayment(db, org, { customer_id: customer.id, amount: 230_050, currency: 'MXN', date: '2026-03-09' });
    const before = sink.messages.length;
    await dispatchOnce(deps(morning));
    assert.equal(sink.messages.length, before);
    const m = await message(actionId);
    assert.equal(m?.status, 'blocked');
    assert.match(m?.reason ?? '', /DEBT_SETTLED/);
  });

  it('sends nothing after an opt-out', async () => {
    const { customer, actionId } = await plannedEmail('stop@example.mx');
    await suppress(db, org, 'test', customer.id, { scope: 'channel', channel: 'email', reason: 'asked', source: 'api' }, morning);
    await dispatchOnce(deps(morning));
    assert.match((await message(actionId))?.reason ?? '', /OPTED_OUT/);
  });

  it('waits for the debtor\'s morning when the day comes at night, then sends', async () => {
    const { actionId } = await plannedEmail('night@example.mx');
    const night = new Date('2026-03-10T05:30:00Z'); // 23:30 on the 9th in Mexico City: the action's day has not come
    await dispatchOnce(deps(night));
    assert.equal(await message(actionId), undefined);
    const lateEvening = new Date('2026-03-11T05:30:00Z'); // 23:30 on the 10th: its day, outside the hours
    await dispatchOnce(deps(lateEvening));
    const deferred = await message(actionId);
    assert.equal(deferred?.status, 'deferred');
    await dispatchOnce(deps(new Date(deferred!.next_attempt_at)));
    assert.equal((await message(actionId))?.status, 'sent');
  });

  it('retries a temporary failure later and stops on a hard bounce, marking the address', async () => {
    const busy = await plannedEmail('busy@example.mx');
    const gone = await plannedEmail('gone@example.mx');
    await dispatchOnce(deps(morning));
    const b = await message(busy.actionId);
    assert.equal(b?.status, 'deferred');
    assert.ok(new Date(b!.next_attempt_at).getTime() > morning.getTime());
    assert.equal((await message(gone.actionId))?.status, 'failed');
    const sup = await db.query('SELECT 1 FROM suppressions WHERE customer_id = $1 AND address = $2', [gone.customer.id, 'gone@example.mx']);
    assert.equal(sup.length, 1);
  });

  it('cancels the message of a cancelled action', async () => {
    const { actionId } = await plannedEmail('cancel@example.mx');
    await dispatchOnce(deps(new Date('2026-03-10T05:00:00Z'))); // not yet its day
    await db.query(`UPDATE actions SET status = 'cancelled' WHERE id = $1`, [actionId]);
    await dispatchOnce(deps(morning));
    assert.equal(await message(actionId), undefined, 'a cancelled action is never queued');
  });

  it('after a crash between send and record, sends again only where the provider deduplicates', async () => {
    const { actionId } = await plannedEmail('crash@example.mx');
    await db.query(
      `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, tone, status, attempts, next_attempt_at, created_at, updated_at, handed_at)
       SELECT 'msg_crash', org_id, id, customer_id, 'email', template, tone, 'sending', 1, $2, $2, $2, $2 FROM actions WHERE id = $1`, [actionId, morning]);
    const before = sink.messages.length;
    await dispatchOnce(deps(new Date(morning.getTime() + 10 * 60_000)));
    assert.equal(sink.messages.length, before, 'SMTP cannot deduplicate: not sent twice');
    assert.equal((await message(actionId))?.status, 'uncertain');
  });

  it('after a crash before the message was handed to the provider, gates it again and sends it once', async () => {
    const { actionId } = await plannedEmail('early-crash@example.mx');
    await db.query(
      `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, tone, status, attempts, next_attempt_at, created_at, updated_at)
       SELECT 'msg_early_crash', org_id, id, customer_id, 'email', template, tone, 'sending', 1, $2, $2, $2 FROM actions WHERE id = $1`, [actionId, morning]);
    const before = sink.messages.length;
    await dispatchOnce(deps(new Date(morning.getTime() + 10 * 60_000)));
    assert.equal(sink.messages.length, before + 1);
    const m = await message(actionId);
    assert.deepEqual([m?.status, m?.attempts], ['sent', 2]);
  });
});
