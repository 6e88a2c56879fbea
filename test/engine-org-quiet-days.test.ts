// The org's own quiet days (Settings > Calendars) close the engine's business days as the country's holidays do: a step
// falling on one is planned for the next business day, by the tick and by the simulation alike.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let t: TestApi;
let now = new Date('2026-03-10T15:00:00Z');
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

const send = (method: 'POST' | 'PUT', url: string, payload: unknown) => t.app.inject({ method, url, payload: payload as object, headers: bearer(t.keys.admin) });

describe('the org\'s quiet days in the engine', () => {
  it('moves a step that falls on one to the next business day, in the simulation and the tick', async () => {
    const c = await send('POST', '/v1/customers', { name: 'Ferretería Roble', email: 'roble@example.mx', country: 'MX', timezone: 'America/Mexico_City' });
    assert.equal(c.statusCode, 201, c.body);
    const id = c.json().id as string;
    // Wednesday 11 March is due day; the org closes that day
    assert.equal((await send('POST', '/v1/invoices', { customer_id: id, number: 'R-1', currency: 'MXN', amount: 40_000, issue_date: '2026-02-01', due_date: '2026-03-11' })).statusCode, 201);
    const dueDay = async () => {
      const r = await send('POST', '/v1/simulations', { from: '2026-03-01', to: '2026-03-31', strategy_id: 'smb-default' });
      assert.equal(r.statusCode, 200, r.body);
      return (r.json() as { actions: { date: string; step_id: string }[] }).actions.filter((a) => a.step_id === 'due-day').map((a) => a.date);
    };
    assert.deepEqual(await dueDay(), ['2026-03-11'], 'a business day before the org closes it');
    const h = await send('POST', '/v1/calendars/org-holidays', { date: '2026-03-11', name: 'Aniversario de la empresa' });
    assert.equal(h.statusCode, 201, h.body);
    assert.deepEqual(await dueDay(), ['2026-03-12'], 'the next business day once the org closes the 11th');

    const tickOn = async (at: string) => {
      now = new Date(at);
      const r = await send('POST', '/v1/ticks', {});
      assert.equal(r.statusCode, 200, r.body);
      return t.db.query<{ step_id: string; scheduled_for: string }>(
        `SELECT step_id, scheduled_for::text AS scheduled_for FROM actions WHERE org_id = $1 AND customer_id = $2 AND status <> 'cancelled' ORDER BY scheduled_for`, [t.org, id]);
    };
    const on11 = await tickOn('2026-03-11T16:00:00Z');
    assert.deepEqual(on11.filter((a) => a.scheduled_for === '2026-03-11'), [], 'nothing planned for the quiet day');
    const on12 = await tickOn('2026-03-12T16:00:00Z');
    assert.deepEqual(on12.filter((a) => a.step_id === 'due-day').map((a) => a.scheduled_for), ['2026-03-12']);
  });
});
