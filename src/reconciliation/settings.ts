// The org's reconciliation settings: the auto-apply threshold and the bank fee tolerance, with defaults.
import type { Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { DEFAULT_SETTINGS, type MatchSettings } from './match/types.ts';

export interface ReconciliationSettings {
  auto_apply_threshold: number;
  fee_tolerance_bps: number;
  fee_tolerance_max: number;
}

export async function getSettings(q: Queryable, orgId: string): Promise<ReconciliationSettings> {
  const [row] = await q.query<ReconciliationSettings>(
    'SELECT auto_apply_threshold, fee_tolerance_bps, fee_tolerance_max FROM reconciliation_settings WHERE org_id = $1', [orgId]);
  return row ?? { auto_apply_threshold: DEFAULT_SETTINGS.autoApplyThreshold, fee_tolerance_bps: DEFAULT_SETTINGS.feeToleranceBps,
    fee_tolerance_max: DEFAULT_SETTINGS.feeToleranceMax };
}

export async function updateSettings(q: Queryable, orgId: string, actor: string, patch: Partial<ReconciliationSettings>): Promise<ReconciliationSettings> {
  const next = { ...(await getSettings(q, orgId)), ...patch };
  await q.query(
    `INSERT INTO reconciliation_settings (org_id, auto_apply_threshold, fee_tolerance_bps, fee_tolerance_max) VALUES ($1,$2,$3,$4)
     ON CONFLICT (org_id) DO UPDATE SET auto_apply_threshold = $2, fee_tolerance_bps = $3, fee_tolerance_max = $4, updated_at = now()`,
    [orgId, next.auto_apply_threshold, next.fee_tolerance_bps, next.fee_tolerance_max]);
  await recordAudit(q, { orgId, actor, action: 'reconciliation.settings_updated', entity: 'org', entityId: orgId, data: { ...next } });
  return next;
}

export function toMatchSettings(s: ReconciliationSettings): MatchSettings {
  return { autoApplyThreshold: s.auto_apply_threshold, feeToleranceBps: s.fee_tolerance_bps, feeToleranceMax: s.fee_tolerance_max };
}
