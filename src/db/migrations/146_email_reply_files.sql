-- Files sent with email replies (Mailgun's forwarded inbound, IMAP) arrive with the message: they are kept when the
-- webhook or the mailbox is read, before the reply is applied, so such a row has no reply yet (inbound_id is filled in when
-- the reply is applied, src/worker/inbound/attachments.ts). And the org's limits on the files debtors send: the largest file
-- kept and the seconds one fetch from WhatsApp or Twilio may take. No row: cobro's defaults (10 MB, 15 seconds).
ALTER TABLE inbound_attachments ALTER COLUMN inbound_id DROP NOT NULL;

CREATE TABLE reply_file_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  max_file_mb integer NOT NULL CHECK (max_file_mb BETWEEN 1 AND 25),
  fetch_timeout_seconds integer NOT NULL CHECK (fetch_timeout_seconds BETWEEN 5 AND 60),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE reply_file_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON reply_file_settings USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
