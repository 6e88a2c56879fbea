-- A generation per org and lookup table, raised each time the table is rebuilt from scratch: a process that keeps a copy
-- of what the table holds in memory (the filter of reference keys) knows then that adding what is new since its copy
-- is not enough, and reads the table again.
ALTER TABLE match_index_state ADD COLUMN generation bigint NOT NULL DEFAULT 0;
