// A CSV import of payments re-plans its customers' cases in the import's own transaction, as a payment recorded through
// the API does: a customer paid in full has the case closed and the planned reminders cancelled before the import
// answers; one paid in part stays open and planned; a customer not in the file is untouched; a rejected file changes
// nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let t: TestApi;
before(async () => { t = await testApi(() => new Date('2026-03-16T15:00:00Z')); });
after(async () => { await t.close(); });

const send = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: bearer(t.keys.admin) });
const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: bearer(t.keys.admin) })).json();

/**
 * A New York customer owing one USD invoice of 500.00, three days late: the API's re-plan opens its case with the
 * strategy's after-3 reminder planned for today (not yet sent).
 */
async function owing(name: string) {
  const c = await send('/v1/customers', { name, email: `${name.toLowerCase()}@example.com`, country: 'US', timezone: 'America/New_York' });
  assert.equal(c.statusCode, 201, c.body);
  const i = await send('/v1/invoices', { customer_id: c.json().id, number: `${name}-1`, currency: 'USD', amount: 50_000, issue_date: '2026-02-01', due_date: '2026-03-13' });
  assert.equal(i.statusCode, 201, i.body);
  return { id: c.json().id as string, external: c.json().external_id as string };
}

async function caseOf(customerId: string) {
  const [c] = (await get(`/v1/cases?customer_id=${customerId}`)).data;
  const pending = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM actions WHERE org_id = $1 AND case_id = $2 AND status = 'planned'`, [t.org, c.id]);
  return { status: c.status as string, next: c.next_action_at as string | null, planned: pending[0]!.n };
}

function importPayments(csv: string) {
  const b = 'cobro-import-replan';
  const payload = [`--${b}`, 'Content-Disposition: form-data; name="kind"', '', 'payments', `--${b}`,
    'Content-Disposition: form-data; name="file"; filename="payments.csv"', 'Content-Type: text/csv', '', csv, `--${b}--`, ''].join('\r\n');
  return t.app.inject({ method: 'POST', url: '/v1/imports', payload, headers: { ...bearer(t.keys.admin), 'content-type': `multipart/form-data; boundary=${b}` } });
}

describe('an import of payments', () => {
  it('closes the case of a customer it pays in full and cancels the reminders planned, in the import', async () => {
    const full = await owing('Saldado');
    const part = await owing('Parcial');
    const other = await owing('Ajeno');
    for (const c of [full, part, other]) assert.ok((await caseOf(c.id)).planned > 0, 'a reminder is planned before the import');
    const r = await importPayments(`customer_external_id,amount,currency,date\n${full.external},500.00,USD,2026-03-16\n${part.external},200.00,USD,2026-03-16\n`);
    assert.deepEqual([r.statusCode, r.json().inserted], [200, 2], r.body);
    assert.deepEqual(await caseOf(full.id), { status: 'closed', next: null, planned: 0 });
    const partly = await caseOf(part.id);
    assert.equal(partly.status, 'open');
    assert.ok(partly.planned > 0, 'still owing 300.00: the sequence goes on');
    assert.ok((await caseOf(other.id)).planned > 0, 'a customer not in the file is untouched');
    const timeline = await get(`/v1/cases/${(await get(`/v1/cases?customer_id=${full.id}`)).data[0].id}`);
    assert.ok(JSON.stringify(timeline).includes('cancel'), 'the cancelled reminder is on the case');
  });

  it('changes nothing when the file is rejected', async () => {
    const c = await owing('Rechazado');
    const r = await importPayments(`customer_external_id,amount,currency,date\n${c.external},500.00,USD,2026-03-16\nNO-SUCH-CUSTOMER,10.00,USD,2026-03-16\n`);
    assert.equal(r.statusCode, 422, r.body);
    assert.equal((await get(`/v1/invoices/Rechazado-1`)).balance, 50_000);
    const after = await caseOf(c.id);
    assert.equal(after.status, 'open');
    assert.ok(after.planned > 0);
  });
});
