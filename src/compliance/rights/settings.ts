// An org's compliance settings: retention periods per kind of data, and the legal identity messages show (BR-1).
import { z } from 'zod';
import type { Queryable } from '../../db/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { DEFAULT_RETENTION, retentionSchema, type Retention } from './retention.ts';

export const complianceSettingsSchema = z.object({
  retention: retentionSchema.partial().optional(),
  /** The supplier's address, shown on every message to Brazil (CDC art. 42-A) and in email footers. */
  company_address: z.string().trim().min(1).max(300).nullable().optional(),
  /** CNPJ or CPF (or the org's tax id elsewhere), shown the same way. */
  company_tax_id: z.string().trim().min(1).max(40).nullable().optional(),
});
export type ComplianceSettingsInput = z.infer<typeof complianceSettingsSchema>;

export interface ComplianceSettings { retention: Retention; company_address: string | null; company_tax_id: string | null; updated_at: string | null }

interface Row { retention: Partial<Retention>; company_address: string | null; company_tax_id: string | null; updated_at: string }

export async function getComplianceSettings(q: Queryable, orgId: string): Promise<ComplianceSettings> {
  const [r] = await q.query<Row>('SELECT retention, company_address, company_tax_id, updated_at FROM compliance_settings WHERE org_id = $1', [orgId]);
  return { retention: { ...DEFAULT_RETENTION, ...(r?.retention ?? {}) }, company_address: r?.company_address ?? null,
    company_tax_id: r?.company_tax_id ?? null, updated_at: r?.updated_at ?? null };
}

export async function setComplianceSettings(
  q: Queryable, orgId: string, actor: string, patch: ComplianceSettingsInput, now: Date,
): Promise<ComplianceSettings> {
  const current = await getComplianceSettings(q, orgId);
  const retention = { ...current.retention, ...(patch.retention ?? {}) };
  const address = patch.company_address === undefined ? current.company_address : patch.company_address;
  const taxId = patch.company_tax_id === undefined ? current.company_tax_id : patch.company_tax_id;
  await q.query(
    `INSERT INTO compliance_settings (org_id, retention, company_address, company_tax_id, updated_at, updated_by) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (org_id) DO UPDATE SET retention = EXCLUDED.retention, company_address = EXCLUDED.company_address,
       company_tax_id = EXCLUDED.company_tax_id, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, JSON.stringify(retention), address, taxId, now, actor]);
  await recordAudit(q, { orgId, actor, action: 'compliance.settings_updated', entity: 'org', entityId: orgId,
    data: { fields: Object.keys(patch), retention } }, now);
  return getComplianceSettings(q, orgId);
}
