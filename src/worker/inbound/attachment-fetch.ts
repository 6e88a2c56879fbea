// The worker's fetch of files debtors sent (attachments.ts wrote them pending: WhatsApp's, Twilio's, and those of a
// message Mailgun stored): each fetched from its provider with the
// org's credentials, within the size cap and the allowed types; kept once (sealed when the org has field encryption on),
// tried again later after a temporary failure (a timeout, a 5xx), refused or failed for good with why otherwise. Then the
// files are taken as the proof of their customer's open payment claim.
import type { Db } from '../../db/index.ts';
import { fetchMailgunStored, fetchMetaMedia, fetchTwilioMedia, type EgressPolicy, type MailgunStoredConfig, type MediaFetch, type MediaLimits } from '../../channels/index.ts';
import { getCredentials, vaultKey } from '../../vault/index.ts';
import { getReplyFileSettings, replyFileLimits } from '../../orgs/index.ts';
import { linkClaimProof } from '../../agent/claim-proof.ts';
import { keptBytes } from './attachments.ts';

export interface AttachmentFetchDeps {
  db: Db;
  /** COBRO_SECRET_KEY, to open the providers' credentials. */
  secretKey?: string;
  /** COBRO_EGRESS_ALLOW: where an org's own API base may reach. */
  egress?: EgressPolicy;
  /** The size cap and the timeout of one fetch, over the org's settings (tests: smaller). */
  limits?: Partial<MediaLimits>;
}

/** Tried at most this many times, a minute apart and doubling up to an hour. */
export const ATTACHMENT_MAX_ATTEMPTS = 6;
export const attachmentRetryMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

export interface AttachmentReport { tried: number; stored: number; refused: number; failed: number; waiting: number; linked: number }

interface Due { id: string; provider: string; provider_media_id: string; media_url: string | null; declared_type: string | null; attempts: number }

type Fetcher = (row: Due) => Promise<MediaFetch>;

/** How the org's files are fetched, per provider, from its credentials (opened once a round). */
async function fetchers(d: AttachmentFetchDeps, orgId: string, limits: MediaLimits): Promise<Record<string, Fetcher>> {
  const key = await vaultKey(d.db, d.secretKey);
  const missing = (provider: string, why: string): Fetcher => async () => ({ ok: false, kind: 'temporary', code: 'NO_CREDENTIALS', message: `${provider}: ${why}` });
  const out: Record<string, Fetcher> = {};
  const meta = await getCredentials(d.db, key, orgId, 'meta_whatsapp');
  out['meta'] = !meta.ok ? missing('meta', meta.error.message) : !meta.value ? missing('meta', 'the org has no Meta WhatsApp credentials')
    : ((m) => (row: Due) => fetchMetaMedia({ accessToken: m.secrets.access_token, ...(m.settings.api_version ? { apiVersion: m.settings.api_version } : {}),
      ...(m.settings.api_base ? { baseUrl: m.settings.api_base, ...(d.egress ? { egress: d.egress } : {}) } : {}) }, row.provider_media_id, limits))(meta.value);
  const twilio = await getCredentials(d.db, key, orgId, 'twilio');
  out['twilio'] = !twilio.ok ? missing('twilio', twilio.error.message) : !twilio.value ? missing('twilio', 'the org has no Twilio credentials')
    : ((t) => (row: Due) => row.media_url ? fetchTwilioMedia({ accountSid: t.settings.account_sid, authToken: t.secrets.auth_token,
      ...(t.settings.api_base ? { baseUrl: t.settings.api_base, ...(d.egress ? { egress: d.egress } : {}) } : {}) }, row.media_url, row.declared_type ?? undefined, limits)
      : Promise.resolve<MediaFetch>({ ok: false, kind: 'permanent', code: 'BAD_URL', message: 'Twilio gave no media URL' }))(twilio.value);
  const mg = await mailgunStoredConfig(d, key, orgId);
  out['mailgun'] = typeof mg === 'string' ? missing('mailgun', mg)
    : (row: Due) => fetchMailgunStored(mg, row.media_url ?? '', row.declared_type ?? undefined, limits);
  return out;
}

/** How the org's messages stored at Mailgun are read (its api_key, sending domain and API base), or why they cannot be. */
export async function mailgunStoredConfig(d: Omit<AttachmentFetchDeps, 'limits'>, key: Awaited<ReturnType<typeof vaultKey>>, orgId: string)
  : Promise<MailgunStoredConfig | string> {
  const mailgun = await getCredentials(d.db, key, orgId, 'mailgun');
  if (!mailgun.ok) return mailgun.error.message;
  const mg = mailgun.value;
  if (!mg?.secrets.api_key) return 'the org has no Mailgun api_key to read a stored message with (PUT /v1/providers/mailgun)';
  return { apiKey: mg.secrets.api_key, domain: mg.settings.domain, apiBase: mg.settings.api_base, ...(mg.settings.api_base && d.egress ? { egress: d.egress } : {}) };
}

const REFUSED = new Set(['TOO_LARGE', 'TYPE_NOT_ALLOWED', 'TYPE_MISMATCH']);

/** Writes what one fetch came to, once: a row another worker already settled is left as it is. */
async function settle(d: AttachmentFetchDeps, orgId: string, row: Due, r: MediaFetch, now: Date): Promise<keyof Omit<AttachmentReport, 'tried' | 'linked'> | null> {
  return d.db.transaction(async (tx) => {
    const [still] = await tx.query('SELECT 1 FROM inbound_attachments WHERE org_id = $1 AND id = $2 AND status = \'pending\' AND attempts = $3 FOR UPDATE',
      [orgId, row.id, row.attempts]);
    if (!still) return null;
    const attempts = row.attempts + 1;
    if (r.ok) {
      const kept = await keptBytes(tx, orgId, row.id, r.data);
      await tx.query(`UPDATE inbound_attachments SET status = 'stored', attempts = $3, next_attempt_at = NULL, error = NULL, content_type = $4, size = $5,
          sha256 = $6, data = $7, data_sealed = $8, fetched_at = $9 WHERE org_id = $1 AND id = $2`,
      [orgId, row.id, attempts, r.contentType, kept.size, kept.sha256, kept.data, kept.data_sealed, now]);
      return 'stored';
    }
    const error = `${r.code}: ${r.message}`.slice(0, 1000);
    const giveUp = r.kind === 'permanent' || attempts >= ATTACHMENT_MAX_ATTEMPTS;
    const status = !giveUp ? 'pending' : REFUSED.has(r.code) ? 'refused' : 'failed';
    await tx.query('UPDATE inbound_attachments SET status = $3, attempts = $4, next_attempt_at = $5, error = $6 WHERE org_id = $1 AND id = $2',
      [orgId, row.id, status, attempts, giveUp ? null : new Date(now.getTime() + attachmentRetryMs(attempts)), giveUp && r.kind === 'temporary'
        ? `gave up after ${attempts} attempts: ${error}` : error]);
    return status === 'pending' ? 'waiting' : status;
  });
}

/** Fetches the org's files whose turn has come (at most `limit`), then ties new ones to open claims. */
export async function fetchAttachments(d: AttachmentFetchDeps, orgId: string, now: Date, limit = 20): Promise<AttachmentReport> {
  const report: AttachmentReport = { tried: 0, stored: 0, refused: 0, failed: 0, waiting: 0, linked: 0 };
  const due = await d.db.query<Due>(
    `SELECT id, provider, provider_media_id, media_url, declared_type, attempts FROM inbound_attachments
     WHERE org_id = $1 AND status = 'pending' AND next_attempt_at <= $2 ORDER BY next_attempt_at, id LIMIT $3`, [orgId, now, limit]);
  if (due.length) {
    const org = replyFileLimits(await getReplyFileSettings(d.db, orgId));
    const limits = { maxBytes: d.limits?.maxBytes ?? org.maxBytes, timeoutMs: d.limits?.timeoutMs ?? org.timeoutMs };
    const by = await fetchers(d, orgId, limits);
    for (const row of due) {
      const fetch = by[row.provider];
      const r = fetch ? await fetch(row) : { ok: false as const, kind: 'permanent' as const, code: 'NO_PROVIDER', message: `no fetch for ${row.provider}` };
      const outcome = await settle(d, orgId, row, r, now);
      if (!outcome) continue;
      report.tried++;
      report[outcome]++;
    }
  }
  report.linked = await d.db.transaction((tx) => linkClaimProof(tx, orgId, now));
  return report;
}
