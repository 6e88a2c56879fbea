// The org's priority settings (lift factors, collector minutes per action, a minute's cost per currency): stored as the
// changes over the defaults, audited.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { mergeSettings, PrioritySettingsPatch, type PrioritySettings } from './value.ts';

async function storedPatch(q: Queryable, orgId: string): Promise<PrioritySettingsPatch> {
  const [row] = await q.query<{ settings: unknown }>('SELECT settings FROM priority_settings WHERE org_id = $1', [orgId]);
  const p = PrioritySettingsPatch.safeParse(row?.settings ?? {});
  return p.success ? p.data : {};
}

export async function getPrioritySettings(q: Queryable, orgId: string): Promise<PrioritySettings> {
  return mergeSettings(await storedPatch(q, orgId));
}

/**
 * Changes the entries named (the others keep their values); `reset` starts again from the defaults. A bad value refuses the
 * change, naming it. `source` says in the audit entry where the figures came from (the learned lifts).
 */
export async function setPrioritySettings(q: Queryable, orgId: string, actor: string, input: unknown, now: Date, reset = false,
  source: Record<string, unknown> = {}): Promise<Result<PrioritySettings>> {
  const parsed = PrioritySettingsPatch.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'settings';
    return fail('VALIDATION_FAILED', issue?.message ?? 'is not valid', field);
  }
  const before = reset ? {} : await storedPatch(q, orgId);
  const p = parsed.data;
  const stored: PrioritySettingsPatch = { lift: { ...before.lift, ...p.lift }, minutes: { ...before.minutes, ...p.minutes },
    minute_cost: { ...before.minute_cost, ...p.minute_cost } };
  await q.query(
    `INSERT INTO priority_settings (org_id, settings, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, JSON.stringify(stored), now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'priorities.settings_changed', entity: 'org', entityId: orgId, data: { changed: p, reset, ...source } }, now);
  return ok(mergeSettings(stored));
}
