-- Every saved wording of an org's own text, kept unchanged (a save adds a row, a removal removes none), so that each
-- message names the exact wording it was built from: messages.org_template_version_id is written by the send's record
-- statement (the one it already runs: no statement more per message). org_templates.version_id names its current row.
-- sha256 is the hash of the wording (subject, body, WhatsApp name), also put in the template.saved audit entry (the
-- hash-chained log), so a kept row can be checked against the log.
CREATE TABLE org_template_versions (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  template text NOT NULL,
  channel text NOT NULL,
  tone text NOT NULL,
  language text NOT NULL,
  version integer NOT NULL,
  subject text,
  body text NOT NULL,
  whatsapp_name text,
  sha256 text NOT NULL,
  saved_at timestamptz NOT NULL,
  saved_by text NOT NULL,
  UNIQUE (org_id, template, channel, tone, language, version)
);

-- the wording's hash, one definition for the saves and the rows kept below (the subject is null off email, the name off WhatsApp)
CREATE FUNCTION org_template_wording_sha256(subject text, body text, whatsapp_name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT encode(sha256(convert_to(coalesce(subject, '') || chr(31) || body || chr(31) || coalesce(whatsapp_name, ''), 'UTF8')), 'hex') $$;

-- kept: no row is changed or deleted (TRUNCATE, the owner's, is left alone)
CREATE FUNCTION org_template_versions_kept() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'org_template_versions rows are kept unchanged (% refused)', TG_OP; END $$;
CREATE TRIGGER org_template_versions_kept BEFORE UPDATE OR DELETE ON org_template_versions FOR EACH ROW EXECUTE FUNCTION org_template_versions_kept();

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE org_template_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON org_template_versions USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));

ALTER TABLE org_templates ADD COLUMN version_id text;
-- no foreign key: the check would run once per message recorded (the dispatcher's hot statement); the rows it names are never deleted
ALTER TABLE messages ADD COLUMN org_template_version_id text;

-- The texts saved before: their current wording becomes their version row (an id made from its key and version). Older
-- wordings were never stored (the template.saved audit entries hold the key and version number only), so they have no row.
INSERT INTO org_template_versions (id, org_id, template, channel, tone, language, version, subject, body, whatsapp_name, sha256, saved_at, saved_by)
SELECT 'otv_' || substr(md5(org_id || '/' || template || '/' || channel || '/' || tone || '/' || language || '/' || version), 1, 22),
  org_id, template, channel, tone, language, version, subject, body, whatsapp_name,
  org_template_wording_sha256(subject, body, whatsapp_name), updated_at, updated_by
FROM org_templates;
UPDATE org_templates t SET version_id = v.id FROM org_template_versions v
WHERE v.org_id = t.org_id AND v.template = t.template AND v.channel = t.channel AND v.tone = t.tone AND v.language = t.language AND v.version = t.version;

-- Messages sent with a text's current version point at it; only those sent since the row was made (created_at): a text
-- removed and saved again started at version 1 again, so an older message's same number may be another wording. Messages
-- sent with an older version keep their number and no wording.
UPDATE messages m SET org_template_version_id = t.version_id FROM org_templates t
WHERE m.org_template_version IS NOT NULL AND m.org_id = t.org_id AND m.template = t.template AND m.channel = t.channel
  AND m.org_template_tone = t.tone AND m.template_language = t.language AND m.org_template_version = t.version AND m.sent_at >= t.created_at;
