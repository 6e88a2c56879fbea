// The org's limits on the files debtors send with replies: the largest file kept (a larger one is refused, on every
// channel) and the seconds one fetch from WhatsApp or Twilio may take. No row: cobro's defaults. Each change is audited
// with what it was before.
import { z } from 'zod';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';

export interface ReplyFileSettings {
  /** The largest file kept, in MB (1 MB = 1,048,576 bytes). */
  maxFileMb: number;
  /** Seconds one request fetching a file may take. */
  fetchTimeoutSeconds: number;
}

export const DEFAULT_REPLY_FILE_SETTINGS: Readonly<ReplyFileSettings> = { maxFileMb: 10, fetchTimeoutSeconds: 15 };

/** The bounds the API and the CLI check (and migration 146's CHECKs hold): 25 MB is the largest message Mailgun takes. */
export const REPLY_FILE_SETTING_BOUNDS = { max_file_mb: [1, 25], fetch_timeout_seconds: [5, 60] } as const;
const bounded = (k: keyof typeof REPLY_FILE_SETTING_BOUNDS, what: string) =>
  z.number(`${what}: a number`).int(`${what}: a whole number`).min(REPLY_FILE_SETTING_BOUNDS[k][0], `${what}: at least ${REPLY_FILE_SETTING_BOUNDS[k][0]}`)
    .max(REPLY_FILE_SETTING_BOUNDS[k][1], `${what}: at most ${REPLY_FILE_SETTING_BOUNDS[k][1]}`).optional();

export const ReplyFileSettingsPatch = z.object({
  max_file_mb: bounded('max_file_mb', 'MB').meta({ description: 'the largest file kept from a reply, in MB (default 10); a larger one is refused' }),
  fetch_timeout_seconds: bounded('fetch_timeout_seconds', 'seconds')
    .meta({ description: 'seconds one request fetching a file from WhatsApp or Twilio may take (default 15); a timeout is tried again later' }),
}).strict();
export type ReplyFileSettingsPatch = z.infer<typeof ReplyFileSettingsPatch>;

export async function getReplyFileSettings(q: Queryable, orgId: string): Promise<ReplyFileSettings> {
  const [row] = await q.query<{ max_file_mb: number; fetch_timeout_seconds: number }>(
    'SELECT max_file_mb, fetch_timeout_seconds FROM reply_file_settings WHERE org_id = $1', [orgId]);
  return row ? { maxFileMb: Number(row.max_file_mb), fetchTimeoutSeconds: Number(row.fetch_timeout_seconds) } : { ...DEFAULT_REPLY_FILE_SETTINGS };
}

/** The limits in the units the fetch and the store use. */
export const replyFileLimits = (s: ReplyFileSettings) => ({ maxBytes: s.maxFileMb * 1024 * 1024, timeoutMs: s.fetchTimeoutSeconds * 1000 });

/** Changes the settings named (the others keep their values), with an audit entry; bad input names its field. */
export async function setReplyFileSettings(q: Queryable, orgId: string, actor: string, input: unknown, now: Date): Promise<Result<ReplyFileSettings>> {
  const parsed = ReplyFileSettingsPatch.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'settings';
    return fail('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'is not valid'}`, field);
  }
  const before = await getReplyFileSettings(q, orgId);
  const next: ReplyFileSettings = { maxFileMb: parsed.data.max_file_mb ?? before.maxFileMb,
    fetchTimeoutSeconds: parsed.data.fetch_timeout_seconds ?? before.fetchTimeoutSeconds };
  await q.query(
    `INSERT INTO reply_file_settings (org_id, max_file_mb, fetch_timeout_seconds, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_id) DO UPDATE SET max_file_mb = EXCLUDED.max_file_mb, fetch_timeout_seconds = EXCLUDED.fetch_timeout_seconds,
       updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, next.maxFileMb, next.fetchTimeoutSeconds, now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'replies.file_settings_changed', entity: 'org', entityId: orgId,
    data: { before: replyFileSettingsJson(before), after: replyFileSettingsJson(next) } }, now);
  return ok(next);
}

export const replyFileSettingsJson = (s: ReplyFileSettings) => ({ max_file_mb: s.maxFileMb, fetch_timeout_seconds: s.fetchTimeoutSeconds });
