// A small portfolio whose KPIs for March 2026 are worked out by hand in test/kpi.test.ts: four customers, five USD invoices
// and one EUR invoice with partial payments, credit notes, a fee, a write-off and a reversed payment; messages with costs,
// a reply and promises. Built through the ledger's functions; messages, replies and promises are written as rows.
import type { Queryable } from '../../src/db/index.ts';
import { applyAdjustment, reversePayment, type NewAdjustment } from '../../src/ledger/index.ts';
import { aCustomer, anInvoice, aPayment } from './factories.ts';

export interface KpiPortfolio { a: string; b: string; c: string; d: string }

async function adjust(q: Queryable, org: string, a: NewAdjustment): Promise<void> {
  const r = await applyAdjustment(q, org, 'test', a);
  if (!r.ok) throw new Error(r.error.message);
}

export async function seedKpiPortfolio(q: Queryable, org: string): Promise<KpiPortfolio> {
  const [a, b, c, d] = [await aCustomer(q, org), await aCustomer(q, org), await aCustomer(q, org), await aCustomer(q, org)];
  const i1 = await anInvoice(q, org, { customer_id: a.id, amount: 100_000, issue_date: '2026-01-10', due_date: '2026-02-09' });
  const i2 = await anInvoice(q, org, { customer_id: a.id, amount: 60_000, issue_date: '2026-02-15', due_date: '2026-03-17' });
  const i3 = await anInvoice(q, org, { customer_id: b.id, amount: 200_000, issue_date: '2026-03-05', due_date: '2026-04-04' });
  const i4 = await anInvoice(q, org, { customer_id: b.id, amount: 50_000, issue_date: '2025-12-01', due_date: '2025-12-31' });
  await anInvoice(q, org, { customer_id: c.id, amount: 30_000, issue_date: '2026-03-20', due_date: '2026-04-19' });
  const e1 = await anInvoice(q, org, { customer_id: c.id, currency: 'EUR', amount: 80_000, issue_date: '2026-02-01', due_date: '2026-03-03' });
  const pay = (customer: string, invoice: string, amount: number, date: string, currency = 'USD') =>
    aPayment(q, org, { customer_id: customer, amount, date, currency, allocations: [{ invoice_id: invoice, amount }] });
  await pay(a.id, i1.id, 40_000, '2026-02-20');
  await adjust(q, org, { invoice_id: i1.id, kind: 'credit_note', amount: 10_000, date: '2026-03-05' });
  await pay(a.id, i1.id, 30_000, '2026-03-10');
  await pay(a.id, i2.id, 60_000, '2026-03-25');
  const bounced = await pay(b.id, i3.id, 50_000, '2026-03-12');
  const reversed = await reversePayment(q, org, 'test', bounced.id, 'returned by the bank');
  if (!reversed.ok) throw new Error(reversed.error.message);
  // the reversal happened on 20 March (the ledger stamps the real clock; the figures need a fixed day)
  await q.query(`UPDATE payments SET reversed_at = '2026-03-20T12:00:00Z' WHERE id = $1`, [bounced.id]);
  await q.query(`UPDATE allocations SET reversed_at = '2026-03-20T12:00:00Z' WHERE payment_id = $1`, [bounced.id]);
  await adjust(q, org, { invoice_id: i3.id, kind: 'credit_note', amount: 20_000, date: '2026-03-28' });
  await adjust(q, org, { invoice_id: i4.id, kind: 'late_fee', amount: 2_500, date: '2026-03-15' });
  await adjust(q, org, { invoice_id: i4.id, kind: 'write_off', amount: 10_000, date: '2026-03-30' });
  await pay(c.id, e1.id, 30_000, '2026-03-15', 'EUR');
  await seedContacts(q, org, { a: a.id, b: b.id, c: c.id, d: d.id });
  return { a: a.id, b: b.id, c: c.id, d: d.id };
}

type Msg = [id: string, customer: string, channel: string, step: string, template: string, sentAt: string, status: string, costMicros: number];

async function seedContacts(q: Queryable, org: string, p: KpiPortfolio): Promise<void> {
  const messages: Msg[] = [
    ['m1', p.a, 'email', 'due-soon', 'reminder-1', '2026-03-08T10:00:00Z', 'delivered', 1_000],
    ['m2', p.a, 'sms', 'overdue-7', 'overdue-1', '2026-03-09T15:00:00Z', 'delivered', 50_000],
    ['m3', p.b, 'sms', 'overdue-7', 'overdue-1', '2026-03-10T15:00:00Z', 'failed', 50_000],
    ['m4', p.b, 'voice', 'call', 'call-1', '2026-03-11T16:00:00Z', 'delivered', 100_000],
    ['m5', p.c, 'email', 'due-soon', 'reminder-1', '2026-03-02T10:00:00Z', 'sent', 1_000],
    ['m6', p.a, 'whatsapp', 'overdue-7', 'overdue-1', '2026-03-22T09:00:00Z', 'read', 20_000],
    ['m7', p.b, 'email', 'due-soon', 'reminder-1', '2026-02-20T10:00:00Z', 'delivered', 1_000],
    ['m8', p.a, 'email', 'due-soon', 'reminder-1', '2026-03-10T08:00:00Z', 'bounced', 1_000],
    ['m9', p.d, 'sms', 'overdue-7', 'overdue-1', '2026-03-12T15:00:00Z', 'failed', 50_000],
  ];
  for (const [id, customer, channel, step, template, sentAt, status, cost] of messages) {
    await q.query(
      `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
         template, scheduled_for, status, reason, created_at, updated_at)
       VALUES ($1, $2, 'case_' || $3, $3, $1 || '-key', 'smb-default', 1, $4, 1, 'message', ARRAY[$5], $6, $7::timestamptz::date, 'sent', 'due', $7, $7)`,
      [`act_${org}_${id}`, org, customer, step, channel, template, sentAt]);
    await q.query(
      `INSERT INTO messages (id, org_id, action_id, customer_id, channel, template, status, next_attempt_at, created_at, updated_at, sent_at,
         cost_micros, cost_currency)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8, $8, $9, 'USD')`,
      [`msg_${org}_${id}`, org, `act_${org}_${id}`, customer, channel, template, status, sentAt, cost]);
  }
  await q.query(
    `INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
     VALUES ($1, $2, $3, 'email', 'email', 'r1', 'c@example.com', 'I will pay on the 16th', '2026-03-03T09:00:00Z', '2026-03-03T09:00:00Z')`,
    [`inb_${org}_r1`, org, p.c]);
  // [id, customer, amount, currency, made on, due, status, paid, created at, evaluated at]
  const promises: [string, string, number, string, string, string, string, number | null, string, string | null][] = [
    ['p1', p.a, 30_000, 'USD', '2026-03-09', '2026-03-12', 'kept', 30_000, '2026-03-09T15:30:00Z', '2026-03-13T06:00:00Z'],
    ['p2', p.b, 50_000, 'USD', '2026-02-25', '2026-03-14', 'broken', 0, '2026-02-25T12:00:00Z', '2026-03-15T06:00:00Z'],
    ['p3', p.c, 40_000, 'EUR', '2026-03-03', '2026-03-16', 'partly_kept', 30_000, '2026-03-03T09:05:00Z', '2026-03-17T06:00:00Z'],
    ['p4', p.a, 10_000, 'USD', '2026-03-25', '2026-03-30', 'kept', 10_000, '2026-03-25T10:00:00Z', '2026-04-01T06:00:00Z'],
    ['p5', p.b, 20_000, 'USD', '2026-02-20', '2026-03-10', 'replaced', null, '2026-02-20T12:00:00Z', null],
    ['p6', p.a, 5_000, 'USD', '2026-03-28', '2026-04-05', 'pending', null, '2026-03-28T10:00:00Z', null],
  ];
  for (const [id, customer, amount, currency, madeOn, due, status, paid, createdAt, evaluatedAt] of promises) {
    await q.query(
      `INSERT INTO promises (id, org_id, customer_id, amount, currency, made_on, due_date, grace_days, source, actor, status, paid, created_at, evaluated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 'collector', 'test', $8, $9, $10, $11)`,
      [`prm_${org}_${id}`, org, customer, amount, currency, madeOn, due, status, paid, createdAt, evaluatedAt]);
  }
}
