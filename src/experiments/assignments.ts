// Intent to treat: the first time the engine plans a customer with an arm's version of a running experiment, the
// customer is recorded in that arm (migration 154), once; results count these rows whatever later happens to the case.
import type { Queryable } from '../db/index.ts';

/** Records the arm of each just-planned case that is on a running experiment's strategy with one of its versions. */
export async function recordAssignments(q: Queryable, caseIds: string[], now: string): Promise<void> {
  if (caseIds.length === 0) return;
  await q.query(
    `INSERT INTO experiment_assignments (org_id, experiment_id, customer_id, arm, version, assigned_at, source)
     SELECT c.org_id, e.id, c.customer_id, CASE WHEN c.strategy_version = e.challenger_version THEN 'challenger' ELSE 'champion' END,
       c.strategy_version, $2::timestamptz, 'planned'
     FROM cases c JOIN experiments e ON e.org_id = c.org_id AND e.strategy_id = c.strategy_id AND e.status = 'running'
       AND c.strategy_version IN (e.champion_version, e.challenger_version)
     WHERE c.id = ANY($1::text[])
     ON CONFLICT DO NOTHING`, [caseIds, now]);
}
