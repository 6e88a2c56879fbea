// A history whose lifts are known, for the learned lifts' API and CLI tests: on day d0, 40 customers 29 days past due
// on 1,000.00 were called by a person (30 tasks worked, 10 calls logged on no task), 16 of them paid at least half within
// 14 days (40%); 60 like them no one acted on, 12 paid half (20%): lift (0.4 - 0.2) / (1 - 0.2) = 0.25. Around them, what
// must not count: a payment below half, one a day after the window, a task closed by a payment (not a person), a customer
// acted on later in the window (no comparison), five negotiations (not enough data), and another org's calls.
import type { Queryable } from '../../src/db/index.ts';
import { addDays, type CalendarDate } from '../../src/domain/dates.ts';
import { aCustomer, anInvoice, aPayment } from './factories.ts';

let seq = 0;

async function owing(q: Queryable, org: string, d0: CalendarDate) {
  const c = await aCustomer(q, org);
  await anInvoice(q, org, { customer_id: c.id, amount: 100_000, issue_date: addDays(d0, -60), due_date: addDays(d0, -29) });
  return c.id;
}

async function task(q: Queryable, org: string, customer: string, kind: string, at: string, done: { by: string } | null, worked: boolean) {
  seq += 1;
  await q.query(`INSERT INTO tasks (id, org_id, case_id, customer_id, action_key, idempotency_key, kind, priority, status, due_date, created_at, worked_at, completed_at, completed_by)
    VALUES ($1, $2, $3, $4, $5, $5, $6, 'normal', $7, $8::timestamptz::date, $8, $9, $10, $11)`,
  [`tsk_seed${seq}`, org, `cas_seed${seq}`, customer, `seed:${seq}`, kind, done ? 'done' : 'open', at, worked ? at : null, done ? at : null, done?.by ?? null]);
}

async function loggedCall(q: Queryable, org: string, customer: string, at: string) {
  seq += 1;
  await q.query(`INSERT INTO cases (id, org_id, customer_id, opened_at) VALUES ($1, $2, $3, $4)`, [`cas_seedcall${seq}`, org, customer, at]);
  await q.query(`INSERT INTO case_events (id, org_id, case_id, at, kind, reason, data) VALUES ($1, $2, $3, $4, 'call_logged', 'call: right party', $5)`,
    [`cev_seed${seq}`, org, `cas_seedcall${seq}`, at, JSON.stringify({ outcome: 'right_party', task_id: null })]);
}

export async function seedLiftHistory(q: Queryable, org: string, otherOrg: string, d0: CalendarDate): Promise<void> {
  const at = `${d0}T10:00:00Z`;
  for (let i = 0; i < 40; i++) {
    const c = await owing(q, org, d0);
    if (i < 30) await task(q, org, c, 'call', at, { by: 'user:usr_seed' }, true);
    else await loggedCall(q, org, c, at);
    if (i < 16) await aPayment(q, org, { customer_id: c, amount: 60_000, date: addDays(d0, i % 14) });
  }
  for (let i = 0; i < 60; i++) {
    const c = await owing(q, org, d0);
    if (i < 12) await aPayment(q, org, { customer_id: c, amount: 50_000, date: addDays(d0, 1 + (i % 13)) });
    if (i === 12) await aPayment(q, org, { customer_id: c, amount: 40_000, date: addDays(d0, 2) });
    if (i === 13) await aPayment(q, org, { customer_id: c, amount: 100_000, date: addDays(d0, 14) });
    if (i === 14) await task(q, org, c, 'call', at, { by: 'system:paid' }, false);
  }
  const later = await owing(q, org, d0);
  await task(q, org, later, 'call', `${addDays(d0, 5)}T10:00:00Z`, null, true);
  await aPayment(q, org, { customer_id: later, amount: 100_000, date: addDays(d0, 6) });
  for (let i = 0; i < 5; i++) await task(q, org, await owing(q, org, d0), 'negotiate', at, { by: 'cli' }, false);
  for (let i = 0; i < 10; i++) {
    const c = await owing(q, otherOrg, d0);
    await task(q, otherOrg, c, 'call', at, { by: 'user:usr_other' }, true);
    await aPayment(q, otherOrg, { customer_id: c, amount: 100_000, date: d0 });
  }
}
