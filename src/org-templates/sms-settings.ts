// The org's SMS setting `sms_fold`: `auto` (the default) sends an SMS folded into GSM-7 when that takes fewer segments than
// its UCS-2 form; `never` keeps every accent. No row: `auto`. Each change is audited with what it was before.
import { z } from 'zod';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { SMS_FOLDS, type SmsFold } from '../messaging/index.ts';

export interface SmsSettings { smsFold: SmsFold }

export const DEFAULT_SMS_SETTINGS: Readonly<SmsSettings> = { smsFold: 'auto' };

export const SmsSettingsPatch = z.object({
  sms_fold: z.enum(SMS_FOLDS, 'auto or never').optional().meta({
    description: 'auto (default): an SMS goes folded into GSM-7 (accents GSM-7 lacks left out, names too) when that takes fewer segments; never: accents always kept',
  }),
}).strict();
export type SmsSettingsPatch = z.infer<typeof SmsSettingsPatch>;

export async function getSmsSettings(q: Queryable, orgId: string): Promise<SmsSettings> {
  const [row] = await q.query<{ sms_fold: SmsFold }>('SELECT sms_fold FROM sms_settings WHERE org_id = $1', [orgId]);
  return row ? { smsFold: row.sms_fold } : { ...DEFAULT_SMS_SETTINGS };
}

/** Changes the setting named, with an audit entry; bad input names its field. */
export async function setSmsSettings(q: Queryable, orgId: string, actor: string, input: unknown, now: Date): Promise<Result<SmsSettings>> {
  const parsed = SmsSettingsPatch.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'settings';
    return fail('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'is not valid'}`, field);
  }
  const before = await getSmsSettings(q, orgId);
  const next: SmsSettings = { smsFold: parsed.data.sms_fold ?? before.smsFold };
  await q.query(
    `INSERT INTO sms_settings (org_id, sms_fold, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET sms_fold = EXCLUDED.sms_fold, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, next.smsFold, now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'sms.settings_changed', entity: 'org', entityId: orgId,
    data: { before: smsSettingsJson(before), after: smsSettingsJson(next) } }, now);
  return ok(next);
}

export const smsSettingsJson = (s: SmsSettings) => ({ sms_fold: s.smsFold });
