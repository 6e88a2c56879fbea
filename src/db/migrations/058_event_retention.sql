-- Event retention: the worker deletes events (with their deliveries and attempts) older than COBRO_EVENT_RETENTION_DAYS
-- in batches, oldest first; this index lets each batch start at the oldest event and stop at the cutoff, so a round with
-- nothing to delete reads one index entry whatever the table's size.
CREATE INDEX events_created ON events (created_at);
