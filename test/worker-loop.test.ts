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
