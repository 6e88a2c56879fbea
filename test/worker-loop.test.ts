import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import type { Db } from '../src/db/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { listMessages } from '../src/worker/index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

const silent = { info: () => {}, error: (o: object) => { throw Object.assign(new Error('worker round failed'), o); } };
const round = (now: Date) => workOnce({ db, now: () => now, messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' }, log: silent });

describe('the worker loop, from the ledger to the debtor', () => {
  it('opens a case, plans the step of the day and sends it through the gate to the sandbox, once', async () => {
    const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'compras@norte.example', language: 'es' });
    await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 250_000, issue_date: '2026-02-05', due_date: '2026-03-07' });
    await round(new Date('2026-03-10T17:00:00Z')); // Tuesday 11:00 in Mexico City: three days past due
    const sent = await listMessages(db, org, { customerId: c.id });
    assert.ok(sent.length >= 1, 'a message went out');
    assert.ok(sent.every((m) => m.status === 'delivered' && m.provider === 'sandbox'), JSON.stringify(sent.map((m) => [m.channel, m.status, m.reason])));
    await round(new Date('2026-03-10T17:05:00Z'));
    assert.equal((await listMessages(db, org, { customerId: c.id })).length, sent.length, 'the next round sends nothing more');
  });

  it('sends nothing to a customer who paid before the step\'s day', async () => {
    const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'pago@sur.example', language: 'es' });
    await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 100_000, issue_date: '2026-02-05', due_date: '2026-03-07' });
    await aPayment(db, org, { customer_id: c.id, amount: 100_000, currency: 'MXN', date: '2026-03-09' });
    await round(new Date('2026-03-10T17:00:00Z'));
    assert.equal((await listMessages(db, org, { customerId: c.id })).length, 0);
  });
});

describe('the worker loop scores open invoices once a day when asked to', () => {
  it('scores the org\'s open invoices in its first round of a day, and not again that day', async () => {
    const own = await testOrg(db, 'Scored');
    const c = await aCustomer(db, own, { country: 'MX', timezone: 'America/Mexico_City', email: 'riesgo@centro.example', language: 'es' });
    await anInvoice(db, own, { customer_id: c.id, currency: 'MXN', amount: 90_000, issue_date: '2026-02-05', due_date: '2026-03-07' });
    const scored = async (now: Date, scoring: boolean) => {
      await workOnce({ db, now: () => now, scoring, messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' }, log: silent });
      return db.query<{ as_of: string }>('SELECT as_of::text AS as_of FROM score_runs WHERE org_id = $1 ORDER BY as_of', [own]);
    };
    assert.deepEqual(await scored(new Date('2026-03-10T17:00:00Z'), false), [], 'off: no scores');
    const first = await scored(new Date('2026-03-10T18:00:00Z'), true);
    assert.deepEqual(first.map((r) => r.as_of), ['2026-03-10']);
    assert.deepEqual((await scored(new Date('2026-03-10T19:00:00Z'), true)).length, 1, 'once a day');
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM scores WHERE org_id = $1', [own]);
    assert.ok(row!.n >= 1, 'the open invoice has a score');
  });
});
