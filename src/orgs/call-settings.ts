// The org's settings for calls the debtor makes to its number: how many wrong one-time codes void a call's code (key 3),
// how many minutes a code may be typed after it is sent, and how many seconds the person's phone rings when a caller is
// put through. No row: cobro's defaults. Each change is audited with what it was before.
import { z } from 'zod';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';

export interface CallSettings {
  /** Wrong codes that void a call's code (the last one allowed voids it). */
  codeAttempts: number;
  /** Minutes a code may be typed after it is sent. */
  codeMinutes: number;
  /** Seconds the person's phone rings on a put-through before it counts as not answered. */
  ringSeconds: number;
}

export const DEFAULT_CALL_SETTINGS: Readonly<CallSettings> = { codeAttempts: 3, codeMinutes: 10, ringSeconds: 20 };

/** The bounds the API, the CLI and the web form check (and migration 139's CHECKs hold). */
export const CALL_SETTING_BOUNDS = { code_attempts: [1, 10], code_minutes: [2, 60], ring_seconds: [5, 120] } as const;
const bounded = (k: keyof typeof CALL_SETTING_BOUNDS, what: string) =>
  z.number().int(`${what}: a whole number`).min(CALL_SETTING_BOUNDS[k][0]).max(CALL_SETTING_BOUNDS[k][1]).optional();

export const CallSettingsPatch = z.object({
  code_attempts: bounded('code_attempts', 'wrong codes').meta({ description: 'wrong one-time codes that void a call\'s code (default 3)' }),
  code_minutes: bounded('code_minutes', 'minutes').meta({ description: 'minutes a one-time code may be typed after it is sent (default 10)' }),
  ring_seconds: bounded('ring_seconds', 'seconds').meta({ description: 'seconds the person\'s phone rings when a caller is put through (default 20)' }),
}).strict();
export type CallSettingsPatch = z.infer<typeof CallSettingsPatch>;

export async function getCallSettings(q: Queryable, orgId: string): Promise<CallSettings> {
  const [row] = await q.query<{ code_attempts: number; code_minutes: number; ring_seconds: number }>(
    'SELECT code_attempts, code_minutes, ring_seconds FROM call_settings WHERE org_id = $1', [orgId]);
  return row ? { codeAttempts: Number(row.code_attempts), codeMinutes: Number(row.code_minutes), ringSeconds: Number(row.ring_seconds) } : { ...DEFAULT_CALL_SETTINGS };
}

/** Changes the settings named (the others keep their values), with an audit entry; bad input names its field. */
export async function setCallSettings(q: Queryable, orgId: string, actor: string, input: unknown, now: Date): Promise<Result<CallSettings>> {
  const parsed = CallSettingsPatch.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'settings';
    return fail('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'is not valid'}`, field);
  }
  const before = await getCallSettings(q, orgId);
  const p = parsed.data;
  const next: CallSettings = { codeAttempts: p.code_attempts ?? before.codeAttempts, codeMinutes: p.code_minutes ?? before.codeMinutes,
    ringSeconds: p.ring_seconds ?? before.ringSeconds };
  await q.query(
    `INSERT INTO call_settings (org_id, code_attempts, code_minutes, ring_seconds, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_id) DO UPDATE SET code_attempts = EXCLUDED.code_attempts, code_minutes = EXCLUDED.code_minutes,
       ring_seconds = EXCLUDED.ring_seconds, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, next.codeAttempts, next.codeMinutes, next.ringSeconds, now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'calls.settings_changed', entity: 'org', entityId: orgId,
    data: { before: callSettingsJson(before), after: callSettingsJson(next) } }, now);
  return ok(next);
}

export const callSettingsJson = (s: CallSettings) => ({ code_attempts: s.codeAttempts, code_minutes: s.codeMinutes, ring_seconds: s.ringSeconds });
