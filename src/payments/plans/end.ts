// How a plan ends: completed when everything is paid, broken on the day after a missed instalment's date + grace (the case
// returns to its strategy and the `instalment_missed` step fires), or cancelled by a person. A plan that ends before its
// last instalment keeps only the interest of the instalments already due: the rest of its interest adjustment is taken back.
import type { Queryable } from '../../db/index.ts';
import { dateInZone, fail, ok, type Result } from '../../domain/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { emitEvent } from '../../events/index.ts';
import { applyAdjustment, reverseAdjustment } from '../../ledger/index.ts';
import { replanCase } from '../../engine/index.ts';
import { earnedInterest, judgePlan } from './progress.ts';
import { getPlan, PLAN_PAID, type Plan } from './read.ts';

/** Replaces the plan's interest adjustment by one for the interest already earned (none when nothing is due yet). */
async function settleInterest(q: Queryable, orgId: string, actor: string, plan: Plan, today: string): Promise<Result<null>> {
  if (!plan.interest_adjustment_id) return ok(null);
  const earned = earnedInterest(plan.instalments, today);
  if (earned >= plan.interest) return ok(null);
  const reversed = await reverseAdjustment(q, orgId, actor, plan.interest_adjustment_id);
  if (!reversed.ok) return reversed;
  let kept: string | null = null;
  if (earned > 0) {
    const adj = await applyAdjustment(q, orgId, actor, { invoice_id: reversed.value.invoice_id, kind: 'interest', amount: earned, date: today,
      reason: `interest earned by plan ${plan.id} until it ended` });
    if (!adj.ok) return adj;
    kept = adj.value.id;
  }
  await q.query('UPDATE plans SET interest_adjustment_id = $3 WHERE org_id = $1 AND id = $2', [orgId, plan.id, kept]);
  return ok(null);
}

async function endPlan(
  q: Queryable, orgId: string, actor: string, plan: Plan, status: 'completed' | 'broken' | 'cancelled', reason: string, now: Date,
  today: string, brokenSeq: number | null = null,
): Promise<Result<null>> {
  if (status !== 'completed') {
    const settled = await settleInterest(q, orgId, actor, plan, today);
    if (!settled.ok) return settled;
  }
  await q.query(`UPDATE plans SET status = $3, end_reason = $4, ended_at = $5, broken_seq = $6 WHERE org_id = $1 AND id = $2 AND status = 'active'`,
    [orgId, plan.id, status, reason, now.toISOString(), brokenSeq]);
  await recordAudit(q, { orgId, actor, action: `plan.${status}`, entity: 'customer', entityId: plan.customer_id,
    data: { plan: plan.id, reason, paid: plan.paid, total: plan.total, ...(brokenSeq !== null ? { missed_instalment: brokenSeq } : {}) } }, now);
  if (status === 'broken') {
    await emitEvent(q, { orgId, type: 'plan.broken', subject: plan.id, customerId: plan.customer_id, at: now, data: { plan_id: plan.id,
      customer_id: plan.customer_id, reason, missed_instalment: brokenSeq, paid: plan.paid, total: plan.total, currency: plan.currency } });
  }
  return ok(null);
}

/** Cancels an active plan (the case returns to its strategy) and re-plans the case. */
export async function cancelPlan(q: Queryable, orgId: string, actor: string, id: string, reason: string | null, now: Date): Promise<Result<Plan>> {
  const found = await getPlan(q, orgId, id, true);
  if (!found.ok) return found;
  const plan = found.value;
  if (plan.status !== 'active') return fail('INVALID_STATE', `plan ${id} is already ${plan.status}: only an active plan can be cancelled`, 'id', { status: plan.status });
  const [tz] = await q.query<{ tz: string }>(
    'SELECT COALESCE(c.timezone, o.default_timezone) AS tz FROM customers c JOIN orgs o ON o.id = c.org_id WHERE c.org_id = $1 AND c.id = $2', [orgId, plan.customer_id]);
  const ended = await endPlan(q, orgId, actor, plan, 'cancelled', reason ?? 'cancelled', now, dateInZone(now, tz?.tz ?? 'UTC'));
  if (!ended.ok) return ended;
  await replanCase(q, orgId, plan.customer_id, now);
  return getPlan(q, orgId, id);
}

/**
 * Judges the active plans that may have ended on the debtor's today: those paid in full, and those with an instalment
 * past its date + grace that what was paid does not cover (found in SQL, so quiet plans cost one scan of the active ones).
 * Returns the plans that ended, for the caller to re-plan their cases.
 */
export async function evaluatePlans(q: Queryable, orgId: string, now: Date): Promise<{ id: string; customer_id: string; status: string }[]> {
  const candidates = await q.query<{ id: string; tz: string }>(
    `SELECT p.id, x.tz FROM plans p JOIN customers c ON c.org_id = p.org_id AND c.id = p.customer_id JOIN orgs o ON o.id = p.org_id
     CROSS JOIN LATERAL (SELECT ${PLAN_PAID} AS paid, COALESCE(c.timezone, o.default_timezone) AS tz) x
     WHERE p.org_id = $1 AND p.status = 'active' AND (x.paid >= p.total OR EXISTS (
       SELECT 1 FROM plan_instalments i WHERE i.plan_id = p.id
         AND i.due_date + p.grace_days < ($2::timestamptz AT TIME ZONE x.tz)::date
         AND (SELECT sum(j.amount) FROM plan_instalments j WHERE j.plan_id = p.id AND j.seq <= i.seq) > x.paid))
     ORDER BY p.id`, [orgId, now.toISOString()]);
  const ended: { id: string; customer_id: string; status: string }[] = [];
  for (const c of candidates) {
    const found = await getPlan(q, orgId, c.id, true);
    if (!found.ok || found.value.status !== 'active') continue;
    const plan = found.value;
    const today = dateInZone(now, c.tz);
    const verdict = judgePlan(plan.instalments, plan.paid, plan.grace_days, today);
    if (verdict.status === 'active') continue;
    const reason = verdict.status === 'completed' ? 'every instalment is paid'
      : `instalment ${verdict.missed.seq} of ${verdict.missed.amount} due ${verdict.missed.due_date} was not paid within ${plan.grace_days} days of grace`;
    const r = await endPlan(q, orgId, 'system', plan, verdict.status, reason, now, today, verdict.status === 'broken' ? verdict.missed.seq : null);
    if (!r.ok) throw new Error(`plan ${plan.id}: ${r.error.message}`);
    ended.push({ id: plan.id, customer_id: plan.customer_id, status: verdict.status });
  }
  return ended;
}
