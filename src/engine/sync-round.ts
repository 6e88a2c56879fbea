// The worker's case sync at a cost in proportion to what changed: the customers whose invoices changed since the last
// sync, and those with an invoice that has come within the strategies' reach since the last horizon, are synced in one
// set-based pass over just them; a full pass over the ledger runs on the first round, once a day, and when too many customers changed at once.
import type { Queryable } from '../db/index.ts';
import { addDays, type CalendarDate } from '../domain/index.ts';
import { activeStrategies } from '../strategy/store.ts';
import { leadDays } from './case-rows.ts';
import { syncCases, type SyncResult } from './cases.ts';

/** Above this many customers to look at, the pass over the whole ledger is as cheap as a list of them. */
export const FULL_ABOVE = 500;
const FULL_EVERY_MS = 24 * 3600_000;
/** Changes committed by transactions that began before the last sync read are looked at again, for this long. */
const OVERLAP = '5 minutes';

export interface SyncRoundResult extends SyncResult { mode: 'full' | 'incremental'; customers: number }

interface State { horizon: CalendarDate; synced_at: string; full_at: string }

async function saveState(q: Queryable, orgId: string, horizon: CalendarDate, syncedAt: string, fullAt: string): Promise<void> {
  await q.query(
    `INSERT INTO case_sync (org_id, horizon, synced_at, full_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET horizon = EXCLUDED.horizon, synced_at = EXCLUDED.synced_at, full_at = EXCLUDED.full_at`,
    [orgId, horizon, syncedAt, fullAt]);
}

/** Customers to look at: invoices changed since the last sync, or newly within reach of the strategies' first step. */
async function customersToSync(q: Queryable, orgId: string, state: State, horizon: CalendarDate): Promise<string[]> {
  const rows = await q.query<{ customer_id: string }>(
    `SELECT customer_id FROM invoices WHERE org_id = $1 AND updated_at > $2::timestamptz - interval '${OVERLAP}'
     UNION
     SELECT customer_id FROM invoices WHERE org_id = $1 AND balance > 0 AND NOT cancelled AND due_date > $3::date AND due_date <= $4::date
     LIMIT ${FULL_ABOVE + 1}`, [orgId, state.synced_at, state.horizon, horizon]);
  return rows.map((r) => r.customer_id);
}

/** One round's sync for an org, in the caller's transaction (the state row is locked, so two workers do not both run it). */
export async function syncRound(q: Queryable, orgId: string, now: Date): Promise<SyncRoundResult> {
  const [{ db_now: dbNow } = { db_now: new Date().toISOString() }] = await q.query<{ db_now: string }>('SELECT now() AS db_now');
  const at = new Date(dbNow).toISOString();
  // the same horizon syncCases uses: the strategies' lead, plus a day of slack for time zones ahead of UTC
  const horizon = addDays(now.toISOString().slice(0, 10), leadDays((await activeStrategies(q, orgId)).values()) + 1);
  const [state] = await q.query<State>('SELECT horizon, synced_at, full_at FROM case_sync WHERE org_id = $1 FOR UPDATE', [orgId]);
  const full = async (): Promise<SyncRoundResult> => {
    const r = await syncCases(q, orgId, now);
    await saveState(q, orgId, horizon, at, now.toISOString());
    return { ...r, mode: 'full', customers: 0 };
  };
  if (!state || now.getTime() - Date.parse(state.full_at) >= FULL_EVERY_MS || now.getTime() < Date.parse(state.full_at)) return full();
  const customers = await customersToSync(q, orgId, state, horizon);
  if (customers.length > FULL_ABOVE) return full();
  const r = customers.length ? await syncCases(q, orgId, now, { customerIds: customers })
    : { opened: 0, reopened: 0, closed: 0, refreshed: 0 };
  await saveState(q, orgId, horizon > state.horizon ? horizon : state.horizon, at, state.full_at);
  return { ...r, mode: 'incremental', customers: customers.length };
}
