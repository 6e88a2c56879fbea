// Each org's portal settings: the second factor it asks (none, the last 4 characters of the tax id, or the postcode), how
// long links last, how long a session stays open without a request and at most however active, how many wrong answers lock the portal for a while, whether the debtor may cancel their
// instalment plan there (a pending promise they may always cancel), and whether what they arrange there is confirmed to them.
import { z } from 'zod';
import type { Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';

export const SECOND_FACTORS = ['none', 'tax_id_last4', 'postcode'] as const;
export type SecondFactor = (typeof SECOND_FACTORS)[number];

export const portalSettingsSchema = z.object({
  second_factor: z.enum(SECOND_FACTORS),
  link_days: z.number().int().min(1).max(365),
  session_minutes: z.number().int().min(5).max(1440).meta({ description: 'a second factor\'s session ends this many minutes after the debtor\'s last request' }),
  session_max_hours: z.number().int().min(1).max(168).meta({ description: 'and at the latest this many hours after the right answer, however active' }),
  factor_max_failures: z.number().int().min(1).max(50),
  factor_lock_minutes: z.number().int().min(1).max(10_080),
  debtor_cancels_plan: z.boolean().meta({ description: 'whether the debtor may cancel their instalment plan from the portal' }),
  confirmations: z.boolean().meta({ description: 'whether a promise, more time or a plan made, changed or cancelled in the portal is confirmed to the debtor by email or SMS' }),
});
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  second_factor: 'none', link_days: 30, session_minutes: 60, session_max_hours: 12, factor_max_failures: 5, factor_lock_minutes: 15, debtor_cancels_plan: true,
  confirmations: true,
};

const COLUMNS = 'second_factor, link_days, session_minutes, session_max_hours, factor_max_failures, factor_lock_minutes, debtor_cancels_plan, confirmations';

export async function getPortalSettings(q: Queryable, orgId: string): Promise<PortalSettings> {
  const [row] = await q.query<PortalSettings>(`SELECT ${COLUMNS} FROM portal_settings WHERE org_id = $1`, [orgId]);
  return row ?? DEFAULT_PORTAL_SETTINGS;
}

/** The settings as staff see them: with when and by whom they were last changed (both null while the org keeps the defaults). */
export interface PortalSettingsView extends PortalSettings { updated_at: string | null; updated_by: string | null }

export async function portalSettingsView(q: Queryable, orgId: string): Promise<PortalSettingsView> {
  const [row] = await q.query<PortalSettings & { updated_at: Date | string; updated_by: string }>(
    `SELECT ${COLUMNS}, updated_at, updated_by FROM portal_settings WHERE org_id = $1`, [orgId]);
  return row ? { ...row, updated_at: new Date(row.updated_at).toISOString() } : { ...DEFAULT_PORTAL_SETTINGS, updated_at: null, updated_by: null };
}

/** Changes the settings given (the rest stay as they are), recorded in the audit log. */
export async function setPortalSettings(q: Queryable, orgId: string, actor: string, patch: Partial<PortalSettings>, now: Date): Promise<PortalSettings> {
  const next = portalSettingsSchema.parse({ ...(await getPortalSettings(q, orgId)), ...patch });
  const [row] = await q.query<PortalSettings>(
    `INSERT INTO portal_settings (org_id, second_factor, link_days, session_minutes, factor_max_failures, factor_lock_minutes, debtor_cancels_plan,
       confirmations, updated_at, updated_by, session_max_hours)
     VALUES ($1,$2,$3,$4,$5,$6,$9,$10,$7,$8,$11)
     ON CONFLICT (org_id) DO UPDATE SET second_factor = EXCLUDED.second_factor, link_days = EXCLUDED.link_days,
       session_minutes = EXCLUDED.session_minutes, session_max_hours = EXCLUDED.session_max_hours, factor_max_failures = EXCLUDED.factor_max_failures,
       factor_lock_minutes = EXCLUDED.factor_lock_minutes, debtor_cancels_plan = EXCLUDED.debtor_cancels_plan,
       confirmations = EXCLUDED.confirmations, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
     RETURNING ${COLUMNS}`,
    [orgId, next.second_factor, next.link_days, next.session_minutes, next.factor_max_failures, next.factor_lock_minutes, now.toISOString(), actor,
      next.debtor_cancels_plan, next.confirmations, next.session_max_hours]);
  await recordAudit(q, { orgId, actor, action: 'portal.settings_changed', entity: 'org', entityId: orgId, data: { ...patch } }, now);
  return row!;
}
