-- The optional IMAP mailbox of an org (its settings and password live in provider_credentials as 'imap'): where the
-- poller stands in the folder it reads (the folder's UIDVALIDITY and the last UID taken), when it reads next, and the
-- last error, kept so that a failing mailbox shows instead of going quiet.

CREATE TABLE imap_mailboxes (
  org_id text PRIMARY KEY,
  mailbox text NOT NULL,
  -- a changed UIDVALIDITY means the UIDs were renumbered: the folder is read again, the inbox's event ids keep it once
  uid_validity bigint,
  last_uid bigint NOT NULL DEFAULT 0,
  next_poll_at timestamptz,
  last_polled_at timestamptz,
  last_ok_at timestamptz,
  last_error_code text,
  last_error text,
  last_error_at timestamptz,
  failures integer NOT NULL DEFAULT 0,
  stored bigint NOT NULL DEFAULT 0,
  oversize bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL
);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE imap_mailboxes ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON imap_mailboxes USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
