-- The portal chat's open streams, so that the streams allowed per session (3) hold across API processes: a stream takes
-- one of its session's slots (a row per slot) and keeps it by its heartbeat; a slot whose holder stopped renewing it (a
-- crashed process) is free again once expires_at passes, two heartbeats and a second after the last renewal. Times are
-- the database's clock, one for every process (src/portal/chat-slots.ts).
CREATE TABLE portal_chat_streams (
  org_id text NOT NULL,
  stream_key text NOT NULL,
  slot smallint NOT NULL,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, stream_key, slot)
);
ALTER TABLE portal_chat_streams ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON portal_chat_streams USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
