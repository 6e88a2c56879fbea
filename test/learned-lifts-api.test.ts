// The lifts learned from the org's history through the API on a real database (PGlite, and PostgreSQL with DATABASE_URL):
// a history whose call lift is 0.25 (test/support/learned-lifts-seed.ts), read by any role, applied by managers and
// admins only (audited), the lifts without enough data left as they were.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { seedLiftHistory } from './support/learned-lifts-seed.ts';
import { actionOf, ACTIONS } from '../src/tasks/index.ts';
import { ACTION_OF_SQL } from '../src/tasks/value.ts';

const d0 = '2026-03-02';
// 14 days after d0: the last day whose 14-day window has passed is d0
const clock = new Date('2026-03-16T12:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => clock); await seedLiftHistory(t.db, t.org, t.otherOrg, d0); });
after(async () => { await t.close(); });

interface Lift { action: string; status: string; actions: number; matched: number; comparisons: number; paid_after_action: number | null;
  paid_without_action: number | null; lift: number | null; low: number | null; high: number | null; current: number }

const learned = (key: string, query = `?since=${d0}`) => t.app.inject({ method: 'GET', url: `/v1/worklist/settings/learned${query}`, headers: bearer(key) });

describe('learned lifts', () => {
  it('estimates the call lift from the history, matched, with its interval; the rest not enough data', async () => {
    const r = await learned(t.keys.viewer);
    assert.equal(r.statusCode, 200, r.body);
    const b = r.json() as { since: string; until: string; days: number; share: number; basis: string; note: string; comparison_days: number; lifts: Lift[]; minutes: { recorded: boolean } };
    assert.deepEqual([b.since, b.until, b.days, b.share, b.basis, b.comparison_days, b.minutes.recorded], [d0, d0, 14, 0.5, 'observational', 60, false]);
    assert.match(b.note, /not randomised/);
    const call = b.lifts.find((l) => l.action === 'call')!;
    assert.deepEqual([call.status, call.actions, call.matched, call.comparisons, call.paid_after_action, call.paid_without_action, call.lift, call.current],
      ['estimated', 40, 40, 60, 0.4, 0.2, 0.25, 0.1]);
    assert.ok(call.low! < 0.25 && call.high! > 0.25 && call.low! >= 0 && call.high! <= 1, `${call.low}-${call.high}`);
    const negotiate = b.lifts.find((l) => l.action === 'negotiate')!;
    assert.deepEqual([negotiate.status, negotiate.actions, negotiate.paid_after_action, negotiate.lift], ['not_enough_data', 5, 0, null]);
    assert.deepEqual(b.lifts.map((l) => l.action), [...ACTIONS]);
    // a 30% share: the customer who paid 40% now counts as paying
    const lower = (await learned(t.keys.collector, `?since=${d0}&share=0.3`)).json() as { lifts: Lift[] };
    assert.equal(lower.lifts.find((l) => l.action === 'call')!.paid_without_action, 0.2167);
  });

  it('refuses a window that leaves no whole outcome, naming the field', async () => {
    const r = await learned(t.keys.viewer, '?since=2026-03-10');
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.field, 'since');
    assert.equal((await learned(t.keys.viewer, '?days=0')).statusCode, 400);
  });

  it('applies only the estimated lifts, for managers and admins, audited', async () => {
    const apply = (key: string) => t.app.inject({ method: 'POST', url: '/v1/worklist/settings/learned/apply', headers: bearer(key), payload: { since: d0 } });
    assert.equal((await apply(t.keys.collector)).statusCode, 403);
    assert.equal((await apply(t.keys.viewer)).statusCode, 403);
    const r = await apply(t.keys.manager);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().applied, { call: 0.25 });
    assert.deepEqual([r.json().settings.lift.call, r.json().settings.lift.negotiate], [0.25, 0.25]);
    const settings = (await t.app.inject({ method: 'GET', url: '/v1/worklist/settings', headers: bearer(t.keys.viewer) })).json();
    assert.deepEqual([settings.lift.call, settings.lift.review], [0.25, 0.05]);
    const [audit] = await t.db.query<{ data: { changed: unknown; learned: { since: string; basis: string } } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'priorities.settings_changed' ORDER BY seq DESC LIMIT 1`, [t.org]);
    assert.deepEqual([audit!.data.changed, audit!.data.learned.since, audit!.data.learned.basis], [{ lift: { call: 0.25 } }, d0, 'observational']);
    // the other org's history is its own: ten calls, all paid, and no comparison days
    const other = (await t.app.inject({ method: 'GET', url: `/v1/worklist/settings/learned?since=${d0}`, headers: bearer(t.otherKey) })).json() as { lifts: Lift[]; comparison_days: number };
    assert.deepEqual([other.comparison_days, other.lifts.find((l) => l.action === 'call')!.actions], [0, 10]);
  });

  it('reads the action of a task in SQL as actionOf does', async () => {
    const keys: [string, string][] = [['call', 'dispute:dsp_1'], ['review', 'escalation:cas_1'], ['call', 'agent:handover:x'], ['call', 'callback:1'],
      ['call', 'stp/s1/1/prm_9'], ['call', 'stp/s1/1/pln_2#3'], ['negotiate', 'stp/s1/2'], ['review', 'stp/s1/3'], ['call', 'stp/s1/prm_/x'], ['call', 'dispute_x']];
    const rows = await t.db.query<{ action: string }>(`SELECT ${ACTION_OF_SQL} AS action FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(kind, action_key, n) ORDER BY n`,
      [keys.map((k) => k[0]), keys.map((k) => k[1])]);
    assert.deepEqual(rows.map((r) => r.action), keys.map(([kind, key]) => actionOf(kind, key)));
  });
});
