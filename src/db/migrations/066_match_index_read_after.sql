-- Per org and lookup table, the oldest transaction still running when the last sync began (its 64-bit id, as
-- pg_snapshot_xmin gives it; null before the first sync that kept it): every row written before it was committed when
-- that sync read, and so indexed by then. The next sync looks again at rows changed within the overlap kept for late
-- commits only when written since (a row's xmin), not at every one (just after a large import, the whole table).
ALTER TABLE match_index_state ADD COLUMN read_after_xid bigint;
