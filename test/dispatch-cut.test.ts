// A database cut in the middle of a dispatch batch (found by the fault suite's PostgreSQL restarts): the pass fails, and
// no sender of that batch goes on sending after it has returned; the sends gated before the cut do not outlive the round.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import type { Db, Queryable } from '../src/db/index.ts';
import { newId } from '../src/domain/ids.ts';
import { dispatchOnce, sandboxAdapters, type AdapterSet } from '../src/worker/index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db, 'Papelería Corte'); });
after(async () => { await db.close(); });

const morning = new Date('2026-03-10T17:00:00Z'); // 11:00 in Mexico City

it('a write failing mid-batch stops every sender before the pass returns', async () => {
  for (let i = 0; i < 8; i++) {
    const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: `corte${i}@example.mx`, language: 'es' });
    const inv = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 90_000, due_date: '2026-02-01' });
    const id = newId('action');
    await db.query(
      `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
         template, tone, scheduled_for, status, reason, invoice_ids, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,'smb-default',1,'after-3',1,'send',$6,'overdue-formal','formal','2026-03-10','planned','test',$7,$8,$8)`,
      [id, org, `case_${id}`, c.id, `k/${id}`, ['email'], [inv.id], morning]);
  }
  // the first send is quick, the second slow: the quick sender's record-and-hand write fails while the other is mid-send
  const sandbox = sandboxAdapters();
  const sends: number[] = [];
  let n = 0;
  const adapters: AdapterSet = { ...sandbox, email: { ...sandbox.email, send: async (m, o) => {
    await new Promise((r) => setTimeout(r, n++ % 2 === 0 ? 10 : 80));
    sends.push(performance.now());
    return sandbox.email.send(m, o);
  } } };
  let cut = false;
  const cutting = (q: Queryable): Queryable => ({ copyCsv: (t, c, csv) => q.copyCsv(t, c, csv), query: (sql, params) => {
    if (!cut && sql.includes('WITH sent AS')) { cut = true; return Promise.reject(new Error('Connection terminated unexpectedly')); }
    return q.query(sql, params);
  } });
  const failing: Db = { ...db, ...cutting(db), transaction: (fn) => db.transaction((tx) => fn(cutting(tx))), exec: (s) => db.exec(s), close: () => db.close() };
  await assert.rejects(dispatchOnce({ db: failing, adapters, now: () => morning, publicUrl: 'https://cobro.example', concurrency: 2 }), /Connection terminated/);
  const returned = performance.now();
  const sentBy = sends.length;
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(cut, 'the cut happened');
  assert.equal(sends.filter((t) => t > returned).length, 0, `no send after the pass returned (${sentBy} before, ${sends.length} in all)`);
  assert.ok(sentBy < 8, `the senders stopped taking messages after the cut (${sentBy} of 8 sent)`);
});
