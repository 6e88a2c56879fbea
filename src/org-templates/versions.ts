// The wordings the org's texts have had: each save kept as a version row, never changed, named by the messages sent with it.
import type { Queryable } from '../db/index.ts';
import type { OrgTemplateKey } from './check.ts';

/** One saved wording of a text: its version, the subject (email), body and WhatsApp name, their SHA-256, who saved it when. */
export interface OrgTemplateVersion extends OrgTemplateKey {
  id: string;
  version: number;
  subject: string | null;
  body: string;
  whatsapp_name: string | null;
  sha256: string;
  saved_at: string;
  saved_by: string;
}

type Row = Omit<OrgTemplateVersion, 'saved_at'> & { saved_at: Date | string };

const COLUMNS = 'id, template, channel, tone, language, version, subject, body, whatsapp_name, sha256, saved_at, saved_by';
const view = (r: Row): OrgTemplateVersion => ({ ...r, saved_at: (r.saved_at instanceof Date ? r.saved_at : new Date(r.saved_at)).toISOString() });

/** The wording a message names (its org_template_version_id), or null (another org's id, or none kept). */
export async function orgTemplateVersion(q: Queryable, orgId: string, id: string): Promise<OrgTemplateVersion | null> {
  const [r] = await q.query<Row>(`SELECT ${COLUMNS} FROM org_template_versions WHERE org_id = $1 AND id = $2`, [orgId, id]);
  return r ? view(r) : null;
}

/** Every wording one text has had, newest first (those of a removed text too). */
export async function orgTemplateVersions(q: Queryable, orgId: string, k: OrgTemplateKey): Promise<OrgTemplateVersion[]> {
  const rows = await q.query<Row>(`SELECT ${COLUMNS} FROM org_template_versions WHERE org_id = $1 AND template = $2 AND channel = $3 AND tone = $4
    AND language = $5 ORDER BY version DESC`, [orgId, k.template, k.channel, k.tone, k.language]);
  return rows.map(view);
}
