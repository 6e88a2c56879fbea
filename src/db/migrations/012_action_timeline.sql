-- The timeline entry of a planned or skipped action is the action row itself: its place in the case's timeline is a
-- number from the same sequence as case_events.seq, taken when the row is written, so the tick writes one row per
-- action instead of two. Actions written before this migration keep their case_events entries (event_seq is null).
ALTER TABLE actions ADD COLUMN event_seq bigint;
ALTER TABLE actions ALTER COLUMN event_seq SET DEFAULT nextval('case_events_seq_seq');
-- the reason the action was planned or skipped; `reason` becomes the cancellation's when it is cancelled
ALTER TABLE actions ADD COLUMN plan_reason text;
