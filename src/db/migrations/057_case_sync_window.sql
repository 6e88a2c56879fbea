-- The worker's case sync remembers what it saw of the invoices changed just before it (the overlap it looks at again,
-- for transactions still in flight then): a digest of their ids and change times. When the next sync finds that overlap
-- as it was, nothing committed late into it, and it does not sync those customers a second time.

ALTER TABLE case_sync ADD COLUMN window_sum text;
