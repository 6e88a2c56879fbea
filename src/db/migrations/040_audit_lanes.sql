-- Audit lanes: an org's log is kept as several hash chains (lanes) instead of one, so that its writers stop queueing on
-- one head row (four dispatch workers of one org spent most of their wall time waiting there). An appender takes a lane
-- no other transaction holds (SKIP LOCKED) and waits on one only when all are held; each lane is a chain of its own,
-- checked lane by lane. The chain every org had until now is lane 0, unchanged: its entries keep their places and hashes.
-- A lane's first entry follows '' (lane 0) or 'lane N', so an entry moved to another lane no longer links.
ALTER TABLE audit_heads ADD COLUMN lane smallint NOT NULL DEFAULT 0;
ALTER TABLE audit_heads DROP CONSTRAINT audit_heads_pkey;
ALTER TABLE audit_heads ADD PRIMARY KEY (org_id, lane);
ALTER TABLE audit_log ADD COLUMN lane smallint NOT NULL DEFAULT 0;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_org_id_seq_key;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_place UNIQUE (org_id, lane, seq);
-- every org with a log gets its other lanes now, empty (place 0), as an org's first entry makes them from here on (8 lanes)
INSERT INTO audit_heads (org_id, lane, seq, prev_hash, hash) SELECT h.org_id, g, 0, '', 'lane ' || g FROM audit_heads h CROSS JOIN generate_series(1, 7) g WHERE h.lane = 0 ON CONFLICT DO NOTHING;

-- seq is an entry's place in its lane; pos orders the whole log (newest first in searches, the cursor), taken from a
-- sequence so that appenders in different lanes do not wait on each other for it. Entries written before lanes take
-- their seq, and the sequence starts above every one of them.
ALTER TABLE audit_log ADD COLUMN pos bigint;
UPDATE audit_log SET pos = seq;
CREATE SEQUENCE audit_log_pos_seq OWNED BY audit_log.pos;
SELECT setval('audit_log_pos_seq', coalesce((SELECT max(seq) FROM audit_log), 0) + 1, false);
ALTER TABLE audit_log ALTER COLUMN pos SET DEFAULT nextval('audit_log_pos_seq'), ALTER COLUMN pos SET NOT NULL;
CREATE UNIQUE INDEX audit_log_order ON audit_log (org_id, pos);
DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cobro_tenant') THEN GRANT USAGE, SELECT ON SEQUENCE audit_log_pos_seq TO cobro_tenant; END IF; END $$;
