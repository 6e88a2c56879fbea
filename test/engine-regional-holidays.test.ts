// A region's own holidays close the engine's business days for that region's customers only: São Paulo's 9 July moves a
// due-day step to the 10th for a customer in BR-SP, by the tick and by the simulation, while one in Rio keeps the 9th.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let t: TestApi;
let now = new Date('2026-07-01T15:00:00Z');
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

const send = (method: 'POST', url: string, payload: unknown) => t.app.inject({ method, url, payload: payload as object, headers: bearer(t.keys.admin) });

async function debtor(name: string, region: string, number: string): Promise<string> {
  const c = await send('POST', '/v1/customers', { name, email: `${number.toLowerCase()}@example.com.br`, country: 'BR', region, timezone: 'America/Sao_Paulo' });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  // due Thursday 9 July 2026: São Paulo's Revolução Constitucionalista, an open day in Rio
  const i = await send('POST', '/v1/invoices', { customer_id: id, number, currency: 'BRL', amount: 90_000, issue_date: '2026-06-01', due_date: '2026-07-09' });
  assert.equal(i.statusCode, 201, i.body);
  return id;
}

describe('regional holidays in the engine', () => {
  it('plans the due-day step off 9 July for a customer in São Paulo and on it for one in Rio de Janeiro', async () => {
    const sp = await debtor('Padaria Bela Vista', 'BR-SP', 'SP-1');
    const rj = await debtor('Padaria Copacabana', 'RJ', 'RJ-1');
    const r = await send('POST', '/v1/simulations', { from: '2026-07-01', to: '2026-07-20', strategy_id: 'smb-default' });
    assert.equal(r.statusCode, 200, r.body);
    const simulated = (r.json() as { actions: { date: string; step_id: string; customer_id: string }[] }).actions
      .filter((a) => a.step_id === 'due-day').map((a) => [a.customer_id, a.date]).sort();
    assert.deepEqual(simulated, [[sp, '2026-07-10'], [rj, '2026-07-09']].sort());

    now = new Date('2026-07-09T16:00:00Z');
    assert.equal((await send('POST', '/v1/ticks', {})).statusCode, 200);
    now = new Date('2026-07-10T16:00:00Z');
    assert.equal((await send('POST', '/v1/ticks', {})).statusCode, 200);
    const planned = await t.db.query<{ customer_id: string; scheduled_for: string }>(
      `SELECT customer_id, scheduled_for::text AS scheduled_for FROM actions WHERE org_id = $1 AND step_id = 'due-day' AND status <> 'cancelled'
       ORDER BY customer_id`, [t.org]);
    assert.deepEqual(planned.map((a) => [a.customer_id, a.scheduled_for]).sort(), [[sp, '2026-07-10'], [rj, '2026-07-09']].sort());
  });
});
