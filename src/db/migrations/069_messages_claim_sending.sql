-- The sending mark (queued or deferred -> sending, one more attempt) as a HOT update: it stays on its row's page
-- (fillfactor 80, 055) without new entries in the table's primary key, its (org, action, channel) key and
-- messages_customer, which it wrote every time because messages_claim's predicate read `status` (PostgreSQL allows a
-- HOT update only when no column an index or its predicate reads changes). messages_claim now keeps the messages the
-- dispatcher has not finished (queued, deferred or sending), by a stored column computed from the status that the
-- sending mark leaves true; the claim reads only queued and deferred ones through it, in the same (next_attempt_at, id)
-- order, passing over the few sending at that moment; the sent record, and every state after, drops a message from it.
-- Adding the column rewrites the table once.
ALTER TABLE messages ADD COLUMN dispatching boolean GENERATED ALWAYS AS (status IN ('queued', 'deferred', 'sending')) STORED;
CREATE INDEX messages_dispatching ON messages (next_attempt_at, id) WHERE dispatching;
DROP INDEX messages_claim;
ALTER INDEX messages_dispatching RENAME TO messages_claim;
