// The org's own template texts: saved after the lints pass (version raised, audited), listed, removed, and read for rendering.
import { getSmsSettings } from './sms-settings.ts';
import { recordAudit } from '../audit/index.ts';
import type { Queryable } from '../db/index.ts';
import { fail, newId, ok, type Result } from '../domain/index.ts';
import { orgTextKey, type OrgText, type OrgTexts } from '../messaging/index.ts';
import { checkOrgTemplate, type OrgTemplateKey } from './check.ts';

export interface OrgTemplate extends OrgTemplateKey {
  subject: string | null;
  body: string;
  whatsapp_name: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
  /** The current wording's kept row (org_template_versions). */
  version_id: string;
}

interface Row extends Omit<OrgTemplate, 'created_at' | 'updated_at'> { created_at: Date | string; updated_at: Date | string }

const COLUMNS = 'template, channel, tone, language, subject, body, whatsapp_name, version, created_at, updated_at, updated_by, version_id';
const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
const view = (r: Row): OrgTemplate => ({ ...r, created_at: iso(r.created_at), updated_at: iso(r.updated_at) });
const entityId = (k: OrgTemplateKey) => `${k.template}/${k.channel}/${k.tone}/${k.language}`;

export interface OrgTemplateFilter { template?: string; channel?: string; language?: string }

/** The org's texts; `lock` holds them (FOR SHARE) to the end of the caller's transaction. */
export async function listOrgTemplates(q: Queryable, orgId: string, f: OrgTemplateFilter = {}, opts: { lock?: boolean } = {}): Promise<OrgTemplate[]> {
  const rows = await q.query<Row>(
    `SELECT ${COLUMNS} FROM org_templates WHERE org_id = $1 AND ($2::text IS NULL OR template = $2) AND ($3::text IS NULL OR channel = $3)
       AND ($4::text IS NULL OR language = $4) ORDER BY template, channel, tone, language${opts.lock ? ' FOR SHARE' : ''}`,
    [orgId, f.template ?? null, f.channel ?? null, f.language ?? null]);
  return rows.map(view);
}

export async function getOrgTemplate(q: Queryable, orgId: string, k: OrgTemplateKey): Promise<OrgTemplate | null> {
  const [r] = await q.query<Row>(`SELECT ${COLUMNS} FROM org_templates WHERE org_id = $1 AND template = $2 AND channel = $3 AND tone = $4 AND language = $5`,
    [orgId, k.template, k.channel, k.tone, k.language]);
  return r ? view(r) : null;
}

// The text upserted and its wording kept as a new version row (org_template_versions, never changed); a text saved again
// after its removal goes on from the last version kept, so a version number names one wording only.
const SAVE = `WITH up AS (
    INSERT INTO org_templates (org_id, template, channel, tone, language, subject, body, whatsapp_name, version, created_at, updated_at, updated_by, version_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1 + coalesce((SELECT max(version) FROM org_template_versions
      WHERE org_id = $1 AND template = $2 AND channel = $3 AND tone = $4 AND language = $5), 0), $9, $9, $10, $11)
    ON CONFLICT (org_id, template, channel, tone, language) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body,
      whatsapp_name = EXCLUDED.whatsapp_name, version = org_templates.version + 1, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by,
      version_id = EXCLUDED.version_id
    RETURNING ${COLUMNS}
  ), kept AS (
    INSERT INTO org_template_versions (id, org_id, template, channel, tone, language, version, subject, body, whatsapp_name, sha256, saved_at, saved_by)
    SELECT version_id, $1, template, channel, tone, language, version, subject, body, whatsapp_name, org_template_wording_sha256(subject, body, whatsapp_name),
      updated_at, updated_by FROM up
    RETURNING sha256
  )
  SELECT up.*, kept.sha256 FROM up, kept`;

/**
 * Saves the org's text once the lints pass (a failure names the field); its version rises by one on each save, and the
 * wording is kept as that version's row (its id and hash in the template.saved audit entry).
 */
export async function saveOrgTemplate(q: Queryable, orgId: string, actor: string, k: OrgTemplateKey, text: OrgText, now: Date):
  Promise<Result<OrgTemplate & { warnings: string[] }>> {
  const checked = checkOrgTemplate(k, text, k.channel === 'sms' ? (await getSmsSettings(q, orgId)).smsFold : 'auto');
  if (!checked.ok) return checked;
  const [r] = await q.query<Row & { sha256: string }>(SAVE,
    [orgId, k.template, k.channel, k.tone, k.language, text.subject ?? null, text.body, text.whatsappName ?? null, now.toISOString(), actor, newId('orgTemplateVersion', now.getTime())]);
  if (!r) throw new Error('org template not saved');
  const { sha256, ...row } = r;
  const saved = view(row);
  await recordAudit(q, { orgId, actor, action: 'template.saved', entity: 'template', entityId: entityId(k),
    data: { ...k, version: saved.version, version_id: saved.version_id, sha256 } }, now);
  return ok({ ...saved, warnings: checked.value.warnings });
}

/** Deletes the org's text (audited); removeOrgTemplate (remove.ts) refuses first a text an active strategy still needs. */
export async function deleteOrgTemplate(q: Queryable, orgId: string, actor: string, k: OrgTemplateKey, now: Date): Promise<Result<OrgTemplate>> {
  const [r] = await q.query<Row>(
    `DELETE FROM org_templates WHERE org_id = $1 AND template = $2 AND channel = $3 AND tone = $4 AND language = $5 RETURNING ${COLUMNS}`,
    [orgId, k.template, k.channel, k.tone, k.language]);
  if (!r) return fail('NOT_FOUND', `the org has no ${k.channel} text of ${k.template} in ${k.tone} tone and ${k.language}`, 'template');
  await recordAudit(q, { orgId, actor, action: 'template.removed', entity: 'template', entityId: entityId(k), data: { ...k, version: r.version } }, now);
  return ok(view(r));
}

type TextRow = Pick<Row, 'template' | 'channel' | 'tone' | 'language' | 'subject' | 'body' | 'whatsapp_name' | 'version' | 'version_id'> & { org_id: string };

/** Each org's texts for rendering (with their versions and version rows' ids, recorded on the messages sent), by org: one statement for a batch of messages of several orgs. */
export async function orgTextsOf(q: Queryable, orgIds: readonly string[]): Promise<Map<string, OrgTexts>> {
  const out = new Map<string, Map<string, OrgText>>();
  if (orgIds.length === 0) return out;
  const rows = await q.query<TextRow>(
    'SELECT org_id, template, channel, tone, language, subject, body, whatsapp_name, version, version_id FROM org_templates WHERE org_id = ANY($1::text[])', [[...new Set(orgIds)]]);
  for (const r of rows) {
    let texts = out.get(r.org_id);
    if (!texts) out.set(r.org_id, texts = new Map());
    texts.set(orgTextKey(r.template, r.channel, r.tone, r.language), {
      body: r.body, version: r.version, versionId: r.version_id, ...(r.subject !== null ? { subject: r.subject } : {}), ...(r.whatsapp_name !== null ? { whatsappName: r.whatsapp_name } : {}) });
  }
  return out;
}
