// The worker's case sync at a cost in proportion to what changed: the customers whose invoices changed since the last
// sync, and those with an invoice that has come within the strategies' reach since the last horizon, are synced in one
// set-based pass over just them; a full pass over the ledger runs on the first round, once a day, and when too many customers changed at once.
// A change stamps updated_at with its transaction's start, so one committed after a sync read can carry an earlier time:
// the overlap before the last sync is looked at again, unless it holds just what that sync saw (its digest, window_sum).
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

interface State { horizon: CalendarDate; synced_at: string; full_at: string; window_sum: string | null; db_now: string }

async function saveState(q: Queryable, orgId: string, s: Omit<State, 'db_now'>): Promise<void> {
  await q.query(
    `INSERT INTO case_sync (org_id, horizon, synced_at, full_at, window_sum) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_id) DO UPDATE SET horizon = EXCLUDED.horizon, synced_at = EXCLUDED.synced_at, full_at = EXCLUDED.full_at,
       window_sum = EXCLUDED.window_sum`,
    [orgId, s.horizon, s.synced_at, s.full_at, s.window_sum]);
}

/**
 * The digest of the invoices changed in the overlap before `at` (rows w: id, updated_at), as this statement sees them: their
 * count and the sum of a 64-bit hash of each id and change time (no sort; a row added, gone or changed again alters it).
 */
const windowSum = (at: string) => {
  const inWindow = `FILTER (WHERE w.updated_at > ${at}::timestamptz - interval '${OVERLAP}' AND w.updated_at <= ${at}::timestamptz)`;
  return `count(*) ${inWindow} || ':' || coalesce(sum(hashtextextended(w.id || '@' || extract(epoch FROM w.updated_at)::text, 0)) ${inWindow}, 0)`;
};

/** The digest of the overlap before a sync at `at`, taken before that sync reads anything (so all it holds, it sees). */
async function overlapSum(q: Queryable, orgId: string, at: string): Promise<string> {
  const [row] = await q.query<{ sum: string }>(
    `SELECT ${windowSum('$2')} AS sum FROM invoices w WHERE w.org_id = $1 AND w.updated_at > $2::timestamptz - interval '${OVERLAP}'`, [orgId, at]);
  return row!.sum;
}

/**
 * Customers to look at: invoices changed since the last sync (and in the overlap before it, unless it is as that sync saw
 * it), or newly within reach of the strategies' first step; with the digest of the overlap before this sync.
 */
async function customersToSync(q: Queryable, orgId: string, state: State, horizon: CalendarDate): Promise<{ customers: string[]; sum: string }> {
  const [row] = await q.query<{ customers: string[]; sum: string }>(
    `WITH w AS MATERIALIZED (
       SELECT id, customer_id, updated_at FROM invoices
       WHERE org_id = $1 AND updated_at > LEAST($2::timestamptz, $5::timestamptz) - interval '${OVERLAP}'),
     sums AS (SELECT ${windowSum('$2')} AS before, ${windowSum('$5')} AS now FROM w)
     SELECT ARRAY(
       SELECT customer_id FROM w WHERE updated_at > $2::timestamptz
         OR (updated_at > $2::timestamptz - interval '${OVERLAP}' AND (SELECT before FROM sums) IS DISTINCT FROM $6)
       UNION
       SELECT customer_id FROM invoices WHERE org_id = $1 AND balance > 0 AND NOT cancelled AND due_date > $3::date AND due_date <= $4::date
       LIMIT ${FULL_ABOVE + 1}) AS customers, (SELECT now FROM sums) AS sum`,
    [orgId, state.synced_at, state.horizon, horizon, state.db_now, state.window_sum]);
  return { customers: row!.customers, sum: row!.sum };
}

/** One round's sync for an org, in the caller's transaction (the state row is locked, so two workers do not both run it). */
export async function syncRound(q: Queryable, orgId: string, now: Date): Promise<SyncRoundResult> {
  // the same horizon syncCases uses: the strategies' lead, plus a day of slack for time zones ahead of UTC
  const horizon = addDays(now.toISOString().slice(0, 10), leadDays((await activeStrategies(q, orgId)).values()) + 1);
  const [state] = await q.query<State>('SELECT horizon, synced_at, full_at, window_sum, now() AS db_now FROM case_sync WHERE org_id = $1 FOR UPDATE', [orgId]);
  const full = async (): Promise<SyncRoundResult> => {
    const at = state?.db_now ?? (await q.query<{ db_now: string }>('SELECT now() AS db_now'))[0]!.db_now;
    const sum = await overlapSum(q, orgId, at);
    const r = await syncCases(q, orgId, now);
    await saveState(q, orgId, { horizon, synced_at: at, full_at: now.toISOString(), window_sum: sum });
    return { ...r, mode: 'full', customers: 0 };
  };
  if (!state || now.getTime() - Date.parse(state.full_at) >= FULL_EVERY_MS || now.getTime() < Date.parse(state.full_at)) return full();
  const { customers, sum } = await customersToSync(q, orgId, state, horizon);
  if (customers.length > FULL_ABOVE) return full();
  const r = customers.length ? await syncCases(q, orgId, now, { customerIds: customers })
    : { opened: 0, reopened: 0, closed: 0, refreshed: 0 };
  await saveState(q, orgId, { horizon: horizon > state.horizon ? horizon : state.horizon, synced_at: state.db_now, full_at: state.full_at, window_sum: sum });
  return { ...r, mode: 'incremental', customers: customers.length };
}
