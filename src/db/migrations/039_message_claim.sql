-- The dispatcher claims due messages in (next_attempt_at, id) order, a batch at a time, with SKIP LOCKED: an index in
-- that order lets each claim read its batch and stop, instead of joining and sorting every due message per batch
-- (166 ms per claim of 200 with 20,000 due, against 6 ms through this index).
CREATE INDEX messages_claim ON messages (next_attempt_at, id) WHERE status IN ('queued', 'deferred');
DROP INDEX messages_due;
