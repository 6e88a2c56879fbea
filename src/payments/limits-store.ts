// The org's negotiation limits in the database: read over the defaults, and changed (in part or whole) with an audit entry.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DEFAULT_LIMITS, LimitsSchema, mergeLimits, type NegotiationLimits } from './limits.ts';

export async function getLimits(q: Queryable, orgId: string): Promise<NegotiationLimits> {
  const [row] = await q.query<{ limits: unknown }>('SELECT limits FROM negotiation_limits WHERE org_id = $1', [orgId]);
  return mergeLimits(row?.limits);
}

/**
 * Changes the limits named in `input` (the others keep their values); `replace` starts again from the defaults.
 * A setting that does not validate refuses the whole change, naming the setting.
 */
export async function setLimits(q: Queryable, orgId: string, actor: string, input: unknown, now: Date, replace = false): Promise<Result<NegotiationLimits>> {
  const parsed = LimitsSchema.partial().safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('VALIDATION_FAILED', `${issue?.path.join('.') || 'limits'}: ${issue?.message ?? 'is not valid'}`, issue?.path.join('.') || 'limits');
  }
  const before = await getLimits(q, orgId);
  const next = { ...(replace ? DEFAULT_LIMITS : before), ...parsed.data };
  // store only what differs from the defaults, so a later change of a default reaches orgs that never set it
  const stored = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(DEFAULT_LIMITS[k as keyof NegotiationLimits])));
  await q.query(
    `INSERT INTO negotiation_limits (org_id, limits, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET limits = EXCLUDED.limits, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, JSON.stringify(stored), now.toISOString(), actor]);
  const changed = Object.keys(next).filter((k) => JSON.stringify(next[k as keyof NegotiationLimits]) !== JSON.stringify(before[k as keyof NegotiationLimits]));
  await recordAudit(q, { orgId, actor, action: 'negotiation_limits.changed', entity: 'org', entityId: orgId,
    data: { changed: Object.fromEntries(changed.map((k) => [k, next[k as keyof NegotiationLimits]])) } }, now);
  return ok(next);
}
