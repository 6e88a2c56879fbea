-- How the worker reads an org's IMAP mailbox: 'idle' while it holds a connection in IDLE (RFC 2177; next_poll_at is then
-- its lease, moved on while it holds it, so another worker leaves the mailbox alone), 'poll' when the server has no IDLE,
-- the mailbox is set against it or the last try failed; NULL until first read.
ALTER TABLE imap_mailboxes ADD COLUMN mode text CHECK (mode IN ('idle', 'poll'));
