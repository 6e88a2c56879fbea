// The org's call settings: how many wrong one-time codes void a call's code (key 3), how many minutes a code may be typed
// after it is sent, how many seconds the person's phone rings when a caller is put through and how long that person has
// to press 1, whether Twilio's answering machine detection listens on that leg, and the speech confidence under which
// words said on any call are not acted on. No row: cobro's defaults. Each change is audited with what it was before.
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
  /** Seconds the person put through has to press 1 once asked (asked twice) before the leg hangs up. */
  screenSeconds: number;
  /** Speech recognised with less confidence than this is not acted on (asked again, then a person). */
  speechThreshold: number;
  /** Twilio's answering machine detection on the put-through's answered leg (billed by Twilio per call). */
  machineDetection: boolean;
}

export const DEFAULT_CALL_SETTINGS: Readonly<CallSettings> = { codeAttempts: 3, codeMinutes: 10, ringSeconds: 20, screenSeconds: 6, speechThreshold: 0.5,
  machineDetection: false };

/** The bounds of the whole numbers the API, the CLI and the web form check (migrations 139 and 149's CHECKs hold them). */
export const CALL_SETTING_BOUNDS = { code_attempts: [1, 10], code_minutes: [2, 60], ring_seconds: [5, 120], screen_seconds: [3, 20] } as const;
const bounded = (k: keyof typeof CALL_SETTING_BOUNDS, what: string) =>
  z.number().int(`${what}: a whole number`).min(CALL_SETTING_BOUNDS[k][0]).max(CALL_SETTING_BOUNDS[k][1]).optional();

export const CallSettingsPatch = z.object({
  code_attempts: bounded('code_attempts', 'wrong codes').meta({ description: 'wrong one-time codes that void a call\'s code (default 3)' }),
  code_minutes: bounded('code_minutes', 'minutes').meta({ description: 'minutes a one-time code may be typed after it is sent (default 10)' }),
  ring_seconds: bounded('ring_seconds', 'seconds').meta({ description: 'seconds the person\'s phone rings when a caller is put through (default 20)' }),
  screen_seconds: bounded('screen_seconds', 'seconds').meta({ description: 'seconds the person put through has to press 1 once asked, asked twice (default 6)' }),
  speech_threshold: z.number('speech_threshold: a number from 0 to 1').min(0).max(1).optional()
    .meta({ description: 'speech recognised with less confidence than this is not acted on: asked again, then a person (default 0.5)' }),
  machine_detection: z.boolean('machine_detection: true or false').optional()
    .meta({ description: 'Twilio\'s answering machine detection on the put-through\'s answered leg, billed by Twilio (default false)' }),
}).strict();
export type CallSettingsPatch = z.infer<typeof CallSettingsPatch>;

export async function getCallSettings(q: Queryable, orgId: string): Promise<CallSettings> {
  const [row] = await q.query<{ code_attempts: number; code_minutes: number; ring_seconds: number; screen_seconds: number; speech_threshold: number; machine_detection: boolean }>(
    `SELECT code_attempts, code_minutes, ring_seconds, screen_seconds, speech_threshold::float8 AS speech_threshold, machine_detection
       FROM call_settings WHERE org_id = $1`, [orgId]);
  return row ? { codeAttempts: Number(row.code_attempts), codeMinutes: Number(row.code_minutes), ringSeconds: Number(row.ring_seconds),
    screenSeconds: Number(row.screen_seconds), speechThreshold: Number(row.speech_threshold), machineDetection: row.machine_detection === true } : { ...DEFAULT_CALL_SETTINGS };
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
    ringSeconds: p.ring_seconds ?? before.ringSeconds, screenSeconds: p.screen_seconds ?? before.screenSeconds, speechThreshold: p.speech_threshold ?? before.speechThreshold,
    machineDetection: p.machine_detection ?? before.machineDetection };
  await q.query(
    `INSERT INTO call_settings (org_id, code_attempts, code_minutes, ring_seconds, screen_seconds, speech_threshold, machine_detection, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (org_id) DO UPDATE SET code_attempts = EXCLUDED.code_attempts, code_minutes = EXCLUDED.code_minutes, ring_seconds = EXCLUDED.ring_seconds,
       screen_seconds = EXCLUDED.screen_seconds, speech_threshold = EXCLUDED.speech_threshold, machine_detection = EXCLUDED.machine_detection,
       updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, next.codeAttempts, next.codeMinutes, next.ringSeconds, next.screenSeconds, next.speechThreshold, next.machineDetection, now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'calls.settings_changed', entity: 'org', entityId: orgId,
    data: { before: callSettingsJson(before), after: callSettingsJson(next) } }, now);
  return ok(next);
}

export const callSettingsJson = (s: CallSettings) => ({ code_attempts: s.codeAttempts, code_minutes: s.codeMinutes, ring_seconds: s.ringSeconds,
  screen_seconds: s.screenSeconds, speech_threshold: s.speechThreshold, machine_detection: s.machineDetection });
